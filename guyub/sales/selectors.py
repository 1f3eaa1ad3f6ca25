"""Reads for the warehouse, distribution and payouts: pick lists, orders ready to ship,
payout previews. Run inside the current cooperative's scope."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from guyub.members.models import Member

from .models import FulfilmentLine, Order, PayoutBatch, PayoutLine
from .services import payable_lines

OS = Order.Status
# Goods are brought to the warehouse once an order is paid, until it leaves.
OPEN = (OS.PAID, OS.FULFILLING)
ZERO = Decimal(0)


# --- pick lists ---------------------------------------------------------------------------

PENDING, RECEIVED, ALL = "pending", "received", "all"


def pick_lines(*, member: Member | None = None, due_from: dt.date | None = None,
               due_to: dt.date | None = None, state: str = PENDING) -> QuerySet:
    """Fulfilment lines of paid orders: still to bring (pending), already at the
    warehouse (received), or both; never those of unpaid or cancelled orders."""
    pending = Q(handed_over_at__isnull=True, order__status__in=OPEN)
    received = Q(handed_over_at__isnull=False) & ~Q(order__status=OS.CANCELLED)
    lines = FulfilmentLine.objects.filter(
        {PENDING: pending, RECEIVED: received}.get(state, pending | received))
    if member is not None:
        lines = lines.filter(member=member)
    if due_from:
        lines = lines.filter(due_date__gte=due_from)
    if due_to:
        lines = lines.filter(due_date__lte=due_to)
    return (lines.select_related("member", "product", "order", "order_line")
            .order_by("due_date", "member__number", "order__number", "id"))


@dataclass
class DueGroup:
    due_date: dt.date
    lines: list[FulfilmentLine]
    today: dt.date

    @property
    def overdue(self) -> bool:
        return self.due_date < self.today and any(x.handed_over_at is None for x in self.lines)

    @property
    def is_today(self) -> bool:
        return self.due_date == self.today

    @property
    def pending_count(self) -> int:
        return sum(1 for x in self.lines if x.handed_over_at is None)

    @property
    def totals(self) -> list[tuple[str, int]]:
        """Units per product on that day: what to count at the warehouse door."""
        units: dict[str, int] = defaultdict(int)
        for line in self.lines:
            units[line.product.name] += line.quantity
        return sorted(units.items())


def by_due_date(lines) -> list[DueGroup]:
    today = timezone.localdate()
    return [DueGroup(due, list(group), today)
            for due, group in groupby(lines, key=lambda x: x.due_date)]


# --- distribution -------------------------------------------------------------------------


@dataclass
class Destination:
    key: str
    orders: list[Order] = field(default_factory=list)

    @property
    def weight_grams(self) -> int:
        return sum(o.weight_grams for o in self.orders)

    @property
    def total(self) -> Decimal:
        return sum((o.total for o in self.orders), ZERO)


def ready_to_ship() -> list[Destination]:
    """Paid orders not yet in a shipment whose goods are all at the warehouse,
    grouped by where they go (the key a shipment consolidates on)."""
    orders = (Order.objects.filter(status__in=OPEN, shipment__isnull=True)
              .exclude(fulfilment__handed_over_at__isnull=True)
              .select_related("buyer").order_by("country", "province", "city", "number"))
    groups: dict[str, Destination] = {}
    for order in orders:
        groups.setdefault(order.destination_key, Destination(order.destination_key))
        groups[order.destination_key].orders.append(order)
    return sorted(groups.values(), key=lambda d: d.key)


def waiting_for_goods() -> QuerySet:
    """Paid orders still waiting for some member's goods, with how many lines are in."""
    pending = FulfilmentLine.objects.filter(handed_over_at__isnull=True).values("order_id")
    return (Order.objects.filter(status__in=OPEN, shipment__isnull=True, pk__in=pending)
            .annotate(lines_total=Count("fulfilment"),
                      lines_in=Count("fulfilment",
                                     filter=Q(fulfilment__handed_over_at__isnull=False)))
            .select_related("buyer").order_by("placed_at", "number"))


# --- payouts ------------------------------------------------------------------------------


@dataclass
class PreviewRow:
    member: Member
    lines: int
    sales: Decimal
    commission: Decimal

    @property
    def amount(self) -> Decimal:
        return self.sales - self.commission


def payout_preview(cooperative, start: dt.date, end: dt.date) -> list[PreviewRow]:
    """What create_payout would pay each member for the period: one GROUP BY."""
    sums = list(payable_lines(cooperative, start, end).order_by().values("member_id")
                .annotate(n=Count("id"), sales=Sum("sale_amount"), fee=Sum("commission")))
    members = Member.objects.in_bulk([row["member_id"] for row in sums])
    rows = [PreviewRow(members[r["member_id"]], r["n"], r["sales"], r["fee"]) for r in sums]
    return sorted(rows, key=lambda r: (r.member.number or 0, r.member.pk))


def oldest_unpaid_sale(cooperative) -> dt.date | None:
    """The day of the oldest sale not yet paid out: a payout period starts there."""
    first = (FulfilmentLine.objects.filter(cooperative=cooperative, payout__isnull=True,
                                           order__paid_at__isnull=False)
             .exclude(order__status=OS.CANCELLED).order_by("order__paid_at")
             .values_list("order__paid_at", flat=True).first())
    return timezone.localdate(first) if first else None


def batches() -> QuerySet:
    return (PayoutBatch.objects.select_related("created_by", "entry")
            .annotate(members=Count("lines"), total=Sum("lines__amount"),
                      sales=Sum("lines__sales"), commission=Sum("lines__commission"))
            .order_by("-number"))


def statement_lines(payout: PayoutLine) -> QuerySet:
    """The sales one payout line paid for, oldest first."""
    return (payout.fulfilment_lines.select_related("order", "product", "order_line")
            .order_by("order__paid_at", "order__number", "id"))


def member_payouts(member: Member) -> QuerySet:
    return (PayoutLine.objects.filter(member=member).select_related("batch")
            .order_by("-batch__number"))
