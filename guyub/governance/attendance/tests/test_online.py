"""Online attendance: joining while the meeting is open (members on the register only),
the page's heartbeat keeping them present, presence expiring without it."""

import datetime as dt

from django.utils import timezone
from django_scopes import scope

from guyub.governance.attendance.models import ONLINE_FRESH_SECONDS, Attendance
from guyub.governance.attendance.selectors import quorum_of
from guyub.governance.meetings.models import Meeting
from guyub.testing import governance as world


def test_a_member_joins_online_and_stays_present_while_the_page_beats(coop, board, members):
    meeting = world.called_meeting(coop, board, members, status=Meeting.Status.OPEN,
                                   starts_in=dt.timedelta(0))
    client = world.signed_in(members[0].user)
    base = f"/k/{coop.slug}/saya/rapat/{meeting.pk}/"
    assert client.post(base + "hadir-daring/").status_code == 302
    with scope(cooperative=coop):
        assert quorum_of(meeting).present == 1
        later = timezone.now() + dt.timedelta(seconds=ONLINE_FRESH_SECONDS + 5)
        assert quorum_of(meeting, now=later).present == 0  # the page went quiet
        Attendance.objects.update(last_seen_at=timezone.now() - dt.timedelta(minutes=5))
        assert quorum_of(meeting).present == 0
    assert client.post(base + "detak/").status_code == 204
    with scope(cooperative=coop):
        assert quorum_of(meeting).present == 1


def test_joining_online_needs_an_open_meeting_and_a_place_on_the_register(
        coop, board, members):
    called = world.called_meeting(coop, board, members)
    client = world.signed_in(members[0].user)
    client.post(f"/k/{coop.slug}/saya/rapat/{called.pk}/hadir-daring/")
    open_ = world.called_meeting(coop, board, members[1:], status=Meeting.Status.OPEN)
    # members[0] is not on the open meeting's register: that meeting does not exist here.
    assert client.post(f"/k/{coop.slug}/saya/rapat/{open_.pk}/hadir-daring/").status_code == 404
    assert client.post(f"/k/{coop.slug}/saya/rapat/{open_.pk}/detak/").status_code == 404
    with scope(cooperative=coop):
        assert not Attendance.objects.exists()


def test_a_meeting_without_online_attendance_refuses_it(coop, board, members):
    meeting = world.called_meeting(coop, board, members, status=Meeting.Status.OPEN,
                                   online=False)
    world.signed_in(members[0].user).post(f"/k/{coop.slug}/saya/rapat/{meeting.pk}/hadir-daring/")
    with scope(cooperative=coop):
        assert not Attendance.objects.exists()
