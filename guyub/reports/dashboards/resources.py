"""Shared-resource figures for the dashboards: what the cooperative's assets earned
each month (members and non-members apart), how much each asset was used and how
concentrated its use is, and for a member their own coming bookings.

Grouped queries over bookings; the hours are summed by the database."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, DateField, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from guyub.resources.models import Booking

from .periods import Period

ZERO = Decimal(0)
# Bookings that used (or hold) the asset: cancelled and refused ones did not.
USED = (Booking.Status.CONFIRMED, Booking.Status.CHECKED_OUT, Booking.Status.RETURNED)
DURATION = ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())


def _hours(duration) -> Decimal:
    if not duration:
        return ZERO
    return (Decimal(duration.total_seconds()) / 3600).quantize(Decimal("0.1"))


def _in(period: Period):
    start = timezone.make_aware(dt.datetime.combine(period.start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(period.end + dt.timedelta(days=1),
                                                  dt.time.min))
    return Booking.objects.filter(status__in=USED, starts_at__gte=start, starts_at__lt=end)


def board_series(period: Period) -> dict[str, list[Decimal]]:
    """Per month of the period: fees of members' bookings and of non-members'."""
    rows = (_in(period).annotate(month=Cast(TruncMonth("starts_at"), DateField()))
            .values("month")
            .annotate(members=Sum("fee", filter=Q(member__isnull=False)),
                      others=Sum("fee", filter=Q(member__isnull=True)))
            .order_by())
    by_month = {row["month"]: row for row in rows}
    return {
        _("Sewa aset oleh anggota"): [(by_month.get(m) or {}).get("members") or ZERO
                                      for m in period.months],
        _("Sewa aset oleh non-anggota"): [(by_month.get(m) or {}).get("others") or ZERO
                                          for m in period.months],
    }


def usage_by_asset(period: Period) -> list[dict]:
    """Each asset used in the period: bookings, unit-hours, fees, and the share of its
    hours taken by its three heaviest members (so the board sees if a few take it all)."""
    used = _in(period)
    assets = (used.values("asset_id", "asset__name")
              .annotate(bookings=Count("id"), fees=Sum("fee"), time=Sum(DURATION))
              .order_by("asset__name"))
    by_member = (used.filter(member__isnull=False).values("asset_id", "member_id")
                 .annotate(time=Sum(DURATION)).order_by())
    member_hours: dict[int, list[Decimal]] = {}
    for row in by_member:
        member_hours.setdefault(row["asset_id"], []).append(_hours(row["time"]))
    out = []
    for row in assets:
        hours = _hours(row["time"])
        top = sum(sorted(member_hours.get(row["asset_id"], []), reverse=True)[:3], ZERO)
        out.append({"asset": row["asset__name"], "bookings": row["bookings"], "hours": hours,
                    "fees": row["fees"] or ZERO,
                    "top3_pct": (top * 100 / hours).quantize(Decimal("1")) if hours else ZERO})
    return out


def member_deadlines(member, today: dt.date, until: dt.date) -> list[dict]:
    """The member's bookings starting up to `until`, and assets they must bring back."""
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min))
    coming = (Booking.objects.filter(member=member, starts_at__gte=start, starts_at__lt=end,
                                     status__in=(Booking.Status.REQUESTED,
                                                 Booking.Status.CONFIRMED))
              .select_related("asset").order_by("starts_at")[:10])
    out = [{"date": timezone.localdate(b.starts_at), "kind": "booking", "pk": b.pk,
            "text": _("Pakai %(asset)s pukul %(time)s") % {
                "asset": b.asset.name,
                "time": date_format(timezone.localtime(b.starts_at), "H:i")}}
           for b in coming]
    out_now = (Booking.objects.filter(member=member, status=Booking.Status.CHECKED_OUT)
               .select_related("asset").order_by("ends_at")[:10])
    out += [{"date": timezone.localdate(b.ends_at), "kind": "booking", "pk": b.pk,
             "text": _("Kembalikan %(asset)s pukul %(time)s") % {
                 "asset": b.asset.name,
                 "time": date_format(timezone.localtime(b.ends_at), "H:i")}}
            for b in out_now]
    return out
