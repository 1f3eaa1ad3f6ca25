"""The door: in by number or by the card's QR code, out and back in (every move in the
log), refused for someone not on the register, twice, a forged code or another
meeting's card; an online attendee arriving switches to in person."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.governance.attendance.codes import checkin_code
from guyub.governance.attendance.models import Attendance, AttendanceEvent
from guyub.testing import governance as world
from guyub.testing import governance_attendance as helpers
from guyub.testing.factories import MemberFactory

Mode = Attendance.Mode


@pytest.fixture
def meeting(coop, board, members):
    return helpers.today_meeting(coop, board, members)


def door(client, meeting, code, action="in"):
    return client.post(f"/k/{meeting.cooperative.slug}/rapat/{meeting.pk}/pintu/",
                       {"code": code, action: ""})


def outcome(response) -> str:
    return response.context["outcome"]["text"]


def test_staff_check_a_member_in_by_number(coop, meeting, members, staff):
    client = world.signed_in(staff)
    entry = world.entry_of(meeting, members[0])
    response = door(client, meeting, str(entry.number))
    assert response.status_code == 200
    assert response.context["outcome"]["ok"], outcome(response)
    assert members[0].owner_name in outcome(response)
    with scope(cooperative=coop):
        att = Attendance.objects.get(entry=entry)
        assert (att.mode, att.left_at, att.checked_in_by) == (Mode.IN_PERSON, None, staff)
    assert response.context["quorum"].present == 1


def test_checking_in_twice_says_since_when(coop, meeting, members, staff):
    client = world.signed_in(staff)
    number = str(world.entry_of(meeting, members[0]).number)
    door(client, meeting, number)
    again = door(client, meeting, number)
    since = timezone.localtime().strftime("%H.")
    assert not again.context["outcome"]["ok"]
    assert "sudah hadir sejak " + since in outcome(again)


def test_the_card_qr_code_checks_in_and_a_forged_or_foreign_code_is_refused(
        coop, board, meeting, members, staff):
    client = world.signed_in(staff)
    entry = world.entry_of(meeting, members[1])
    assert door(client, meeting, checkin_code(meeting.pk, entry.pk)).context["outcome"]["ok"]
    forged = checkin_code(meeting.pk, entry.pk)[:-3] + "xyz"
    assert "tidak sah" in outcome(door(client, meeting, forged))
    other = helpers.today_meeting(coop, board, members, title="RALB")
    foreign = checkin_code(other.pk, world.entry_of(other, members[2]).pk)
    assert "rapat lain" in outcome(door(client, meeting, foreign))
    with scope(cooperative=coop):
        assert Attendance.objects.filter(meeting=meeting).count() == 1


def test_someone_not_on_the_register_is_refused(coop, meeting, staff):
    stranger = MemberFactory(cooperative=coop, number=4321)
    response = door(world.signed_in(staff), meeting, str(stranger.number))
    assert "tidak terdaftar sebagai pemilih rapat ini" in outcome(response)


def test_out_and_back_in_are_logged_and_counted(coop, meeting, members, staff):
    client = world.signed_in(staff)
    number = str(world.entry_of(meeting, members[0]).number)
    door(client, meeting, number)
    gone = door(client, meeting, number, "out")
    assert gone.context["outcome"]["ok"] and gone.context["quorum"].present == 0
    with scope(cooperative=coop):
        assert Attendance.objects.get(meeting=meeting).left_at is not None
    back = door(client, meeting, number)
    assert back.context["quorum"].present == 1
    with scope(cooperative=coop):
        assert Attendance.objects.get(meeting=meeting).left_at is None
        assert list(AttendanceEvent.objects.filter(meeting=meeting)
                    .values_list("kind", flat=True)) == ["in", "out", "in"]


def test_the_door_is_closed_before_the_meeting_day(coop, board, members, staff):
    later = world.called_meeting(coop, board, members)
    response = door(world.signed_in(staff), later,
                    str(world.entry_of(later, members[0]).number))
    assert "hari rapat" in outcome(response)


def test_an_online_attendee_arriving_in_the_room_is_in_person(coop, meeting, members, staff):
    world.online(meeting, members[3])
    door(world.signed_in(staff), meeting, str(world.entry_of(meeting, members[3]).number))
    with scope(cooperative=coop):
        att = Attendance.objects.get(meeting=meeting)
        assert att.mode == Mode.IN_PERSON and att.left_at is None


def test_the_member_page_shows_a_printable_qr_card(coop, meeting, members):
    response = world.signed_in(members[0].user).get(
        f"/k/{coop.slug}/saya/rapat/{meeting.pk}/")
    assert response.status_code == 200
    assert b"<svg" in response.content and members[0].owner_name.encode() in response.content
    stranger = world.member_with_login(coop, "Orang Lain")
    assert world.signed_in(stranger.user).get(
        f"/k/{coop.slug}/saya/rapat/{meeting.pk}/").status_code == 404
    assert meeting.starts_at > timezone.now() - dt.timedelta(days=1)
