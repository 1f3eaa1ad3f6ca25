"""The statements of a cast touch one cooperative's rows: each names its cooperative,
and another cooperative's id with this vote's keys reads and writes nothing."""

import pytest
from django_scopes import scope

from guyub.governance.ballots import statements
from guyub.governance.ballots.models import Ballot, Participation
from guyub.testing import governance as world
from guyub.testing import governance_ballots as box

pytestmark = pytest.mark.django_db


def test_every_cast_statement_names_its_cooperative():
    sqls = [statements.vote_sql(), statements.vote_open_sql(), statements.positions_sql(),
            statements.fill_slot_sql(), statements.fill_nth_sql(),
            statements.blanks_left_sql()]
    assert all("cooperative_id = %s" in sql for sql in sqls)
    # The participation is an INSERT: its cooperative is a column it writes.
    assert "(cooperative_id," in statements.participation_sql()


def test_a_cast_under_another_cooperative_reads_and_writes_nothing(coop, other_coop, board):
    meeting, people = box.open_meeting(coop, board, members=3)
    vote = box.motion(meeting, board)
    entry = world.entry_of(meeting, people["members"][0])
    other = other_coop.pk
    with scope(cooperative=coop):
        assert statements.vote(cooperative_id=coop.pk, vote_id=vote.pk) == vote
        assert statements.vote(cooperative_id=other, vote_id=vote.pk) is None
        assert statements.is_open(cooperative_id=coop.pk, vote_id=vote.pk)
        assert not statements.is_open(cooperative_id=other, vote_id=vote.pk)
        assert statements.positions(cooperative_id=coop.pk, vote_id=vote.pk) == {0, 1, 2}
        assert statements.positions(cooperative_id=other, vote_id=vote.pk) == set()
        assert not statements.fill_blank(cooperative_id=other, vote_id=vote.pk, slots=3,
                                         selection=1, receipt="x" * 64)
        assert not Ballot.objects.filter(vote=vote, filled=True).exists()
        assert statements.fill_blank(cooperative_id=coop.pk, vote_id=vote.pk, slots=3,
                                     selection=1, receipt="x" * 64)
        assert Ballot.objects.filter(vote=vote, filled=True).count() == 1
        first = dict(cooperative_id=coop.pk, vote_id=vote.pk, entry_id=entry.pk,
                     via="tablet", cast_by_id=None, recorded_by_id=None)
        assert statements.participate(**first)
        assert not statements.participate(**first)  # one per voter
        assert Participation.objects.filter(vote=vote).count() == 1


def test_every_blank_is_filled_once_whatever_the_draws(coop, board):
    """The random slots miss more and more as the box fills; the count-and-take-the-n-th
    draw then finds the last blanks, and a full box says so."""
    meeting, _people = box.open_meeting(coop, board, members=12)
    vote = box.motion(meeting, board)
    with scope(cooperative=coop):
        assert sorted(Ballot.objects.filter(vote=vote).values_list("slot", flat=True)) == \
            list(range(12))
        for n in range(12):
            assert statements.fill_blank(cooperative_id=coop.pk, vote_id=vote.pk, slots=12,
                                         selection=1, receipt=f"{n:064d}")
        assert not statements.fill_blank(cooperative_id=coop.pk, vote_id=vote.pk, slots=12,
                                         selection=1, receipt="y" * 64)
        assert Ballot.objects.filter(vote=vote, filled=True).count() == 12
