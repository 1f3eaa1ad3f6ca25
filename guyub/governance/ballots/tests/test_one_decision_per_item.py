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
from guyub.governance.decisions.services import decide_by_consensus
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



def test_consensus_and_a_vote_never_both_decide_an_item(accounts_meeting, board):
    meeting, people = accounts_meeting
    item = box.item(meeting, 3)
    with scope(cooperative=meeting.cooperative):
        # A vote under way decides the item: no consensus recorded beside it.
        vote = box.motion(meeting, board, position=3)
        with pytest.raises(DomainError, match="sedang dibuka"):
            decide_by_consensus(item=item, outcome=Decision.Outcome.APPROVED,
                                text="Disetujui secara musyawarah.", actor=board)
        box.vote_as(vote, people["members"][0], [0])
        box.close(vote, board)
        # Prepared, then the meeting agreed by consensus: the vote can no longer open.
        item2 = box.item(meeting, 1)
        prepared = box.motion(meeting, board, position=1, opened=False)
        decide_by_consensus(item=item2, outcome=Decision.Outcome.APPROVED,
                            text="Laporan diterima secara musyawarah.", actor=board)
        with pytest.raises(DomainError, match="sudah diputuskan"):
            services.open_vote(vote=prepared, actor=board)
        assert Vote.objects.get(pk=prepared.pk).status == Vote.Status.DRAFT
        assert [d.outcome for d in Decision.objects.filter(item__in=[item, item2])
                .order_by("item__position")] == [Decision.Outcome.APPROVED,
                                                  Decision.Outcome.APPROVED]
