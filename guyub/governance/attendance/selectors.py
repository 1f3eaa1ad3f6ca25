"""Reads of the register, attendance and proxies; the live quorum."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from ..meetings.selectors import settings_for
from ..quorum import Quorum, quorum
from .models import ONLINE_FRESH_SECONDS, Attendance, Proxy, RegisterEntry


def present_filter(now=None) -> Q:
    """Attendance rows that count as present at `now`: in the room and not gone out, or
    online with the meeting page open within the last ONLINE_FRESH_SECONDS."""
    now = now or timezone.now()
    fresh = now - dt.timedelta(seconds=ONLINE_FRESH_SECONDS)
    return (Q(mode=Attendance.Mode.IN_PERSON, left_at__isnull=True)
            | Q(mode=Attendance.Mode.ONLINE, last_seen_at__gte=fresh))


def present_entry_ids(meeting, *, now=None) -> set[int]:
    return set(Attendance.objects.filter(meeting=meeting).filter(present_filter(now))
               .values_list("entry_id", flat=True))


def is_present(entry, *, now=None) -> bool:
    return Attendance.objects.filter(entry=entry).filter(present_filter(now)).exists()


def live_proxies(meeting) -> list[tuple[int, int]]:
    """(grantor entry id, holder entry id) of the proxies not revoked."""
    return list(Proxy.objects.filter(meeting=meeting, revoked_at__isnull=True)
                .order_by("id").values_list("grantor_id", "holder_id"))


def quorum_of(meeting, *, now=None) -> Quorum:
    """The quorum as it stands: the frozen register, who is present, the proxies whose
    holder is present (when the by-laws allow proxies), against the meeting's rule."""
    rules = settings_for(meeting.cooperative)
    present = present_entry_ids(meeting, now=now)
    proxies = live_proxies(meeting) if rules.proxies_allowed else []
    return quorum(register=RegisterEntry.objects.filter(meeting=meeting).count(),
                  present=present, proxies=proxies, cap=rules.proxy_cap,
                  fraction=meeting.quorum_fraction or rules.quorum_fraction,
                  rule=meeting.quorum_rule or rules.quorum_rule)
