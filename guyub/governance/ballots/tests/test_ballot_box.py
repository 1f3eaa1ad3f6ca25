"""The ballot box: secret by construction (what the tables can hold), one ballot per
voter, filled at random, sealed at close; opening needs the quorum; casting needs the
voter (or their proxy's holder) present."""

import datetime as dt

import pytest
from django.db import models
from django.utils import timezone
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.governance.attendance.models import Attendance, RegisterEntry
from guyub.governance.ballots import codes, services
from guyub.governance.ballots.models import Ballot, NamedChoice, Participation, Vote
from guyub.members.models import Member
from guyub.notifications.models import Notice
from guyub.testing import governance as world
from guyub.testing import governance_ballots as box

YES, NO, ABSTAIN = [0], [1], [2]


@pytest.fixture
def room(coop, board):
    return box.open_meeting(coop, board, members=10)


def test_a_ballot_has_no_column_that_could_name_its_voter_or_its_time():
    for field in Ballot._meta.concrete_fields:
        assert not isinstance(field, models.DateTimeField | models.DateField), field.name
        if field.is_relation:
            assert field.related_model not in {Member, RegisterEntry, Participation} and \
                field.related_model._meta.label != "auth.User" and \
                field.related_model._meta.model_name != "user", field.name
    assert isinstance(Ballot._meta.pk, models.UUIDField)
    participation = {f.name for f in Participation._meta.concrete_fields}
    assert not participation & {"selection", "ballot", "option", "choice", "receipt"}


