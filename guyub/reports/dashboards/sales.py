"""Sales and pooled-buying figures for the dashboards.

Sales by channel and by market reach come from the orders alone (their subtotal is the
goods sold, before VAT and shipping, the same sum as the members' fulfilment lines the
sales report adds up), grouped once by (month, channel, reach): one pass over the
period's paid orders, read from the covering index on (cooperative, paid_at), feeds
both charts. Top products and makers need the fulfilment lines (who made what).

Market reach is derived when reading, from the order's shipping address against the
cooperative's own region, not stored on the order: the address is where the data is,
every order already has it, and a stored reach would need a back-fill of every past
order and would go stale if the cooperative recorded its region differently.
  local     same province and the city/regency the cooperative names as its own
  regional  same province, another regency
  national  another province of Indonesia
  export    shipped abroad
"""

from decimal import Decimal

from django.db.models import Case, CharField, Count, DateField, F, Q, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.money import to_rupiah
from guyub.purchasing.models import Round, Share
from guyub.sales.models import FulfilmentLine, Order

from .periods import Period

ZERO = Decimal(0)
REACH = {"local": _("Lokal"), "regional": _("Regional"), "national": _("Nasional"),
         "export": _("Ekspor")}
TOP = 10


def reach_of(cooperative) -> Case:
    return Case(
        When(~Q(country="ID"), then=Value("export")),
        When(Q(province=cooperative.province, city__iexact=cooperative.regency),
             then=Value("local")),
        When(province=cooperative.province, then=Value("regional")),
        default=Value("national"), output_field=CharField())


def paid_orders(period: Period):
    since, until = period.bounds(timezone.get_current_timezone())
    return (Order.objects.filter(paid_at__gte=since, paid_at__lt=until)
            .exclude(status=Order.Status.CANCELLED))


def sales_by_month(cooperative, period: Period, channel_names: dict[int, str]) -> dict:
    """{"channel": {label: [per month]}, "reach": {label: [per month]}, "total": …,
    "orders": n}: one GROUP BY over the period's orders."""
    groups = (paid_orders(period)
              .annotate(month=TruncMonth("paid_at", output_field=DateField()),
                        reach=reach_of(cooperative))
              .values("month", "channel_id", "reach")
              .annotate(sales=Sum("subtotal"), n=Count("id")).order_by())
    months = {m: i for i, m in enumerate(period.months)}
    direct = str(_("Langsung (tanpa saluran)"))
    by_channel: dict[str, list] = {}
    by_reach = {str(label): [ZERO] * len(months) for label in REACH.values()}
    total, orders = ZERO, 0
    for g in groups:
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
    if member is None:
        return paid_orders(period).aggregate(s=Sum("subtotal"))["s"] or ZERO
    return member_lines(period, member).aggregate(s=Sum("sale_amount"))["s"] or ZERO


def member_lines(period: Period, member=None):
    since, until = period.bounds(timezone.get_current_timezone())
    lines = (FulfilmentLine.objects.filter(order__paid_at__gte=since, order__paid_at__lt=until)
             .exclude(order__status=Order.Status.CANCELLED))
    return lines if member is None else lines.filter(member=member)


def top_products(period: Period) -> list[dict]:
    rows = (member_lines(period).values("product_id", "product__name",
                                        "product__member__business_name")
            .annotate(sales=Sum("sale_amount"), quantity=Sum("quantity"))
            .order_by("-sales", "product_id")[:TOP])
    return [{"label": r["product__name"], "detail": r["product__member__business_name"],
             "sales": r["sales"], "quantity": r["quantity"]} for r in rows]


def top_makers(period: Period) -> list[dict]:
    rows = (member_lines(period).values("member_id", "member__owner_name",
                                        "member__business_name")
            .annotate(sales=Sum("sale_amount"), quantity=Sum("quantity"))
            .order_by("-sales", "member_id")[:TOP])
    return [{"label": r["member__owner_name"], "detail": r["member__business_name"],
             "sales": r["sales"], "quantity": r["quantity"]} for r in rows]


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
