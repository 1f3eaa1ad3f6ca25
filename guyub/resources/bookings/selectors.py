"""Reads of bookings: what holds an asset's time, a member's hours in a week, the lists
the pages show, the waiting list in its order, and the calendar's holds."""

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.members.models import Member

from ..assets.models import Asset, MaintenanceWindow, Qualification
from . import rules
from .models import Booking, Slot, WaitlistEntry

HOLDING = Booking.HOLDING
CANCELLABLE = (Booking.Status.REQUESTED, Booking.Status.CONFIRMED)


def active_slots(asset: Asset, starts_at: dt.datetime, ends_at: dt.datetime):
    """Active slots of `asset` whose time overlaps [starts_at, ends_at)."""
    return Slot.objects.filter(asset=asset, active=True, starts_at__lt=ends_at,
                               ends_at__gt=starts_at)


def taken_units(asset: Asset, starts_at, ends_at) -> set[int]:
    return set(active_slots(asset, starts_at, ends_at).values_list("unit_no", flat=True))


def maintenance_overlapping(asset: Asset, starts_at, ends_at):
    return MaintenanceWindow.objects.filter(asset=asset, cancelled=False,
                                            starts_at__lt=ends_at, ends_at__gt=starts_at)


def bookings_overlapping(asset: Asset, starts_at, ends_at):
    return (Booking.objects.filter(asset=asset, status__in=HOLDING, starts_at__lt=ends_at,
                                   ends_at__gt=starts_at)
            .select_related("member").order_by("starts_at", "pk"))


def is_qualified(asset: Asset, member: Member) -> bool:
    return Qualification.objects.filter(asset=asset, member=member).exists()


def week_hours(asset: Asset, member: Member, moment: dt.datetime) -> Decimal:
    """Hours of the member's holding bookings of `asset` that start in `moment`'s ISO week
    (the weekly cap counts a booking in the week it starts)."""
    start, end = rules.iso_week_bounds(moment)
    rows = Booking.objects.filter(asset=asset, member=member, status__in=HOLDING,
                                  starts_at__gte=start, starts_at__lt=end)
    return sum((rules.hours(s, e) for s, e in rows.values_list("starts_at", "ends_at")),
               Decimal(0))


def manager_ids(cooperative) -> list[int]:
    """Board and staff: they approve bookings."""
    return sorted(set(CoopRole.objects.filter(cooperative=cooperative,
                                              role__in=[Role.BOARD, Role.STAFF])
                      .values_list("user_id", flat=True)))


def bookable_assets(member: Member | None):
    """Active assets, each marked whether the member may book it (trained where the
    asset asks for it)."""
    assets = list(Asset.objects.filter(active=True).order_by("name", "pk"))
    trained = set(Qualification.objects.filter(member=member).values_list("asset_id", flat=True)
                  ) if member is not None else set()
    for asset in assets:
        asset.may_book = not asset.required_training or asset.pk in trained
    return assets


def member_bookings(member: Member):
    return (Booking.objects.filter(member=member).select_related("asset")
            .order_by("-starts_at", "-pk"))


def member_booking(member: Member, pk) -> Booking | None:
    return member_bookings(member).filter(pk=pk).first()


def member_waitlist(member: Member):
    return (WaitlistEntry.objects.filter(member=member, status=WaitlistEntry.Status.WAITING)
            .select_related("asset").order_by("starts_at", "pk"))


def waiting_for(asset: Asset, starts_at, ends_at):
    """Waiting entries of `asset` whose wished time overlaps the given one, first come
    first served (created_at, then id)."""
    return (WaitlistEntry.objects.filter(asset=asset, status=WaitlistEntry.Status.WAITING,
                                         starts_at__lt=ends_at, ends_at__gt=starts_at)
            .select_related("member").order_by("created_at", "pk"))


