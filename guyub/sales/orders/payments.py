"""The buyer's payments: recorded once however often they are notified, and booked."""

from collections import defaultdict
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.money import format_rupiah
from guyub.core.states import TransitionNotAllowed
from guyub.ledger.services import Line, post_entry

from .. import notices
from .models import Order, Payment

# The ledger account money comes in to (or goes out of) by payment method.
PAYMENT_ACCOUNT = {"bank_transfer": "bank", "qris": "bank", "cash": "cash"}


def order_url(order: Order) -> str:
    return reverse("sales:order", args=[order.cooperative.slug, order.pk])


@transaction.atomic
def record_payment(*, order: Order, amount, method: str, reference: str, actor=None,
                   received_at=None) -> tuple[Payment, bool]:
    """Record the buyer's payment once, however often it is notified.

    Returns (payment, created). The same reference again returns the first payment;
    a reference reused for another order or amount is refused.
    """
    reference = (reference or "").strip()
    if not reference:
        raise DomainError(_("Referensi pembayaran wajib diisi."), field="reference")
    if method not in PAYMENT_ACCOUNT:
        raise DomainError(_("Cara bayar tidak dikenal."), field="method")
    amount = Decimal(amount)
    cooperative = order.cooperative
    # Lock the order first: two deliveries of the same notification queue here.
    order = Order.objects.select_for_update().get(pk=order.pk)
    existing = Payment.objects.filter(cooperative=cooperative, reference=reference).first()
    if existing is not None:
        if existing.order_id != order.pk or existing.amount != amount:
            raise _reference_taken(reference)
        return existing, False
    # Only an order that can still become paid takes money (a part payment leaves it
    # placed until the last one).
    if not order.can_move_to(Order.Status.PAID):
        raise TransitionNotAllowed(_("Pesanan ini tidak sedang menunggu pembayaran."),
                                   current=order.status, target=Order.Status.PAID)
    if not amount.is_finite() or amount <= 0 or amount != amount.to_integral_value():
        raise DomainError(_("Jumlah pembayaran harus rupiah utuh lebih dari nol."),
                          field="amount")
    # Under the order's row lock: two part payments at once cannot both fit the balance.
    paid = order.amount_paid
    due = order.total - paid
    if amount > due:
        raise DomainError(_("Jumlah %(amount)s melebihi sisa tagihan. Sisa tagihan %(due)s.")
                          % {"amount": format_rupiah(amount), "due": format_rupiah(due)},
                          field="amount")
    received_at = received_at or timezone.now()
    # By day: the books must not be written for a day that has not come yet.
    if timezone.localdate(received_at) > timezone.localdate():
        raise DomainError(_("Waktu diterimanya pembayaran tidak boleh di masa depan."),
                          field="received_at")
    if received_at < order.placed_at:
        raise DomainError(_("Pembayaran tidak mungkin diterima sebelum pesanannya dibuat."),
                          field="received_at")
    try:
        # Two orders paid with one reference at the same moment lock different orders,
        # so both pass the check above; the unique constraint stops the second one here,
        # which must be the same refusal as above, not a server error.
        with transaction.atomic():
            payment = Payment.objects.create(
                cooperative=cooperative, order=order, amount=amount, method=method,
                reference=reference, received_at=received_at,
                recorded_by=actor if getattr(actor, "pk", None) else None)
    except IntegrityError:
        raise _reference_taken(reference) from None
    # The books date the sale when the money came in, not when someone recorded it.
    # A part payment is held as the buyer's deposit (a liability: the goods are still
    # owed); the payment that completes the order books the sale, drawing the deposits.
    settles = amount == due
    if settles:
        lines = _sale_lines(order, amount, method)
        if paid:
            lines.append(Line(account="buyer_deposits", debit=paid))
        description = _("Penjualan %(no)s, dibayar (%(ref)s)")
    else:
        lines = [Line(account=PAYMENT_ACCOUNT[method], debit=amount),
                 Line(account="buyer_deposits", credit=amount)]
        description = _("Uang muka %(no)s (%(ref)s)")
    payment.entry = post_entry(
        cooperative=cooperative, date=timezone.localdate(received_at), actor=actor,
        source=payment, source_url=order_url(order), lines=lines,
        description=description % {"no": order.display_number, "ref": reference})
    payment.save(update_fields=["entry"])
    if settles:
        order.move_to(Order.Status.PAID)
        order.paid_at = payment.received_at
        order.save(update_fields=["status", "paid_at"])
        log_action(cooperative=cooperative, actor=actor, action="order.paid", obj=order,
                   amount=amount, reference=reference, method=method)
        notices.order_paid(order)
    else:
        log_action(cooperative=cooperative, actor=actor, action="order.part_paid", obj=order,
                   amount=amount, reference=reference, method=method, balance_due=due - amount)
    return payment, True


def _reference_taken(reference: str) -> DomainError:
    return DomainError(_("Referensi %(ref)s sudah dipakai untuk pembayaran lain.")
                       % {"ref": reference}, field="reference", code="conflict")


def _sale_lines(order: Order, amount: Decimal, method: str) -> list[Line]:
    """Cash in; each maker's earning owed to them; commission and VAT to the cooperative."""
    earnings: dict[int, Decimal] = defaultdict(Decimal)
    members = {}
    total_commission = Decimal(0)
    for line in order.fulfilment.select_related("member"):
        earnings[line.member_id] += line.member_earning
        members[line.member_id] = line.member
        total_commission += line.commission
    lines = [Line(account=PAYMENT_ACCOUNT[method], debit=amount)]
    lines += [Line(account="payable_members", credit=earning, member=members[member_id])
              for member_id, earning in earnings.items() if earning > 0]
    if total_commission:
        lines.append(Line(account="income_commission", credit=total_commission))
    if order.ppn_amount:
        lines.append(Line(account="vat_payable", credit=order.ppn_amount))
    return lines
