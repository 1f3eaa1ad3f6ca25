"""Reads of the register, attendance and proxies; the live quorum."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from ..meetings.models import AgendaDocument, Meeting
from ..meetings.selectors import settings_for
from ..quorum import Quorum, needed
from . import statements
from .models import ONLINE_FRESH_SECONDS, Attendance, AttendanceEvent, Proxy, RegisterEntry


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


def quorum_of(meeting, *, now=None, rules=None) -> Quorum:
    """The quorum as it stands: the frozen register, who is present, the proxies whose
    holder is present (when the by-laws allow proxies), against the meeting's rule.

    Counted in the database (the same figures as the pure `quorum.quorum` over
    present_entry_ids and live_proxies): the door asks after every check-in, and a RAT
    of 300,000 must not ship every present id to Python each time. Three or four
    queries whatever the size."""
    rules = rules or settings_for(meeting.cooperative)
    present_rows = Attendance.objects.filter(meeting=meeting).filter(present_filter(now))
    present = present_rows.count()
    represented = 0
    if rules.proxies_allowed:
        present_ids = present_rows.values("entry_id")
        per_holder = (Proxy.objects.filter(meeting=meeting, revoked_at__isnull=True,
                                           holder_id__in=present_ids)
                      .exclude(grantor_id__in=present_ids)
                      .values("holder_id").annotate(n=Count("id"))
                      .values_list("n", flat=True))
        represented = sum(min(n, rules.proxy_cap) for n in per_holder)
    register = (meeting.register_size
                or RegisterEntry.objects.filter(meeting=meeting).count())
    return Quorum(register=register, present=present, represented=represented,
                  needed=needed(register, meeting.quorum_fraction or rules.quorum_fraction,
                                meeting.quorum_rule or rules.quorum_rule))


def meeting(pk) -> Meeting | None:
    return Meeting.objects.filter(pk=pk).first()


def entry_by_number(meeting, number: int) -> RegisterEntry | None:
    return RegisterEntry.objects.filter(meeting=meeting, number=number).first()


def entry_of_member(meeting, member) -> RegisterEntry | None:
    if member is None:
        return None
    return RegisterEntry.objects.filter(meeting=meeting, member=member).first()


def present_modes(meeting, *, now=None) -> dict:
    """How many are present in the room and online."""
    rows = (Attendance.objects.filter(meeting=meeting).filter(present_filter(now))
            .values("mode").annotate(n=Count("id")).values_list("mode", "n"))
    found = dict(rows)
    return {"in_person": found.get(Attendance.Mode.IN_PERSON, 0),
            "online": found.get(Attendance.Mode.ONLINE, 0)}


def ended(meeting) -> bool:
    return meeting.status in ("adjourned", "closed") and meeting.ended_at is not None


def as_of(meeting):
    """The moment a meeting's attendance is read at: now while it runs; for a meeting
    adjourned or closed, the moment it ended (who was in the room then; an online page
    counted up to then), so its pages agree with its minutes instead of showing
    everyone gone home."""
    return meeting.ended_at if ended(meeting) else timezone.now()


def meter(meeting, *, now=None) -> dict:
    """The quorum meter's figures (at `now`, by default `as_of(meeting)`)."""
    now = now or as_of(meeting)
    rules = settings_for(meeting.cooperative)
    q = quorum_of(meeting, now=now, rules=rules)
    percent = min(100, round(100 * q.counted / q.needed)) if q.needed else 0
    return {"quorum": q, "modes": present_modes(meeting, now=now), "percent": percent,
            "rules": rules, "live": not ended(meeting)}


def register(meeting, search: str = ""):
    """The frozen register, by number; `search` a number or part of a name."""
    rows = RegisterEntry.objects.filter(meeting=meeting)
    search = (search or "").strip()
    if search.isascii() and search.isdigit():
        rows = rows.filter(number=int(search))
    elif search:
        rows = rows.filter(name__icontains=search)
    return rows.order_by("number").select_related("attendance", "delegate_from")


def attendance_list(meeting):
    """Everyone who came (present or gone), by arrival."""
    return (Attendance.objects.filter(meeting=meeting).select_related("entry")
            .order_by("-checked_in_at"))


def proxies(meeting, *, now=None):
    """Every proxy of the meeting, each with whether it counts now (live, the holder
    present, the grantor not)."""
    present = present_entry_ids(meeting, now=now)
    rows = list(Proxy.objects.filter(meeting=meeting).select_related("grantor", "holder")
                .order_by("id"))
    for p in rows:
        p.holder_present = p.holder_id in present
        p.grantor_present = p.grantor_id in present
        p.counts = (p.revoked_at is None and p.holder_present and not p.grantor_present)
    return rows


def proxies_of_entry(entry) -> dict:
    """The live proxy an entry gave and those it holds."""
    live = Proxy.objects.filter(revoked_at__isnull=True).select_related("grantor", "holder")
    return {"given": live.filter(grantor=entry).first(),
            "held": list(live.filter(holder=entry).order_by("id"))}


def recent_events(meeting, limit: int = 15):
    return (AttendanceEvent.objects.filter(meeting=meeting).select_related("entry")
            .order_by("-at", "-id")[:limit])


def my_meetings(member):
    """Meetings whose register holds `member`: upcoming first (soonest first), then
    past ones (latest first)."""
    if member is None:
        return [], []
    mine = Meeting.objects.filter(register__member=member).exclude(
        status__in=[Meeting.Status.DRAFT])
    upcoming = list(mine.filter(status__in=[Meeting.Status.CALLED, Meeting.Status.OPEN])
                    .order_by("starts_at", "id"))
    past = list(mine.exclude(status__in=[Meeting.Status.CALLED, Meeting.Status.OPEN])
                .order_by("-starts_at", "-id")[:50])
    return upcoming, past


def documents(meeting):
    return AgendaDocument.objects.filter(meeting=meeting).select_related("item").order_by("id")


def attendance_of(entry) -> Attendance | None:
    return Attendance.objects.filter(entry=entry).first()



def meeting_of(cooperative, pk: int) -> Meeting | None:
    """The meeting alone, by a named statement with the caller's cooperative in it:
    the door's check-in reads it on every scan, and the QuerySet's compile was a third
    of that."""
    found = statements.meeting(cooperative_id=cooperative.pk, meeting_id=pk)
    if found is not None:
        found.cooperative = cooperative
    return found
