"""A meeting that has ended shows who was there when it ended, as its minutes do, not
an empty room once everyone went home (and its meter stops polling)."""

import datetime as dt

from django.utils import timezone
from django_scopes import scope

from guyub.governance.attendance.models import Attendance
from guyub.governance.meetings.models import Meeting
from guyub.testing import governance as world


def test_a_closed_meeting_s_attendance_is_read_at_its_close(coop, board):
    people = world.people(coop, board, members=4)
    m = people["members"]
    meeting = world.called_meeting(coop, board, m, status=Meeting.Status.OPEN)
    world.in_room(meeting, m[0], m[1])
    world.online(meeting, m[2])
    ended = timezone.now()
    with scope(cooperative=coop):
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CLOSED,
                                                     ended_at=ended)
        # An hour later: the online page long closed.
        Attendance.objects.filter(mode="online").update(
            last_seen_at=ended - dt.timedelta(seconds=30))
    client = world.signed_in(board)
    page = client.get(f"/k/{coop.slug}/rapat/{meeting.pk}/kehadiran/")
    assert page.context["quorum"].present == 3
    assert page.context["modes"] == {"in_person": 2, "online": 1}
    html = page.content.decode()
    assert 'id="quorum-as-of"' in html and "every 5s" not in html
    running = world.called_meeting(coop, board, m, status=Meeting.Status.OPEN)
    live = client.get(f"/k/{coop.slug}/rapat/{running.pk}/kuorum/").content.decode()
    assert "every 5s" in live
