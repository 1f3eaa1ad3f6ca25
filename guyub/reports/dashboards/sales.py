"""Sales and pooled-buying figures for the dashboards.

Sales by channel and by market reach count the orders' subtotal (the goods sold,
before VAT and shipping: the same sum as the members' fulfilment lines the sales report
adds up); top products and makers the fulfilment lines (who made what). Market reach is
derived from the shipping address (guyub.sales.summaries.reach says why).

A million orders are too many to add up on every page view, so the months the monthly
summaries hold completely (guyub.sales.summaries, rebuilt by a periodic job) are read
from them, a few hundred rows; only the months after (the current one, normally) are
added up from the orders, through the covering index on (cooperative, paid_at). Without
summaries (a new cooperative, before the job's first run) everything is live.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, DateField, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.catalog.models import Product
from guyub.core.money import to_rupiah
from guyub.members.models import Member
from guyub.purchasing.models import Round, Share
from guyub.sales.models import ChannelMonth, FulfilmentLine, Order, ProductMonth
from guyub.sales.summaries.reach import REACH, reach_of
from guyub.sales.summaries.selectors import complete_before

from .periods import Period, month_start

ZERO = Decimal(0)
TOP = 10


def split(period: Period) -> tuple[tuple[dt.date, dt.date] | None, list[Period]]:
    """(the months read from the summaries as [first, last], the parts added up live).
    Only months wholly inside the period come from the summaries: a comparison period
    ends on the same day of its month as today does, and begins, in principle, anywhere."""
    boundary = complete_before()
    first = period.start if period.start.day == 1 else month_start(period.start, -1)
    after_end = period.end + dt.timedelta(days=1)
    # The first day after the last whole month of the period.
    stop = after_end if after_end.day == 1 else month_start(period.end)
    if boundary is not None:
        stop = min(stop, boundary)
    if boundary is None or first >= stop:
        return None, [period]
    lives = []
    if period.start < first:
        lives.append(Period(period.start, first - dt.timedelta(days=1)))
    if stop <= period.end:
        lives.append(Period(stop, period.end))
    return (first, stop - dt.timedelta(days=1)), lives


def paid_orders(period: Period):
    since, until = period.bounds(timezone.get_current_timezone())
    return (Order.objects.filter(paid_at__gte=since, paid_at__lt=until)
            .exclude(status=Order.Status.CANCELLED))


def _channel_groups(cooperative, period: Period) -> list[dict]:
    summarised, lives = split(period)
    groups = []
    if summarised is not None:
        groups += list(ChannelMonth.objects.filter(month__gte=summarised[0],
                                                   month__lte=summarised[1])
                       .values("month", "channel_id", "reach")
                       .annotate(sales=Sum("sales"), n=Sum("orders")).order_by())
    for live in lives:
        groups += list(paid_orders(live)
                       .annotate(month=TruncMonth("paid_at", output_field=DateField()),
                                 reach=reach_of(cooperative))
                       .values("month", "channel_id", "reach")
                       .annotate(sales=Sum("subtotal"), n=Count("id")).order_by())
    return groups


def sales_by_month(cooperative, period: Period, channel_names: dict[int, str]) -> dict:
    """{"channel": {label: [per month]}, "reach": {label: [per month]}, "total": …,
    "orders": n}: one GROUP BY over the summaries, one over the live orders."""
    months = {m: i for i, m in enumerate(period.months)}
    direct = str(_("Langsung (tanpa saluran)"))
    by_channel: dict[str, list] = {}
    by_reach = {str(label): [ZERO] * len(months) for label in REACH.values()}
    total, orders = ZERO, 0
    for g in _channel_groups(cooperative, period):
        i = months[g["month"]]
        channel = channel_names.get(g["channel_id"], direct)
        by_channel.setdefault(channel, [ZERO] * len(months))[i] += g["sales"]
        by_reach[str(REACH[g["reach"]])][i] += g["sales"]
        total += g["sales"]
        orders += g["n"]
    by_channel = dict(sorted(by_channel.items(), key=lambda kv: -sum(kv[1])))
    return {"channel": by_channel, "reach": by_reach, "total": total, "orders": orders}


def sales_total(period: Period, member=None) -> Decimal:
    """The period's sales: the orders' goods, or a member's own fulfilment lines."""
    if member is not None:
        return member_lines(period, member).aggregate(s=Sum("sale_amount"))["s"] or ZERO
    summarised, lives = split(period)
    total = ZERO
    if summarised is not None:
        total += ChannelMonth.objects.filter(month__gte=summarised[0], month__lte=summarised[1]
                                             ).aggregate(s=Sum("sales"))["s"] or ZERO
    for live in lives:
        total += paid_orders(live).aggregate(s=Sum("subtotal"))["s"] or ZERO
    return total


