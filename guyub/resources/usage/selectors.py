"""The usage report: who used which asset how much in a period, what it earned, and
how idle it stood, so the board sees whether a few members take everything.

Counted: bookings that hold or held the asset (confirmed, in use, returned) starting in
the period; their hours are unit-hours (a booking of 3 shelves for 2 hours is 6) cut
at the period's end. Available hours are the period's hours times the asset's units,
less its maintenance windows; idle is available less booked (never below zero).
Charged is the fee plus late and damage charges; paid is the fee paid.

Income per asset comes from the LEDGER, not from the bookings: the lines on the fee
and other-income accounts of the entries whose source is one of the asset's bookings,
and of their reversals, dated in the period. So a fee released on cancellation counts
nothing, a late cancellation that keeps its fee counts, and the figure matches the
books."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from guyub.ledger.models import JournalLine

from ..assets.models import Asset, MaintenanceWindow
from ..bookings.models import Booking

COUNTED = (Booking.Status.CONFIRMED, Booking.Status.CHECKED_OUT, Booking.Status.RETURNED)
INCOME_ROLES = ("asset_fees_members", "asset_fees_non_members", "income_other")
TOP = 3
HOUR = Decimal(3600)
ZERO = Decimal(0)


@dataclass
class Usage:
    key: object
    label: str
    bookings: int = 0
    hours: Decimal = ZERO
    charged: Decimal = ZERO
    paid: Decimal = ZERO
    available: Decimal = ZERO
    income: Decimal = ZERO
    by_member: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))

    @property
    def idle(self) -> Decimal:
        return max(self.available - self.hours, ZERO)

    @property
    def top_share(self) -> Decimal | None:
        return top_share(self.by_member, self.hours)


def top_share(hours_by_member: dict, total: Decimal) -> Decimal | None:
    """Percent of `total` hours taken by the TOP members (one decimal), None if unused."""
    if not total:
        return None
    top = sum(sorted((h for k, h in hours_by_member.items() if k is not None),
                     reverse=True)[:TOP], ZERO)
    return (top * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    return (dt.datetime.combine(start, dt.time.min, zone),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, zone))


def _hours(starts_at, ends_at, lower, upper) -> Decimal:
    seconds = (min(ends_at, upper) - max(starts_at, lower)).total_seconds()
    return (Decimal(max(seconds, 0)) / HOUR).quantize(Decimal("0.01"))


def _income_by_asset(start: dt.date, end: dt.date, booking_asset: dict) -> dict:
    label = Booking._meta.label_lower
    lines = (JournalLine.objects
             .filter(date__gte=start, date__lte=end, account__role__in=INCOME_ROLES)
             .filter(Q(entry__source_type=label) | Q(entry__reverses__source_type=label))
             .values("entry__source_id", "entry__reverses__source_id")
             .annotate(credit=Sum("credit"), debit=Sum("debit")))
    income = defaultdict(lambda: ZERO)
    for row in lines:
        source = row["entry__source_id"] or row["entry__reverses__source_id"]
        asset_id = booking_asset.get(source)
        if asset_id is not None:
            income[asset_id] += row["credit"] - row["debit"]
    return income


def usage_report(*, start: dt.date, end: dt.date) -> dict:
    lower, upper = _bounds(start, end)
    period_hours = Decimal((upper - lower).total_seconds()) / HOUR
    assets = {a.pk: Usage(key=a, label=a.name, available=period_hours * a.units)
              for a in Asset.objects.filter(Q(active=True)
                                            | Q(bookings__starts_at__gte=lower,
                                                bookings__starts_at__lt=upper)).distinct()}
    for window in MaintenanceWindow.objects.filter(cancelled=False, starts_at__lt=upper,
                                                   ends_at__gt=lower,
                                                   asset_id__in=list(assets)):
        row = assets[window.asset_id]
        row.available -= _hours(window.starts_at, window.ends_at, lower, upper) * \
            row.key.units
    members: dict = {}
    total = Usage(key=None, label="")
    bookings = (Booking.objects.filter(status__in=COUNTED, starts_at__gte=lower,
                                       starts_at__lt=upper)
                .select_related("member").order_by("starts_at", "pk"))
    for booking in bookings:
        hours = _hours(booking.starts_at, booking.ends_at, lower, upper) * booking.units
        charged = booking.fee + booking.late_fee + booking.damage_charge
        paid = booking.fee if booking.paid_entry_id else ZERO
        who = booking.member_id
        if who not in members:
            members[who] = Usage(key=booking.member, label=booking.member.owner_name
                                 if booking.member else "")
        for row in (assets[booking.asset_id], members[who], total):
            row.bookings += 1
            row.hours += hours
            row.charged += charged
            row.paid += paid
        assets[booking.asset_id].by_member[who] += hours
        total.by_member[who] += hours
    all_bookings = Booking.objects.filter(asset_id__in=list(assets)).values_list("pk",
                                                                                 "asset_id")
    income = _income_by_asset(start, end, {str(pk): a for pk, a in all_bookings})
    for asset_id, amount in income.items():
        assets[asset_id].income = amount
        total.income += amount
    total.available = sum((a.available for a in assets.values()), ZERO)
    member_rows = sorted(members.values(), key=lambda r: (-r.hours, r.key is None, r.label))
    return {"assets": sorted(assets.values(), key=lambda r: r.label), "members": member_rows,
            "total": total, "start": start, "end": end}
