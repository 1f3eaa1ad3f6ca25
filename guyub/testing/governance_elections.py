"""Test worlds of decisions, elections and minutes: decisions written as the services
would, an election whose vote is closed with counts set by hand (standing in for
ballots' tally), and the walk's objects for the permission and tenant tests."""

import datetime as dt

from django.utils import timezone
from django_scopes import scope

from guyub.governance.ballots.models import Vote
from guyub.governance.decisions.models import Decision
from guyub.governance.elections.services import create_election
from guyub.governance.meetings.models import AgendaItem, Meeting
from guyub.testing import governance as world
from guyub.testing.factories import MemberFactory
from guyub.testing.governance_decisions import decide, item, set_status  # noqa: F401

STATEMENT = "Mengutamakan transparansi keuangan dan pelatihan anggota."


def election(meeting, board, candidates, *, seats=2, office="board",
             term_start=None, term_end=None):
    """An election on the meeting's ELECTION item with `candidates` (members)."""
    today = timezone.localdate()
    start = term_start or today + dt.timedelta(days=30)
    end = term_end or start.replace(year=start.year + 4)
    with scope(cooperative=meeting.cooperative):
        return create_election(item=item(meeting, AgendaItem.Kind.ELECTION), actor=board,
                               office=office, seats=seats, term_start=start, term_end=end,
                               candidates=[(m, STATEMENT) for m in candidates])


def tallied(election, counts, *, status=Vote.Status.CLOSED):
    """The election's vote closed with `counts` per option (ballot order), as ballots'
    close_vote would leave it."""
    with scope(cooperative=election.cooperative):
        vote = election.vote
        for option, n in zip(vote.options.order_by("position"), counts, strict=True):
            option.votes = n
            option.save(update_fields=["votes"])
        now = timezone.now()
        Vote.objects.filter(pk=vote.pk).update(
            status=status, opened_at=now, closed_at=now, ballots_cast=max(counts),
            register_count=10, needed_count=6, present_at_open=8, represented_at_open=1,
            present_at_close=7, represented_at_close=1)
        vote.refresh_from_db()
        return vote


def governance_walk_world(cooperative, user, member) -> dict:
    """For the permission and tenant walks: an open RAT with `member` on its register,
    an election item with an election, a general item with a consensus decision."""
    members = [member, *(MemberFactory(cooperative=cooperative, owner_name=f"Calon {n}")
                         for n in (1, 2))]
    meeting = world.called_meeting(
        cooperative, user, members, status=Meeting.Status.OPEN,
        items=[(AgendaItem.Kind.ACCOUNTS, "Laporan pertanggungjawaban"),
               (AgendaItem.Kind.ELECTION, "Pemilihan pengurus")])
    chosen = election(meeting, user, members[1:], seats=1)
    decision = decide(meeting, Decision.Outcome.APPROVED, kind=AgendaItem.Kind.ACCOUNTS,
                      actor=user)
    return {"gov_meeting": meeting, "gov_item": item(meeting, AgendaItem.Kind.ACCOUNTS),
            "gov_election_item": item(meeting, AgendaItem.Kind.ELECTION),
            "gov_election_vote": chosen.vote, "gov_decision": decision}