def _top(period: Period, key: str, names) -> list[dict]:
    """The largest sellers by `key` (product_id or member_id): the summaries' months and
    the live ones each grouped on the key alone in the database (no join: the largest
    grouping of the page), added up here; then the ten winners' names in one query."""
    summarised, lives = split(period)
    totals: dict[int, list] = {}
    parts = []
    if summarised is not None:
        parts.append((ProductMonth.objects.filter(month__gte=summarised[0],
                                                  month__lte=summarised[1]), "sales"))
    parts += [(member_lines(live), "sale_amount") for live in lives]
    for rows, amount in parts:
        for k, s, q in (rows.values(key).annotate(s=Sum(amount), q=Sum("quantity"))
                        .order_by().values_list(key, "s", "q")):
            found = totals.setdefault(k, [ZERO, 0])
            found[0] += s
            found[1] += q
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0]))[:TOP]
    labels = names([k for k, _v in ranked])
    return [{"label": labels[k][0], "detail": labels[k][1], "sales": v[0], "quantity": v[1]}
            for k, v in ranked]


def top_products(period: Period) -> list[dict]:
    def names(ids):
        return {p: (n, b) for p, n, b in Product.objects.filter(pk__in=ids).values_list(
            "pk", "name", "member__business_name")}
    return _top(period, "product_id", names)


def top_makers(period: Period) -> list[dict]:
    def names(ids):
        return {m: (n, b) for m, n, b in Member.objects.filter(pk__in=ids).values_list(
            "pk", "owner_name", "business_name")}
    return _top(period, "member_id", names)


def member_lines(period: Period, member=None):
    """The period's fulfilment lines of paid orders. For the whole cooperative the orders
    are picked first (a subquery the scope binds to the cooperative: an index-only scan
    of the covering index on (cooperative, paid_at)); filtering on the joined order's
    date instead left PostgreSQL no index and it scanned every order. For one member,
    their own lines come first (the index on (cooperative, member)) and the join checks
    the date."""
    if member is None:
        return FulfilmentLine.objects.filter(order__in=paid_orders(period).values("pk"))
    since, until = period.bounds(timezone.get_current_timezone())
    return (FulfilmentLine.objects.filter(member=member, order__paid_at__gte=since,
                                          order__paid_at__lt=until)
            .exclude(order__status=Order.Status.CANCELLED))


def member_sales_by_month(period: Period, member) -> dict:
    """A member's sales and what they earn after commission, per month."""
    groups = (member_lines(period, member)
              .annotate(month=TruncMonth("order__paid_at", output_field=DateField()))
              .values("month").annotate(sales=Sum("sale_amount"), commission=Sum("commission"))
              .order_by())
    found = {g["month"]: g for g in groups}
    sales = [found[m]["sales"] if m in found else ZERO for m in period.months]
    earning = [found[m]["sales"] - found[m]["commission"] if m in found else ZERO
               for m in period.months]
    return {"sales": sales, "earning": earning}


def savings_by_month(period: Period, member=None) -> dict:
    """Pooled buying per month of pick-up: what members paid (goods, costs, fee) against
    what the same goods cost at the retail reference price (the round item's price when it
    opened, else the item's current one), as the round's savings page counts them (each
    share's retail value rounded to the rupiah). One query of the shares."""
    shares = Share.objects.filter(round_item__round__status__in=Round.FINAL,
                                  round_item__round__pickup_date__gte=period.start,
                                  round_item__round__pickup_date__lte=period.end,
                                  quantity__gt=0)
    if member is not None:
        shares = shares.filter(member=member)
    shares = (shares.annotate(paid=F("goods_amount") + F("cost_amount") + F("fee_amount"))
              .values_list("round_item__round__pickup_date", "quantity",
                           "round_item__retail_price",
                           "round_item__price_list__item__retail_reference_price", "paid"))
    months = {m: i for i, m in enumerate(period.months)}
    paid, retail = [ZERO] * len(months), [ZERO] * len(months)
    for day, quantity, price, reference, amount in shares:
        i = months[day.replace(day=1)]
        paid[i] += amount
        retail[i] += to_rupiah(quantity * (price if price is not None else reference))
    saved = [r - p for r, p in zip(retail, paid, strict=True)]
    return {"paid": paid, "retail": retail, "saved": saved, "total": sum(saved, ZERO)}
