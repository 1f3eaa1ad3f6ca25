"""Reads for consignment payouts: what is payable, previews, batches and statements.
Run inside the current cooperative's scope."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from guyub.core.models import Cooperative
from guyub.members.models import Member

from ..fulfilment.models import FulfilmentLine
from ..orders.models import Order
from .models import PayoutBatch, PayoutLine


def payable_lines(cooperative: Cooperative, start: dt.date, end: dt.date) -> QuerySet:
    """Sales of paid, not cancelled orders in the period, not yet paid out."""
    return (FulfilmentLine.objects
            .filter(cooperative=cooperative, payout__isnull=True,
                    order__paid_at__date__gte=start, order__paid_at__date__lte=end)
            .exclude(order__status=Order.Status.CANCELLED)
            .select_related("member", "order"))


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
    preview = [PreviewRow(members[row["member_id"]], row["n"], row["sales"], row["fee"])
               for row in sums]
    return sorted(preview, key=lambda row: (row.member.number or 0, row.member.pk))


def oldest_unpaid_sale(cooperative) -> dt.date | None:
    """The day of the oldest sale not yet paid out: a payout period starts there."""
    first = (FulfilmentLine.objects.filter(cooperative=cooperative, payout__isnull=True,
                                           order__paid_at__isnull=False)
             .exclude(order__status=Order.Status.CANCELLED).order_by("order__paid_at")
             .values_list("order__paid_at", flat=True).first())
    return timezone.localdate(first) if first else None


def batches() -> QuerySet:
    return (PayoutBatch.objects.select_related("created_by", "entry")
            .annotate(members=Count("lines"), total=Sum("lines__amount"),
                      sales=Sum("lines__sales"), commission=Sum("lines__commission"))
            .order_by("-number"))


def batch(pk: int) -> PayoutBatch:
    """The batch with what its pages show of it (DoesNotExist when there is none)."""
    return PayoutBatch.objects.select_related("entry", "created_by").get(pk=pk)


def batch_lines(batch: PayoutBatch) -> QuerySet:
    return batch.lines.select_related("member").order_by("member__number", "id")


def statement_lines(payout: PayoutLine) -> QuerySet:
    """The sales one payout line paid for, oldest first."""
    return (payout.fulfilment_lines.select_related("order", "product", "order_line")
            .order_by("order__paid_at", "order__number", "id"))


def member_payouts(member: Member) -> QuerySet:
    return (PayoutLine.objects.filter(member=member).select_related("batch")
            .order_by("-batch__number"))
