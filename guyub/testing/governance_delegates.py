"""Test world of RAT perwakilan: a cooperative whose by-laws send delegates, its members
in three areas (Sleman and Bantul in DI Yogyakarta, Semarang in Central Java), a RAT in
draft and two pre-RAT group meetings (Sleman, Bantul) sending delegates to it, made
through the meetings service so the group rules are checked as on the page."""

import datetime as dt

from django.utils import timezone
from django_scopes import scope

from guyub.governance.attendance import services as attendance
from guyub.governance.attendance.models import RegisterEntry
from guyub.governance.meetings import services as meetings
from guyub.governance.meetings.models import AgendaItem, Meeting
from guyub.members.models import Member
from guyub.testing import governance as world
from guyub.testing import governance_attendance as helpers

# Members 0-4 live in Sleman (written untidily, as typed at the counter), 5-7 in Bantul,
# 8-9 in Semarang.
AREAS = [("34", "Sleman"), ("34", " sleman"), ("34", "SLEMAN "), ("34", "Sleman"),
         ("34", "Sleman"), ("34", "Bantul"), ("34", "Bantul"), ("34", "bantul"),
         ("33", "Semarang"), ("33", "Semarang")]


def pre_rat(cooperative, board, target, *, regency="Sleman", province="34", seats=2,
            title=None) -> Meeting:
    with scope(cooperative=cooperative):
        meeting = meetings.create_meeting(
            cooperative=cooperative, actor=board, kind=Meeting.Kind.PRE_RAT,
            title=title or f"Pra-RAT {regency or province}",
            starts_at=timezone.now() + dt.timedelta(days=20), place="Balai Dusun",
            group_name=f"Kelompok {regency or province}", delegates_to=target,
            delegate_seats=seats, group_province=province, group_regency=regency)
        AgendaItem.objects.create(cooperative=cooperative, meeting=meeting, position=1,
                                  kind=AgendaItem.Kind.GENERAL,
                                  title="Pemilihan utusan ke RAT")
        return meeting


def perwakilan(cooperative, board, members) -> dict:
    world.rules(cooperative, delegates_allowed=True, notice_days=14)
    with scope(cooperative=cooperative):
        for member, (province, regency) in zip(members, AREAS, strict=False):
            Member.objects.filter(pk=member.pk).update(province=province, regency=regency)
    rat = helpers.draft_meeting(cooperative, board, starts_in=dt.timedelta(days=60))
    return {"rat": rat, "sleman": pre_rat(cooperative, board, rat, regency="Sleman"),
            "bantul": pre_rat(cooperative, board, rat, regency="Bantul", seats=1)}


def held(meeting, board) -> Meeting:
    """`meeting` called (its register frozen by the service) and then ended."""
    with scope(cooperative=meeting.cooperative):
        meeting = attendance.call(meeting=meeting, actor=board)
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CLOSED,
                                                     opened_at=timezone.now(),
                                                     ended_at=timezone.now())
        meeting.refresh_from_db()
        return meeting


def entries(meeting, *members) -> list[int]:
    with scope(cooperative=meeting.cooperative):
        return [RegisterEntry.objects.get(meeting=meeting, member=m).pk for m in members]


def item_of(meeting) -> AgendaItem:
    with scope(cooperative=meeting.cooperative):
        return AgendaItem.objects.filter(meeting=meeting).order_by("position").first()
