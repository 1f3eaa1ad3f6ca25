"""The quorum meter: present in the room and online, represented by proxy (not when the
holder leaves), needed, the register; green with "Kuorum tercapai" when reached."""

import datetime as dt

from django.utils import timezone
from django_scopes import scope

from guyub.governance.attendance import selectors
from guyub.governance.attendance.models import Attendance
from guyub.governance.meetings.models import Meeting
from guyub.testing import governance as world


def test_the_meter_counts_the_room_online_and_proxies_of_present_holders(
        coop, board, members, staff):
    meeting = world.called_meeting(coop, board, members, status=Meeting.Status.OPEN)
    world.in_room(meeting, *members[:3])
    world.online(meeting, members[3])
    world.proxy(meeting, members[9], members[0])
    world.proxy(meeting, members[8], members[4])  # holder absent: not counted
    client = world.signed_in(staff)
    url = f"/k/{coop.slug}/rapat/{meeting.pk}/kuorum/"
    response = client.get(url)
    q, modes = response.context["quorum"], response.context["modes"]
    assert (q.present, q.represented, q.needed, q.register) == (4, 1, 6, 10)
    assert modes == {"in_person": 3, "online": 1}
    assert "Kurang 1 orang" in response.content.decode()
    world.in_room(meeting, members[5])
    assert "Kuorum tercapai" in client.get(url).content.decode()
    # The holder leaves: their proxy stops counting, the quorum is lost again.
    with scope(cooperative=coop):
        Attendance.objects.filter(entry=world.entry_of(meeting, members[0])).update(
            left_at=timezone.now())
        q = selectors.quorum_of(meeting)
    assert (q.present, q.represented, q.reached) == (4, 0, False)


def test_the_database_count_agrees_with_the_pure_quorum(coop, board, members):
    world.rules(coop, proxy_cap=2)
    meeting = world.called_meeting(coop, board, members)
    world.in_room(meeting, *members[:2])
    world.online(meeting, members[2])
    with scope(cooperative=coop):
        Attendance.objects.filter(entry=world.entry_of(meeting, members[2])).update(
            last_seen_at=timezone.now() - dt.timedelta(minutes=10))
    for grantor in (5, 6, 7):
        world.proxy(meeting, members[grantor], members[0])
    world.proxy(meeting, members[1], members[3])  # grantor present: counted as themselves
    with scope(cooperative=coop):
        counted = selectors.quorum_of(meeting)
        from guyub.governance.quorum import quorum
        pure = quorum(register=10, present=selectors.present_entry_ids(meeting),
                      proxies=selectors.live_proxies(meeting), cap=2,
                      fraction=meeting.quorum_fraction, rule=meeting.quorum_rule)
    assert counted == pure
    assert (counted.present, counted.represented) == (2, 2)


def test_the_attendance_page_and_the_register_page_answer(coop, board, members, staff):
    meeting = world.called_meeting(coop, board, members)
    world.in_room(meeting, members[0])
    client = world.signed_in(staff)
    page = client.get(f"/k/{coop.slug}/rapat/{meeting.pk}/kehadiran/")
    assert page.status_code == 200 and members[0].owner_name.encode() in page.content
    found = client.get(f"/k/{coop.slug}/rapat/{meeting.pk}/daftar-pemilih/",
                       {"q": members[1].owner_name[:5]})
    assert [e.member_id for e in found.context["page"]] == [members[1].pk]