def waitlist_position(entry: WaitlistEntry) -> int:
    """1 + how many waiting entries for an overlapping time of the same asset came first."""
    ahead = waiting_for(entry.asset, entry.starts_at, entry.ends_at).filter(
        Q(created_at__lt=entry.created_at) | Q(created_at=entry.created_at, pk__lt=entry.pk))
    return ahead.count() + 1


def staff_bookings(*, status: str = "", asset_id: int | None = None, query: str = "",
                   upcoming: bool = False):
    rows = Booking.objects.select_related("asset", "member").order_by("-starts_at", "-pk")
    if status:
        rows = rows.filter(status=status)
    if asset_id:
        rows = rows.filter(asset_id=asset_id)
    if query:
        rows = rows.filter(Q(member__owner_name__icontains=query)
                           | Q(renter_name__icontains=query))
    if upcoming:
        rows = rows.filter(ends_at__gte=timezone.now())
    return rows


def approval_queue():
    return (Booking.objects.filter(status=Booking.Status.REQUESTED)
            .select_related("asset", "member").order_by("starts_at", "pk"))


def booking(pk) -> Booking | None:
    return Booking.objects.select_related("asset", "member").filter(pk=pk).first()


def maintenance_of(asset: Asset):
    return MaintenanceWindow.objects.filter(asset=asset).order_by("-starts_at", "-pk")


def calendar_holds(asset: Asset, start, end, *, member: Member | None,
                   officer: bool) -> list[rules.Hold]:
    """What holds the asset between start and end. A member sees their own bookings
    named and others' only as "dipesan" (the page words it); officers see names."""
    holds = []
    for b in bookings_overlapping(asset, start, end):
        mine = member is not None and b.member_id == member.pk
        label = ""
        if officer:
            label = b.member.owner_name if b.member_id else b.renter_name
        holds.append(rules.Hold(b.starts_at, b.ends_at, b.units, "booking", label, mine, b.pk))
    for w in maintenance_overlapping(asset, start, end):
        holds.append(rules.Hold(w.starts_at, w.ends_at, asset.units, "maintenance", w.note,
                                False, w.pk))
    return holds


def calendar(asset: Asset, first_day: dt.date, days: int, *, member: Member | None,
             officer: bool) -> list[dict]:
    """Each day from `first_day`: its date and its segments (free, booked, maintenance),
    in the cooperative's time zone."""
    def midnight(day):
        return timezone.make_aware(dt.datetime.combine(day, dt.time(0)))

    start = midnight(first_day)
    end = midnight(first_day + dt.timedelta(days=days))
    holds = calendar_holds(asset, start, end, member=member, officer=officer)
    out = []
    for i in range(days):
        day = first_day + dt.timedelta(days=i)
        segs = rules.segments(midnight(day), midnight(day + dt.timedelta(days=1)), holds,
                              asset.units)
        for seg in segs:
            seg.starts_at = timezone.localtime(seg.starts_at)
            seg.ends_at = timezone.localtime(seg.ends_at)
        out.append({"date": day, "segments": segs})
    return out


def calendar_page(asset: Asset, query, *, member: Member | None, officer: bool) -> dict:
    """The calendar's day (?v=day) or week around ?d= (a bad or far date shows today),
    for the officers' and the member's calendar pages."""
    view = "day" if query.get("v") == "day" else "week"
    today = timezone.localdate()
    try:
        day = dt.date.fromisoformat(str(query.get("d", ""))[:10])
    except ValueError:
        day = today
    if abs((day - today).days) > 800:
        day = today
    if view == "week":
        day -= dt.timedelta(days=day.weekday())
    step = dt.timedelta(days=1 if view == "day" else 7)
    return {"asset": asset, "view": view, "first_day": day, "today": today,
            "prev": (day - step).isoformat(), "next": (day + step).isoformat(),
            "days": calendar(asset, day, 1 if view == "day" else 7, member=member,
                             officer=officer),
            "officer": officer}
