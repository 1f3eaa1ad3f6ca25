"""Reads of the deliveries: the by-law setting, what a member is paid for accepted
goods, each delivery's allotments and checks, the buyers' open invoices by age, the
member payments due, and a member's contract business with the cooperative."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _

from guyub.core.money import to_rupiah

from ..allocation.models import Allotment, Delivery
from ..negotiation.models import Contract
from .models import BuyerInvoice, ContractSettings, MemberPayment, Receipt

HUNDRED = Decimal(100)
# Age buckets of an open invoice, by days past its due date (the receivables page and
# the overdue notice use the same ones).
BUCKETS = (("current", _("Belum jatuh tempo")), ("1-30", _("1–30 hari")),
           ("31-60", _("31–60 hari")), ("60+", _("Lebih dari 60 hari")))


def settings_of(cooperative) -> ContractSettings:
    """The cooperative's setting, or the defaults (unsaved) when the board has not set it."""
    return (ContractSettings.objects.filter(cooperative=cooperative).first()
            or ContractSettings(cooperative=cooperative))


def agreed_terms(contract: Contract) -> dict:
    """The terms in force: the newest agreed version's (while an amendment is negotiated
    the contract row holds the proposed terms, not the agreed ones)."""
    version = contract.versions.order_by("-version").first()
    terms = version.terms if version is not None else {}
    return {"price": Decimal(terms["price"]) if terms.get("price") else contract.price,
            "payment_terms_days": terms.get("payment_terms_days",
                                            contract.payment_terms_days)}


def agreed_price(contract: Contract) -> Decimal:
    return agreed_terms(contract)["price"]


def member_amount(price: Decimal, accepted: int, fee_pct: Decimal) -> Decimal:
    """What a member is paid for accepted goods: the price less the cooperative's margin,
    rounded to the rupiah once, on the whole amount."""
    return to_rupiah(Decimal(price) * accepted * (HUNDRED - Decimal(fee_pct)) / HUNDRED)


# --- deliveries and their checks ---------------------------------------------------------


def deliveries_in_progress(cooperative):
    """Deliveries that have been split among members, newest due first."""
    return (Delivery.objects.filter(cooperative=cooperative)
            .exclude(status__in=[Delivery.Status.PLANNED, Delivery.Status.CANCELLED])
            .select_related("contract", "contract__buyer").order_by("-due_on", "-pk"))


def allotments_of(delivery: Delivery) -> list[Allotment]:
    """Every allotment of the delivery with its check (if any), members by name."""
    allotments = list(delivery.allotments.select_related("member")
                      .order_by("member__owner_name", "pk"))
    receipts = {r.allotment_id: r for r in
                Receipt.objects.filter(allotment__delivery=delivery).select_related("payment")}
    for allotment in allotments:
        allotment.check = receipts.get(allotment.pk)
    return allotments


def accepted_total(delivery: Delivery) -> int:
    return (Receipt.objects.filter(allotment__delivery=delivery)
            .aggregate(n=Sum("accepted"))["n"] or 0)


def members_amount(delivery: Delivery) -> Decimal:
    """What the cooperative owes its members for the delivery's accepted goods."""
    return (MemberPayment.objects.filter(receipt__allotment__delivery=delivery)
            .aggregate(n=Sum("amount"))["n"] or Decimal(0))


def shortfall_after_check(delivery: Delivery) -> int:
    """The quantity the members' allotments were meant to cover but that is now missing:
    rejected at the check, delivered short, or withdrawn, and not yet given to another
    member. What the allocation could not cover at all (`delivery.shortfall`, capacity
    short) is not counted again.

    This is the hook for the allocation's standby producers: the lead wires
    `allocation.services.reallocate(delivery=, quantity=shortfall_after_check(d),
    exclude_member_ids=<members who failed>, actor=, reason=)` after a check that leaves
    a shortfall; the new ALLOTTED allotments then keep the delivery open for checking."""
    target = delivery.quantity - delivery.shortfall
    rows = delivery.allotments.aggregate(
        pending=Sum("quantity", filter=Q(status=Allotment.Status.ALLOTTED)))
    covered = (rows["pending"] or 0) + accepted_total(delivery)
    return max(0, target - covered)


