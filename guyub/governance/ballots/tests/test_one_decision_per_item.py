"""An agenda item is decided once, by the kind of vote its subject needs: an approval,
a by-law change or dissolution is a yes or a no (never "whichever proposal wins"), and a
decided item is not voted again until the last word differs."""

import pytest
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.governance.ballots import services
from guyub.governance.ballots.models import Vote
from guyub.governance.decisions.models import Decision
from guyub.governance.decisions.selectors import approval
from guyub.governance.meetings.models import AgendaItem, Meeting
from guyub.testing import governance_ballots as box


@pytest.fixture
def accounts_meeting(coop, board):
    return box.open_meeting(coop, board, members=6, items=(
        (AgendaItem.Kind.ACCOUNTS, "Laporan keuangan 2025"),
        (AgendaItem.Kind.BYLAWS, "Perubahan AD pasal 12"),
        (AgendaItem.Kind.GENERAL, "Tempat RAT tahun depan")))


@pytest.mark.parametrize("position", [1, 2])
def test_an_approval_or_a_bylaw_change_is_never_a_choice_among_proposals(
        accounts_meeting, board, position):
    meeting, _people = accounts_meeting
    with scope(cooperative=meeting.cooperative), pytest.raises(DomainError,
                                                               match="setuju / tidak"):
        services.create_vote(item=box.item(meeting, position), actor=board,
                             kind=Vote.Kind.CHOICE, question="Terima atau tolak?",
                             choices=["Terima", "Tolak"])
    with scope(cooperative=meeting.cooperative):
        assert not Vote.objects.exists()


def test_a_rejected_report_is_not_voted_again_into_an_approval(accounts_meeting, board):
    meeting, people = accounts_meeting
    vote = box.motion(meeting, board, question="Terima laporan keuangan 2025?")
    for member in people["members"][:4]:
        box.vote_as(vote, member, [1])            # Tidak setuju
    box.vote_as(vote, people["members"][4], [0])
    assert box.close(vote, board).result == Vote.Result.REJECTED
    with scope(cooperative=meeting.cooperative):
        assert Decision.objects.get(vote=vote).outcome == Decision.Outcome.REJECTED
        with pytest.raises(DomainError, match="sudah diputuskan"):
            services.create_vote(item=box.item(meeting), actor=board, kind=Vote.Kind.MOTION,
                                 question="Sekali lagi?")
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CLOSED)
        assert approval(meeting.cooperative, fiscal_year=meeting.fiscal_year,
                        kind=AgendaItem.Kind.ACCOUNTS) is None


def test_one_vote_at_a_time_on_an_item(accounts_meeting, board):
    meeting, _people = accounts_meeting
    box.motion(meeting, board, position=3, opened=False)
    with scope(cooperative=meeting.cooperative), pytest.raises(DomainError,
                                                               match="sudah punya"):
        services.create_vote(item=box.item(meeting, 3), actor=board, kind=Vote.Kind.MOTION,
                             question="Usul kedua?")

