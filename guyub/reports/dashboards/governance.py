"""Governance figures for the dashboards: the members' meetings of the period with their
attendance (register, in the room, online, by proxy) and decisions, and for a member
their coming meetings and how many of the period's meetings and votes they took part in.

Counts only: who voted is shown as a number, what anybody chose never appears here."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from guyub.governance.attendance.models import Attendance, Proxy, RegisterEntry
from guyub.governance.ballots.models import Participation
from guyub.governance.meetings.models import Meeting

from .periods import Period

HELD = (Meeting.Status.OPEN, Meeting.Status.ADJOURNED, Meeting.Status.CLOSED)


def _in(period: Period):
    start = timezone.make_aware(dt.datetime.combine(period.start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(period.end + dt.timedelta(days=1),
                                                  dt.time.min))
    return Meeting.objects.filter(status__in=HELD, starts_at__gte=start, starts_at__lt=end)


def meetings_held(period: Period) -> list[dict]:
    """Each meeting held in the period: its register, who came (in the room, online),
    live proxies and decisions. Four grouped queries whatever the number of meetings."""
    meetings = list(_in(period).order_by("starts_at", "pk")[:50])
    ids = [m.pk for m in meetings]
    register = dict(RegisterEntry.objects.filter(meeting_id__in=ids).values("meeting_id")
                    .annotate(n=Count("id")).order_by().values_list("meeting_id", "n"))
    came = {row["meeting_id"]: row for row in Attendance.objects.filter(meeting_id__in=ids)
            .values("meeting_id").annotate(
                room=Count("id", filter=Q(mode=Attendance.Mode.IN_PERSON)),
                online=Count("id", filter=Q(mode=Attendance.Mode.ONLINE))).order_by()}
    proxies = dict(Proxy.objects.filter(meeting_id__in=ids, revoked_at__isnull=True)
                   .values("meeting_id").annotate(n=Count("id")).order_by()
                   .values_list("meeting_id", "n"))
    decided = dict(Meeting.objects.filter(pk__in=ids).annotate(n=Count("decisions"))
                   .values_list("pk", "n"))
    return [{"meeting": m, "date": timezone.localtime(m.starts_at).date(),
             "register": register.get(m.pk, 0),
             "room": (came.get(m.pk) or {}).get("room", 0),
             "online": (came.get(m.pk) or {}).get("online", 0),
             "proxies": proxies.get(m.pk, 0), "decisions": decided.get(m.pk, 0)}
            for m in meetings]


def member_participation(member, period: Period) -> dict:
    """How many of the period's meetings the member was called to and came to, and in
    how many votes their ballot (or their proxy's) was cast."""
    entries = RegisterEntry.objects.filter(member=member, meeting__in=_in(period))
    return {"called": entries.count(),
            "came": Attendance.objects.filter(entry__in=entries).count(),
            "voted": Participation.objects.filter(entry__in=entries).count()}


def member_deadlines(member, today: dt.date, until: dt.date) -> list[dict]:
    """The members' meetings the member is called to, up to `until`."""
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min))
    entries = (RegisterEntry.objects.filter(
        member=member, meeting__status__in=(Meeting.Status.CALLED, Meeting.Status.OPEN),
        meeting__starts_at__gte=start, meeting__starts_at__lt=end)
        .select_related("meeting").order_by("meeting__starts_at")[:5])
    return [{"date": timezone.localtime(e.meeting.starts_at).date(), "kind": "meeting",
             "pk": e.meeting_id,
             "text": _("%(title)s, pukul %(time)s") % {
                 "title": e.meeting.title,
                 "time": date_format(timezone.localtime(e.meeting.starts_at), "H.i")}}
            for e in entries]