def failed_member_ids(delivery: Delivery) -> list[int]:
    """Members who withdrew or had goods rejected or short on this delivery: the
    reallocation must not give the missing quantity back to them."""
    short = Receipt.objects.filter(allotment__delivery=delivery).filter(
        Q(rejected__gt=0) | Q(received__lt=F("allotment__quantity")))
    ids = set(short.values_list("allotment__member_id", flat=True))
    ids |= set(delivery.allotments.filter(status=Allotment.Status.WITHDRAWN)
               .values_list("member_id", flat=True))
    return sorted(ids)


def receipt_of(pk: int) -> Receipt | None:
    return (Receipt.objects.filter(pk=pk)
            .select_related("allotment__member", "allotment__delivery__contract__buyer",
                            "checked_by").first())


# --- the buyers' invoices ------------------------------------------------------------------


@dataclass
class OpenInvoice:
    invoice: BuyerInvoice
    outstanding: Decimal
    days_overdue: int      # 0 when not yet due
    bucket: str

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def bucket_of(days_overdue: int) -> str:
    if days_overdue <= 0:
        return "current"
    if days_overdue <= 30:
        return "1-30"
    if days_overdue <= 60:
        return "31-60"
    return "60+"


def invoices_of(cooperative):
    return (BuyerInvoice.objects.filter(cooperative=cooperative)
            .select_related("delivery__contract__buyer"))


def open_invoices(cooperative, today: dt.date) -> list[OpenInvoice]:
    """Unpaid invoices, oldest due first, with their age past the due date."""
    rows = []
    for invoice in invoices_of(cooperative).filter(status=BuyerInvoice.Status.OPEN):
        if invoice.amount - invoice.credited <= 0:
            continue  # credited in full (a dispute's price reduction): nothing is owed
        days = max(0, (today - invoice.due_on).days)
        rows.append(OpenInvoice(invoice, invoice.amount - invoice.credited, days,
                                bucket_of(days)))
    return rows


def receivable_totals(rows: list[OpenInvoice]) -> list[dict]:
    return [{"key": key, "label": label,
             "amount": sum((r.outstanding for r in rows if r.bucket == key), Decimal(0)),
             "count": sum(1 for r in rows if r.bucket == key)} for key, label in BUCKETS]


def overdue_invoices(cooperative, today: dt.date) -> list[OpenInvoice]:
    """Open invoices past their due date (for the board's overdue notice)."""
    return [r for r in open_invoices(cooperative, today) if r.overdue]


def invoice_number(invoice: BuyerInvoice) -> str:
    return f"FK-{invoice.number:05d}"


def buyer_invoices(user):
    """The invoices of every buyer record of this login (a login may have a retail and a
    business record), newest first."""
    return (BuyerInvoice.objects.filter(delivery__contract__buyer__user=user)
            .select_related("delivery__contract").order_by("-issued_on", "-pk"))


# --- paying members --------------------------------------------------------------------------


def payments_due(cooperative):
    """Member payments not yet made, the earliest due first."""
    return (MemberPayment.objects.filter(cooperative=cooperative,
                                         status=MemberPayment.Status.DUE)
            .select_related("member", "receipt__allotment__delivery__contract")
            .order_by("due_on", "pk"))


def payments_due_by(cooperative, day: dt.date):
    """Member payments the by-laws require to be made on or before `day` (for the job
    that reminds the board)."""
    return payments_due(cooperative).filter(due_on__lte=day)


def member_payments(member):
    """A member's contract payments, due and paid, newest delivery first."""
    return (MemberPayment.objects.filter(member=member)
            .select_related("receipt__allotment__delivery__contract")
            .order_by("-receipt__allotment__delivery__due_on", "-pk"))


def member_receipts(member):
    return (Receipt.objects.filter(allotment__member=member)
            .select_related("allotment__delivery__contract")
            .order_by("-checked_at", "-pk"))


def member_contract_volume(member, start: dt.date, end: dt.date) -> tuple[int, Decimal]:
    """The member's business with the cooperative through contracts between `start`
    and `end` (inclusive, by the day the goods were checked): accepted quantity and
    what the member is paid for it (the SHU counts it as jasa usaha)."""
    rows = (MemberPayment.objects.filter(member=member,
                                         receipt__checked_at__date__gte=start,
                                         receipt__checked_at__date__lte=end)
            .aggregate(quantity=Sum("receipt__accepted"), amount=Sum("amount")))
    return rows["quantity"] or 0, rows["amount"] or Decimal(0)
