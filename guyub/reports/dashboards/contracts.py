"""Contract figures for the dashboards: what the cooperative invoiced its corporate
buyers and paid its members each month, the buyers' unpaid invoices by age, and for a
member their own contract goods, what they are owed and their next allotments.

A handful of grouped queries each, whatever the number of contracts: invoices,
payments and receipts are few beside orders (one per delivery or member per delivery)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, DateField, Q, Sum
from django.db.models.functions import Cast, TruncMonth
from django.utils.translation import gettext as _

from guyub.contracts.deliveries.selectors import open_invoices, receivable_totals
from guyub.contracts.models import (
    Allotment,
    BuyerInvoice,
    Contract,
    Delivery,
    Dispute,
    MemberPayment,
)

from .periods import Period

ZERO = Decimal(0)

def _monthly(rows, months) -> list[Decimal]:
    by_month = {row["month"]: row["total"] or ZERO for row in rows}
    return [by_month.get(month, ZERO) for month in months]


def _by_month(queryset, date_field: str, period: Period, amount: str = "amount"):
    return (queryset.filter(**{f"{date_field}__range": (period.start, period.end)})
            .annotate(month=Cast(TruncMonth(date_field), DateField()))
            .values("month").annotate(total=Sum(amount)).order_by())


def board_series(period: Period) -> dict[str, list[Decimal]]:
    """Per month of the period: invoiced to buyers, paid by buyers, paid to members."""
    months = period.months
    invoices = BuyerInvoice.objects.all()
    paid_invoices = invoices.filter(status=BuyerInvoice.Status.PAID)
    paid_members = MemberPayment.objects.filter(status=MemberPayment.Status.PAID)
    return {
        _("Ditagih ke pembeli"): _monthly(_by_month(invoices, "issued_on", period), months),
        _("Dibayar pembeli"): _monthly(_by_month(paid_invoices, "paid_on", period), months),
        _("Dibayar ke anggota"): _monthly(_by_month(paid_members, "paid_on", period), months),
    }


def receivables_by_age(cooperative, today: dt.date) -> list[dict]:
    """Unpaid buyer invoices (less credit notes) by days past due, in the same buckets
    as the receivables page and the overdue notice (the deliveries' selector)."""
    return receivable_totals(open_invoices(cooperative, today))


def running_contracts() -> int:
    return Contract.objects.filter(
        status__in=[Contract.Status.ACTIVE, Contract.Status.AMENDING]).count()


def member_series(member, period: Period) -> dict[str, list[Decimal]]:
    """A member's contract goods accepted (their amount) and paid, per month."""
    months = period.months
    payments = MemberPayment.objects.filter(member=member)
    accepted = (payments.filter(receipt__checked_at__date__range=(period.start, period.end))
                .annotate(month=Cast(TruncMonth("receipt__checked_at"), DateField()))
                .values("month").annotate(total=Sum("amount")).order_by())
    paid = _by_month(payments.filter(status=MemberPayment.Status.PAID), "paid_on", period)
    return {_("Barang kontrak diterima"): _monthly(accepted, months),
            _("Dibayar koperasi"): _monthly(paid, months)}


def member_owed(member) -> dict:
    """What the cooperative still owes the member for contract goods, and by when."""
    due = MemberPayment.objects.filter(member=member, status=MemberPayment.Status.DUE)
    amount = due.aggregate(amount=Sum("amount"))["amount"]
    first = due.order_by("due_on").values_list("due_on", flat=True).first()
    return {"amount": amount or ZERO, "by": first}


def member_deadlines(member, today: dt.date, until: dt.date) -> list[dict]:
    """The member's contract allotments to bring, up to `until` (late ones included)."""
    allotments = (Allotment.objects.filter(member=member, status=Allotment.Status.ALLOTTED,
                                           delivery__due_on__lte=until)
                  .select_related("delivery__contract").order_by("delivery__due_on")[:10])
    return [{"date": a.delivery.due_on, "kind": "contract", "pk": a.pk,
             "text": _("Antar %(quantity)s %(unit)s untuk kontrak %(contract)s") % {
                 "quantity": a.quantity, "unit": a.delivery.contract.get_unit_display(),
                 "contract": a.delivery.contract}}
            for a in allotments]


def work_queues(today: dt.date) -> dict:
    """What waits for the cooperative in its contracts: one count query per kind."""
    contracts = Contract.objects.aggregate(
        negotiating=Count("id", filter=Q(status__in=[
            Contract.Status.REQUESTED, Contract.Status.NEGOTIATING, Contract.Status.AMENDING])))
    deliveries = Delivery.objects.aggregate(
        to_allocate=Count("id", filter=Q(status=Delivery.Status.PLANNED,
                                         contract__status__in=[Contract.Status.ACTIVE,
                                                               Contract.Status.AMENDING],
                                         due_on__lte=today + dt.timedelta(days=7))),
        to_check=Count("id", filter=Q(status=Delivery.Status.ALLOCATED, due_on__lte=today)),
        to_deliver=Count("id", filter=Q(status=Delivery.Status.RECEIVED)))
    invoices = BuyerInvoice.objects.filter(status=BuyerInvoice.Status.OPEN).aggregate(
        overdue=Count("id", filter=Q(due_on__lt=today)))
    payments = MemberPayment.objects.filter(status=MemberPayment.Status.DUE).aggregate(
        due=Count("id", filter=Q(due_on__lte=today + dt.timedelta(days=2))),
        late=Count("id", filter=Q(due_on__lt=today)))
    disputes = Dispute.objects.exclude(status=Dispute.Status.RESOLVED).count()
    return {**contracts, **deliveries, **invoices, "payments_due": payments["due"],
            "payments_late": payments["late"], "disputes": disputes}
