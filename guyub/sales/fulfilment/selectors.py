"""Reads for the warehouse and distribution: pick lists, orders ready to ship, shipments.
Run inside the current cooperative's scope."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from guyub.members.models import Member

from ..orders.models import Order
from .models import FulfilmentLine, Shipment

# Goods are brought to the warehouse once an order is paid, until it leaves.
OPEN = (Order.Status.PAID, Order.Status.FULFILLING)
ZERO = Decimal(0)


# --- pick lists ---------------------------------------------------------------------------

PENDING, RECEIVED, ALL = "pending", "received", "all"


def pick_lines(*, member: Member | None = None, due_from: dt.date | None = None,
               due_to: dt.date | None = None, state: str = PENDING) -> QuerySet:
    """Fulfilment lines of paid orders: still to bring (pending), already at the
    warehouse (received), or both; never those of unpaid or cancelled orders."""
    pending = Q(handed_over_at__isnull=True, order__status__in=OPEN)
    received = Q(handed_over_at__isnull=False) & ~Q(order__status=Order.Status.CANCELLED)
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


def shipments(status: str = "") -> QuerySet:
    """Shipments, newest first, with their order count and weight; of one status if given."""
    found = (Shipment.objects.annotate(order_count=Count("orders"),
                                       weight=Sum("orders__weight_grams"))
             .order_by("-number"))
    if status in Shipment.Status.values:
        found = found.filter(status=status)
    return found


def shipment_orders(shipment: Shipment) -> QuerySet:
    """The shipment's orders with what the detail page and the packing list show."""
    return (shipment.orders.select_related("buyer", "channel")
            .prefetch_related("lines", "fulfilment__product", "fulfilment__member")
            .order_by("number"))