def test_opening_fills_the_box_with_one_blank_per_voter_on_the_register(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    with scope(cooperative=meeting.cooperative):
        assert Ballot.objects.filter(vote=vote).count() == 10
        assert not Ballot.objects.filter(vote=vote, filled=True).exists()
    vote = box.fresh(vote)
    assert (vote.status, vote.register_count, vote.present_at_open, vote.needed_count) == (
        Vote.Status.OPEN, 10, 10, 6)


def test_a_vote_cannot_open_without_the_quorum(coop, board):
    meeting, people = box.open_meeting(coop, board, members=10, present=4)
    vote = box.motion(meeting, board, opened=False)
    with scope(cooperative=coop), pytest.raises(DomainError) as refused:
        services.open_vote(vote=vote, actor=board)
    assert str(refused.value.message) == "Kuorum belum tercapai: hadir 4, diwakili 0, perlu 6."
    with scope(cooperative=coop):
        assert not Ballot.objects.filter(vote=vote).exists()


def test_one_ballot_per_voter_the_second_is_refused(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    sari = people["members"][0]
    box.vote_as(vote, sari, YES)
    with pytest.raises(DomainError) as refused:
        box.vote_as(vote, sari, NO)
    assert str(refused.value.message) == "Anda sudah memberikan suara."
    with scope(cooperative=meeting.cooperative):
        assert Participation.objects.filter(vote=vote).count() == 1
        assert Ballot.objects.filter(vote=vote, filled=True).count() == 1


def test_the_box_is_filled_at_random_not_in_the_order_people_vote(room, board):
    meeting, people = box.open_meeting(room[0].cooperative, board, members=30)
    vote = box.motion(meeting, board)
    receipts = [codes.receipt_hash(box.vote_as(vote, m, YES)) for m in people["members"]]
    with scope(cooperative=meeting.cooperative):
        by_receipt = dict(Ballot.objects.filter(vote=vote, filled=True)
                          .values_list("receipt", "id"))
    filled_in_cast_order = [str(by_receipt[r]) for r in receipts]
    # 30 random picks sorted by chance: 1 in 30! — never in practice.
    assert filled_in_cast_order != sorted(filled_in_cast_order)
    assert filled_in_cast_order != sorted(filled_in_cast_order, reverse=True)


def test_a_member_must_be_present_to_cast(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    sari = people["members"][0]
    with scope(cooperative=meeting.cooperative):
        Attendance.objects.filter(entry__member=sari).update(left_at=timezone.now())
    with pytest.raises(DomainError):
        box.vote_as(vote, sari, YES)


def test_a_proxy_is_cast_by_its_holder_only_while_the_holder_is_present(coop, board):
    meeting, people = box.open_meeting(coop, board, members=10, present=8,
                                       proxies_allowed=True, proxy_cap=1)
    m = people["members"]
    holder, grantor = m[0], m[9]
    world.proxy(meeting, grantor, holder)
    vote = box.motion(meeting, board)
    with scope(cooperative=coop):
        h, g = world.entry_of(meeting, holder), world.entry_of(meeting, grantor)
        Attendance.objects.filter(entry=h).update(left_at=timezone.now())
        with pytest.raises(DomainError):
            services.cast_online(vote=vote, holder=h, voter=g, positions=YES, actor=holder.user)
        Attendance.objects.filter(entry=h).update(left_at=None)
        # Another present member holds no proxy of the grantor.
        other = world.entry_of(meeting, m[1])
        with pytest.raises(DomainError):
            services.cast_online(vote=vote, holder=other, voter=g, positions=YES,
                                 actor=m[1].user)
        code = services.cast_online(vote=vote, holder=h, voter=g, positions=YES,
                                    actor=holder.user)
        assert code
        # The holder still has their own ballot.
        services.cast_online(vote=vote, holder=h, voter=h, positions=NO, actor=holder.user)
        got = dict(Participation.objects.filter(vote=vote).values_list("entry_id", "cast_by_id"))
    assert got == {g.pk: h.pk, h.pk: None}


def test_a_ballot_marks_exactly_one_option_of_a_motion(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    for wrong in ([], [0, 1], [7], ["x"]):
        with pytest.raises(DomainError):
            box.vote_as(vote, people["members"][0], wrong)
    with scope(cooperative=meeting.cooperative):
        assert not Participation.objects.filter(vote=vote).exists()


def test_the_receipt_code_is_stored_only_as_its_hash_and_never_in_the_audit_log(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    code = box.vote_as(vote, people["members"][0], YES)
    with scope(cooperative=meeting.cooperative):
        ballot = Ballot.objects.get(vote=vote, filled=True)
        assert ballot.receipt == codes.receipt_hash(code)
        logged = list(AuditLog.objects.filter(action="ballot.cast").values_list("data",
                                                                               flat=True))
    assert logged and code not in str(logged) and "selection" not in str(logged)
    assert all(set(d) <= {"via"} for d in logged)


def test_the_close_tallies_seals_and_records_the_decision(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    m = people["members"]
    for member, pick in zip(m, [YES] * 5 + [NO] * 3 + [ABSTAIN] * 2, strict=True):
        box.vote_as(vote, member, pick)
    tally = box.close(vote, board)
    assert (tally.result, tally.valid, tally.ballots_cast) == ("passed", True, 10)
    assert [c.votes for c in tally.counts] == [5, 3, 2]
    vote = box.fresh(vote)
    with scope(cooperative=meeting.cooperative):
        assert (vote.status, vote.result, vote.ballots_cast) == ("closed", "passed", 10)
        assert Ballot.objects.filter(vote=vote, filled=True, sealed=True).count() == 10
        assert not Ballot.objects.filter(vote=vote, filled=False, sealed=True).exists()
        decision = vote.decision
        assert (decision.method, decision.outcome) == ("vote", "approved")
        assert "Setuju 5" in decision.text and "Tidak setuju 3" in decision.text
        # Nobody is told anybody's choice: the closing notice names the result only.
        texts = [str(n.params) for n in Notice.objects.filter(
            topic="governance.vote_closed")] if hasattr(Notice, "params") else []
        assert all("Setuju 5" not in t for t in texts)


def test_a_tie_is_reported_not_resolved(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    for member, pick in zip(people["members"][:4], [YES, NO, YES, NO], strict=True):
        box.vote_as(vote, member, pick)
    assert box.close(vote, board).result == "tie"
    with scope(cooperative=meeting.cooperative):
        assert box.fresh(vote).decision.outcome == "tie"


def test_a_choice_goes_to_the_most_voted_proposal(room, board):
    meeting, people = room
    vote = box.choice(meeting, board)
    for member, pick in zip(people["members"][:5], [[1], [1], [0], [2], [1]], strict=True):
        box.vote_as(vote, member, pick)
    tally = box.close(vote, board)
    assert (tally.result, tally.winners) == ("chosen", (1,))
    with scope(cooperative=meeting.cooperative):
        assert "Gedung Koperasi" in box.fresh(vote).decision.text


def test_a_vote_closes_invalid_when_the_quorum_is_lost_before_closing(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    for member in people["members"][:6]:
        box.vote_as(vote, member, YES)
    with scope(cooperative=meeting.cooperative):
        Attendance.objects.filter(entry__member__in=people["members"][:5]).update(
            left_at=timezone.now())
    tally = box.close(vote, board)
    assert (tally.result, tally.valid, tally.ballots_cast) == ("invalid", False, 6)
    assert tally.option(0).votes == 6  # counted all the same, shown as not valid
    vote = box.fresh(vote)
    assert (vote.status, vote.result, vote.present_at_close) == ("invalid", "invalid", 5)
    with scope(cooperative=meeting.cooperative):
        assert vote.decision.outcome == "invalid"


def test_an_open_vote_keeps_the_named_record_and_a_secret_vote_never_does(room, board):
    meeting, people = room
    secret = box.motion(meeting, board)
    named = box.motion(meeting, board, position=2, secret=False, question="Terbuka?")
    box.vote_as(secret, people["members"][0], YES)
    box.vote_as(named, people["members"][0], NO)
    with scope(cooperative=meeting.cooperative):
        assert not NamedChoice.objects.filter(vote=secret).exists()
        assert list(NamedChoice.objects.filter(vote=named).values_list("selection", flat=True)) \
            == [2]


def test_a_closed_vote_takes_no_more_ballots(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    box.close(vote, board)
    with pytest.raises(DomainError):
        box.vote_as(box.fresh(vote), people["members"][0], YES)


def test_an_online_member_counts_while_their_page_is_open(coop, board):
    meeting, people = box.open_meeting(coop, board, members=10, present=9)
    late = people["members"][9]
    world.online(meeting, late)
    vote = box.motion(meeting, board)
    assert box.vote_as(vote, late, YES)
    meeting2 = meeting
    with scope(cooperative=coop):
        Attendance.objects.filter(entry__member=people["members"][8]).update(
            mode=Attendance.Mode.ONLINE, last_seen_at=timezone.now() - dt.timedelta(minutes=5))
    with pytest.raises(DomainError):
        box.vote_as(vote, people["members"][8], YES)
    assert meeting2
