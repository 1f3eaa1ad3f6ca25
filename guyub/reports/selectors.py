"""Sales reports: what was sold, by whom, where and when, for a period.

Sales are the members' fulfilment lines of paid orders (cancelled orders left out),
dated by when the buyer paid. Each breakdown is one GROUP BY in the database; the
rows it returns are the groups, never the individual sales.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from django.db.models import Count, DateField, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guyub.core.regions import PROVINCES
from guyub.sales.models import FulfilmentLine, Order

ZERO = Decimal(0)
BREAKDOWNS = {
    "member": _("Anggota"),
    "product": _("Produk"),
    "channel": _("Saluran"),
    "region": _("Wilayah pembeli"),
    "month": _("Bulan"),
}
MEASURES = {
    "quantity": Sum("quantity"),
    "sales": Sum("sale_amount"),
    "commission": Sum("commission"),
    "orders": Count("order", distinct=True),
}


@dataclass
class Row:
    key: object
    label: str
    detail: str = ""
    quantity: int = 0
    sales: Decimal = ZERO
    commission: Decimal = ZERO
    orders: int = 0
    bar: Decimal = ZERO  # share of the longest bar in the chart, 0-100

    @property
    def earning(self) -> Decimal:
        return self.sales - self.commission


def month_start(day: dt.date, back: int = 0) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - back, 12)
    return dt.date(year, month + 1, 1)


def default_period() -> tuple[dt.date, dt.date]:
    """The last twelve months, this one included."""
    today = timezone.localdate()
    return month_start(today, 11), today


def sold(*, start: dt.date, end: dt.date, member=None) -> QuerySet:
    """The period's sales lines. The bounds are local (WIB) midnights, so a sale paid at
    23:30 on the last day counts in the period, and the range uses the paid_at index."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    lines = (FulfilmentLine.objects
             .filter(order__paid_at__gte=since, order__paid_at__lt=until)
             .exclude(order__status=Order.Status.CANCELLED))
    if member is not None:
        lines = lines.filter(member=member)
    return lines


def totals(*, start: dt.date, end: dt.date, member=None) -> Row:
    sums = sold(start=start, end=end, member=member).aggregate(**MEASURES)
    return Row(key=None, label="", quantity=sums["quantity"] or 0, sales=sums["sales"] or ZERO,
               commission=sums["commission"] or ZERO, orders=sums["orders"])


def _country_name(code: str) -> str:
    try:
        locale = Locale.parse((get_language() or "id").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("id")
    return locale.territories.get(code, code)


def _row(values: dict, key, label: str, detail: str = "") -> Row:
    return Row(key=key, label=label, detail=detail, quantity=values["quantity"] or 0,
               sales=values["sales"] or ZERO, commission=values["commission"] or ZERO,
               orders=values["orders"])


def _by_member(lines):
    groups = (lines.values("member_id", "member__number", "member__owner_name",
                           "member__business_name").annotate(**MEASURES).order_by("-sales"))
    return [_row(g, g["member_id"], g["member__owner_name"],
                 f"A-{g['member__number']:05d} · {g['member__business_name']}"
                 if g["member__number"] else g["member__business_name"]) for g in groups]


def _by_product(lines):
    groups = (lines.values("product_id", "product__name", "product__member__owner_name")
              .annotate(**MEASURES).order_by("-sales", "product__name"))
    return [_row(g, g["product_id"], g["product__name"], g["product__member__owner_name"])
            for g in groups]


def _by_channel(lines):
    groups = (lines.values("order__channel_id", "order__channel__name")
              .annotate(**MEASURES).order_by("-sales"))
    return [_row(g, g["order__channel_id"],
                 g["order__channel__name"] or str(_("Langsung (tanpa saluran)")))
            for g in groups]


def _by_region(lines):
    groups = (lines.values("order__country", "order__province")
              .annotate(**MEASURES).order_by("-sales"))
    rows = []
    for g in groups:
        if g["order__country"] == "ID":
            label = PROVINCES.get(g["order__province"], str(_("Indonesia (provinsi kosong)")))
            detail = "Indonesia"
        else:
            label, detail = _country_name(g["order__country"]), str(_("Ekspor"))
        rows.append(_row(g, f"{g['order__country']}-{g['order__province']}", label, detail))
    return rows


def _by_month(lines, start: dt.date, end: dt.date):
    groups = {g["month"]: g for g in
              lines.annotate(month=TruncMonth("order__paid_at", output_field=DateField()))
              .values("month").annotate(**MEASURES).order_by("month")}
    rows, month = [], month_start(start)
    empty = {"quantity": 0, "sales": ZERO, "commission": ZERO, "orders": 0}
    # Every month of the period appears, sold or not: a gap in the chart is information.
    while month <= end:
        rows.append(_row(groups.get(month, empty), month, date_format(month, "F Y")))
        month = month_start(month, -1)
    return rows


def breakdown(by: str, *, start: dt.date, end: dt.date, member=None,
              measure: str = "sales") -> list[Row]:
    """One breakdown of the period's sales, with each row's bar length for the chart."""
    lines = sold(start=start, end=end, member=member)
    if by == "month":
        rows = _by_month(lines, start, end)
    else:
        rows = {"member": _by_member, "product": _by_product, "channel": _by_channel,
                "region": _by_region}[by](lines)
    longest = max((getattr(r, measure) for r in rows), default=ZERO)
    for row in rows:
        value = getattr(row, measure)
        row.bar = (Decimal(100) * value / longest).quantize(Decimal("0.1")) if longest > 0 \
            else ZERO
    return rows
