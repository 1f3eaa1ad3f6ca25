"""On PostgreSQL: the triggers keep the box append-only (raw SQL, as a database
administrator would try), and parallel casts give one ballot per voter."""

import pytest
from django.db import DatabaseError, connection, transaction
from django_scopes import scope

from guyub.governance.ballots import services, statements
from guyub.governance.ballots.models import Ballot, Participation
from guyub.testing import governance as world
from guyub.testing import governance_ballots as box
from guyub.testing.concurrency import at_once

pytestmark = pytest.mark.postgres


def refused(sql, params):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_the_box_refuses_deletes_and_edits_of_what_was_cast(coop, board):
    meeting, people = box.open_meeting(coop, board, members=4)
    vote = box.motion(meeting, board, secret=False)
    box.vote_as(vote, people["members"][0], [0])
    with scope(cooperative=coop):
        filled = Ballot.objects.get(vote=vote, filled=True)
        blank = Ballot.objects.filter(vote=vote, filled=False).first()
        participation = Participation.objects.get(vote=vote)
    refused("DELETE FROM governance_ballot WHERE id = %s", [filled.pk])
    refused("DELETE FROM governance_ballot WHERE id = %s", [blank.pk])
    refused("UPDATE governance_ballot SET selection = 2 WHERE id = %s", [filled.pk])
    refused("UPDATE governance_ballot SET receipt = 'x', sealed = true WHERE id = %s",
            [filled.pk])
    refused("UPDATE governance_participation SET via = 'paper' WHERE id = %s",
            [participation.pk])
    refused("DELETE FROM governance_participation WHERE id = %s", [participation.pk])
    refused("UPDATE governance_namedchoice SET selection = 2 WHERE vote_id = %s", [vote.pk])
    refused("DELETE FROM governance_namedchoice WHERE vote_id = %s", [vote.pk])
    # The seal is the one change a filled ballot takes, once.
    box.close(vote, board)
    with scope(cooperative=coop):
        assert Ballot.objects.get(pk=filled.pk).sealed
    refused("UPDATE governance_ballot SET sealed = false WHERE id = %s", [filled.pk])


@pytest.mark.django_db(transaction=True)
def test_the_same_member_casting_twice_at_once_online_and_at_a_tablet_gets_one_ballot(
        coop, board):
    meeting, people = box.open_meeting(coop, board, members=4)
    vote = box.motion(meeting, board)
    sari = people["members"][0]
    with scope(cooperative=coop):
        entry = world.entry_of(meeting, sari)
    results = at_once(coop, [
        lambda: services.cast_online(vote=vote, holder=entry, voter=entry, positions=[0],
                                     actor=sari.user),
        lambda: services.cast_tablet(vote=vote, voter=entry, positions=[1],
                                     actor=people["staff"]),
    ])
    assert sorted(r[0] for r in results) == ["ok", "refused"], results
    with scope(cooperative=coop):
        assert Participation.objects.filter(vote=vote).count() == 1
        assert Ballot.objects.filter(vote=vote, filled=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_voters_at_once_fill_twenty_distinct_ballots(coop, board):
    meeting, people = box.open_meeting(coop, board, members=20)
    vote = box.motion(meeting, board)
    with scope(cooperative=coop):
        entries = [world.entry_of(meeting, m) for m in people["members"]]

    def caster(entry, member):
        return lambda: services.cast_online(vote=vote, holder=entry, voter=entry,
                                            positions=[0], actor=member.user)

    results = at_once(coop, [caster(e, m) for e, m in zip(entries, people["members"],
                                                          strict=True)])
    assert [r[0] for r in results] == ["ok"] * 20, [r for r in results if r[0] != "ok"]
    with scope(cooperative=coop):
        assert Ballot.objects.filter(vote=vote, filled=True).count() == 20
        assert len(set(Ballot.objects.filter(vote=vote, filled=True)
                       .values_list("receipt", flat=True))) == 20
    assert box.close(vote, board).option(0).votes == 20


@pytest.mark.django_db(transaction=True)
def test_twenty_voters_at_once_past_the_random_slots_still_fill_twenty_ballots(
        coop, board, monkeypatch):
    """With no random slot tried, every cast takes the n-th blank left: the n-th is
    locked alone (a locking OFFSET would hold the n blanks before it and starve the
    others)."""
    monkeypatch.setattr(statements, "SLOT_TRIES", 0)
    meeting, people = box.open_meeting(coop, board, members=20)
    vote = box.motion(meeting, board)
    with scope(cooperative=coop):
        entries = [world.entry_of(meeting, m) for m in people["members"]]
    results = at_once(coop, [
        (lambda e=e, m=m: services.cast_online(vote=vote, holder=e, voter=e, positions=[1],
                                               actor=m.user))
        for e, m in zip(entries, people["members"], strict=True)])
    assert [r[0] for r in results] == ["ok"] * 20, [r for r in results if r[0] != "ok"]
    with scope(cooperative=coop):
        assert not Ballot.objects.filter(vote=vote, filled=False).exists()
    assert box.close(vote, board).option(1).votes == 20


@pytest.mark.django_db
def test_the_nth_blank_is_found_once_per_cast_not_once_per_ballot(coop, board):
    """The n-th blank's subquery must not depend on the outer row: PostgreSQL would run
    it again for every ballot it scans (a minute per cast in a box of 20,000)."""
    meeting, _people = box.open_meeting(coop, board, members=4)
    vote = box.motion(meeting, board)
    params = [0, "x" * 64, coop.pk, vote.pk, coop.pk, vote.pk, 1]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + statements.fill_nth_sql(), params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "SubPlan" not in plan, plan
