"""Adjourning waits for open votes to close; the door and the register search take any
text typed or scanned without a server error."""

import pytest
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.governance.attendance import services
from guyub.governance.meetings.models import Meeting
from guyub.testing import governance as world
from guyub.testing import governance_attendance as helpers
from guyub.testing import governance_ballots as box


def test_a_meeting_with_an_open_vote_is_not_adjourned(coop, board):
    meeting, _people = box.open_meeting(coop, board, members=4)
    vote = box.motion(meeting, board)
    with scope(cooperative=coop), pytest.raises(DomainError, match="Tutup dulu"):
        services.adjourn(meeting=meeting, actor=board, reason="Listrik padam.")
    box.close(vote, board)
    with scope(cooperative=coop):
        assert services.adjourn(meeting=meeting, actor=board,
                                reason="Listrik padam.").status == Meeting.Status.ADJOURNED


@pytest.mark.parametrize("typed", ["²", "١٢", "12\u00b3", "9" * 40, "-5", " "])
def test_odd_digits_at_the_door_and_in_the_register_search_are_answered(
        coop, board, typed):
    people = world.people(coop, board, members=2)
    meeting = helpers.today_meeting(coop, board, people["members"])
    client = world.signed_in(board)
    door = client.post(f"/k/{coop.slug}/rapat/{meeting.pk}/pintu/",
                       {"code": typed, "in": ""})
    assert door.status_code in (200, 302)
    search = client.get(f"/k/{coop.slug}/rapat/{meeting.pk}/daftar-pemilih/", {"q": typed})
    assert search.status_code == 200
