"""Rebuilding the monthly sales summaries (the periodic job `refresh_sales_summaries`).

A run rebuilds, per cooperative, the months in which an order was paid or cancelled
since the last run (a margin back, for transactions that committed late), or every
month on the first run and when the cooperative's region changed (the reach depends on
it). Rebuilding a month replaces its rows with one GROUP BY of its orders, so a run is
idempotent and a second one at the same time writes the same rows."""

import datetime as dt

from django.db import transaction
from django.db.models import Count, DateField, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ..models import FulfilmentLine, Order
from .models import ChannelMonth, ProductMonth, SummaryState
from .reach import reach_of, region_of

# Orders committed a little after the moment they were stamped paid or cancelled are
# still caught by the next run.
MARGIN = dt.timedelta(minutes=10)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _months_touched(since: dt.datetime) -> set[dt.date]:
    """The months (of their payment) of the orders paid or cancelled since `since`. A
    payment is found by when it was booked, not by when it was received: a transfer
    recorded today as received last month changes last month."""
    tz = timezone.get_current_timezone()
    stamps = (Order.objects.filter(Q(paid_at__gte=since) | Q(cancelled_at__gte=since)
                                   | Q(payments__entry__posted_at__gte=since))
              .exclude(paid_at=None)
              .annotate(month=TruncMonth("paid_at", output_field=DateField(), tzinfo=tz))
              .values_list("month", flat=True).distinct())
    return set(stamps)


def _month_filter(months: set[dt.date] | None, prefix: str = "") -> Q:
    if months is None:
        return Q(**{f"{prefix}paid_at__isnull": False})
    tz = timezone.get_current_timezone()
    q = Q(pk__in=[])
    for month in months:
        end = (month + dt.timedelta(days=32)).replace(day=1)
        q |= Q(**{f"{prefix}paid_at__gte": dt.datetime.combine(month, dt.time.min, tzinfo=tz),
                  f"{prefix}paid_at__lt": dt.datetime.combine(end, dt.time.min, tzinfo=tz)})
    return q


def rebuild(cooperative, months: set[dt.date] | None) -> None:
    """Replace the rows of `months` (None: all) with the orders' own sums."""
    tz = timezone.get_current_timezone()
    channels, products = ChannelMonth.objects.all(), ProductMonth.objects.all()
    if months is not None:
        channels, products = channels.filter(month__in=months), products.filter(month__in=months)
    channels.delete()
    products.delete()
    orders = (Order.objects.filter(_month_filter(months)).exclude(status=Order.Status.CANCELLED)
              .annotate(month=TruncMonth("paid_at", output_field=DateField(), tzinfo=tz),
                        reach=reach_of(cooperative))
              .values("month", "channel_id", "reach")
              .annotate(sales=Sum("subtotal"), n=Count("id")).order_by())
    ChannelMonth.objects.bulk_create(
        [ChannelMonth(cooperative=cooperative, month=g["month"], channel_id=g["channel_id"],
                      reach=g["reach"], sales=g["sales"], orders=g["n"]) for g in orders],
        batch_size=1000)
    lines = (FulfilmentLine.objects.filter(_month_filter(months, "order__"))
             .exclude(order__status=Order.Status.CANCELLED)
             .annotate(month=TruncMonth("order__paid_at", output_field=DateField(), tzinfo=tz))
             .values("month", "product_id", "member_id")
             .annotate(sales=Sum("sale_amount"), quantity=Sum("quantity")).order_by())
    ProductMonth.objects.bulk_create(
        [ProductMonth(cooperative=cooperative, month=g["month"], product_id=g["product_id"],
                      member_id=g["member_id"], sales=g["sales"], quantity=g["quantity"])
         for g in lines], batch_size=1000)


def refresh(cooperative, *, now: dt.datetime | None = None) -> int | None:
    """Bring the cooperative's summaries up to `now`; the number of months rebuilt
    (None: all of them)."""
    now = now or timezone.now()
    with transaction.atomic():
        # One run per cooperative at a time: the second waits here, then finds little due.
        state = SummaryState.objects.select_for_update().filter(cooperative=cooperative).first()
        region = region_of(cooperative)
        if state is None or state.region != region:
            months = None
        else:
            months = _months_touched(state.built_at - MARGIN)
        rebuild(cooperative, months)
        SummaryState.objects.update_or_create(cooperative=cooperative,
                                              defaults={"built_at": now, "region": region})
    return None if months is None else len(months)
