"""Writes of the deliveries: the by-law setting, the quality check of a member's goods,
the consolidated delivery to the buyer with its invoice, the buyer's payment, and the
prompt payment of members.

How the money moves (each step ONE balanced entry):
- check: the cooperative takes the accepted goods at the member's price (the contract
  price less its margin): Dr inventory / Cr payable_members (the member on the line).
- delivery to the buyer: the sale. Dr receivable_buyers and Cr income_non_members for
  the invoice amount; Dr cost_of_sales and Cr inventory for what the goods cost (the
  members' amounts). The margin is the difference between income and cost of sales.
- the buyer pays: Dr bank or cash / Cr receivable_buyers.
- the cooperative pays members (within the by-laws' days, whether or not the buyer has
  paid): Dr payable_members (each member) / Cr bank or cash.

Lock order: the delivery, then its allotments (by id); the invoice; member payments by
id. The ledger takes the cooperative row last (post_entry)."""

import datetime as dt
import threading
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled
from PIL import Image, ImageFile, UnidentifiedImageError

from guyub.catalog.services import MAX_PHOTO_BYTES
from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative, CoopRole
from guyub.core.money import format_rupiah
from guyub.core.roles import Role
from guyub.ledger.services import Line, post_entry
from guyub.notifications.services import notify

from .. import notices
from ..allocation import services as allocation
from ..allocation.models import Allotment, Delivery
from ..negotiation.models import Contract
from .models import BuyerInvoice, ContractSettings, MemberPayment, Receipt
from .selectors import (
    accepted_total,
    agreed_price,
    agreed_terms,
    failed_member_ids,
    invoice_number,
    member_amount,
    members_amount,
    overdue_invoices,
    settings_of,
    shortfall_after_check,
)

METHODS = {"bank": "bank", "cash": "cash"}
_STRICT_IMAGES = threading.Lock()


def _day(value: dt.date) -> str:
    return date_format(value, "j F Y")


# --- the by-law setting ------------------------------------------------------------------


@transaction.atomic
def save_settings(*, settings: ContractSettings, actor) -> ContractSettings:
    if not Decimal(0) <= Decimal(settings.fee_pct) <= Decimal(50):
        raise DomainError(_("Jasa koperasi antara 0 dan 50 %."), field="fee_pct")
    if not 0 <= settings.member_payment_days <= 90:
        raise DomainError(_("Batas pembayaran anggota antara 0 dan 90 hari."),
                          field="member_payment_days")
    settings.save()
    log_action(cooperative=settings.cooperative, actor=actor,
               action="contract_settings.updated", days=settings.member_payment_days,
               fee_pct=str(settings.fee_pct))
    return settings


# --- the quality check -------------------------------------------------------------------


def _check_photo(photo) -> None:
    """Refuse what is not a readable image, like the catalogue's product photos."""
    if photo.size > MAX_PHOTO_BYTES:
        raise DomainError(_("Foto terlalu besar (maksimal 8 MB)."), field="photo")
    # WeasyPrint switches Pillow to accepting truncated images process-wide when it is
    # imported; a half-uploaded photo must still be refused.
    with _STRICT_IMAGES:
        lenient = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            photo.seek(0)
            Image.open(photo).verify()
            photo.seek(0)
            Image.open(photo).load()
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError,
                SyntaxError):
            raise DomainError(_("Berkas bukan gambar yang dapat dibaca."),
                              field="photo") from None
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient
            photo.seek(0)


def _check_quantities(allotment, received, accepted, rejected, returned, reason) -> None:
    if min(received, accepted, rejected, returned) < 0:
        raise DomainError(_("Jumlah tidak boleh negatif."), field="received")
    if received > allotment.quantity:
        raise DomainError(_("Diterima %(received)s, lebih dari bagian anggota (%(quantity)s). "
                            "Kelebihannya dikembalikan, tidak dicatat.")
                          % {"received": received, "quantity": allotment.quantity},
                          field="received")
    if accepted + rejected != received:
        raise DomainError(_("Lolos uji mutu ditambah ditolak harus sama dengan jumlah "
                            "diterima (%(received)s).") % {"received": received},
                          field="accepted")
    if rejected and not reason.strip():
        raise DomainError(_("Tuliskan alasan penolakan untuk anggota."), field="reason")
    if returned > rejected:
        raise DomainError(_("Yang dikembalikan ke anggota tidak lebih dari yang ditolak."),
                          field="returned")


@transaction.atomic
def check_goods(*, allotment: Allotment, received: int, accepted: int, rejected: int,
                reason: str = "", photo=None, returned: int = 0, actor) -> Receipt:
    """Record what a member brought for a delivery and its quality check. Accepted goods
    become the cooperative's inventory and a payment due to the member by the by-laws'
    date; the member is told the result. Checking twice is refused (locked, re-checked)."""
    # The contract first, as the allocation's services lock (contract, delivery,
    # allotment): a check that re-allocates never waits in a circle with a withdrawal.
    Contract.objects.select_for_update().filter(pk=Delivery.objects.filter(
        pk=allotment.delivery_id).values("contract_id")[:1]).first()
    delivery = Delivery.objects.select_for_update().get(pk=allotment.delivery_id)
    allotment = Allotment.objects.select_for_update().select_related("member").get(
        pk=allotment.pk)
    if delivery.status != Delivery.Status.ALLOCATED:
        raise DomainError(_("Pengiriman ini tidak sedang menerima barang dari anggota."),
                          code="transition")
    allotment.move_to(Allotment.Status.RECEIVED,
                      message=_("Barang anggota ini sudah diperiksa atau bagiannya ditarik."))
    reason = (reason or "").strip()
    _check_quantities(allotment, received, accepted, rejected, returned, reason)
    if photo:
        _check_photo(photo)
    cooperative, member, contract = delivery.cooperative, allotment.member, delivery.contract
    now = timezone.now()
    today = timezone.localdate(now)
    receipt = Receipt(cooperative=cooperative, allotment=allotment, received=received,
                      accepted=accepted, rejected=rejected, reason=reason, returned=returned,
                      checked_by=actor if getattr(actor, "is_authenticated", False) else None,
                      checked_at=now)
    if photo:
        receipt.photo.save(f"terima-{allotment.pk}.{_extension(photo)}", photo, save=False)
    receipt.save()
    allotment.save(update_fields=["status"])
    rules = settings_of(cooperative)
    amount = member_amount(agreed_price(contract), accepted, rules.fee_pct)
    payment = None
    if amount > 0:
        payment = MemberPayment.objects.create(
            cooperative=cooperative, receipt=receipt, member=member, amount=amount,
            due_on=today + dt.timedelta(days=rules.member_payment_days))
        post_entry(cooperative=cooperative, date=today,
                   description=_("Barang kontrak %(contract)s diterima dari %(member)s")
                   % {"contract": str(contract), "member": member.owner_name},
                   lines=[Line("inventory", debit=amount),
                          Line("payable_members", credit=amount, member=member)],
                   actor=actor, source=receipt)
    if member.user_id:
        notify(cooperative=cooperative, topic=notices.QUALITY_RESULT,
               event_id=f"allotment:{allotment.pk}:result", recipients=[member.user_id],
               link=reverse("contracts:my_contract_payments", args=[cooperative.slug]),
               params={"contract": str(contract), "due": _day(delivery.due_on),
                       "accepted": str(accepted), "rejected": str(rejected),
                       "reason": (" " + _("Alasan: %(reason)s") % {"reason": reason})
                       if rejected else ""})
    log_action(cooperative=cooperative, actor=actor, action="contract_goods.checked",
               obj=receipt, member=member.pk, received=received, accepted=accepted,
               rejected=rejected, reason=reason,
               amount=payment.amount if payment else Decimal(0))
    # Rejected or short goods go to the standby producers by the same rule before the
    # delivery is closed: their new allotments keep it open for their own checks.
    missing = shortfall_after_check(delivery) if received < allotment.quantity or rejected \
        else 0
    if missing:
        allocation.reallocate(delivery=delivery, quantity=missing,
                              exclude_member_ids=failed_member_ids(delivery), actor=actor,
                              reason=reason or _("Barang kurang dari bagian"))
    _close_receiving_if_done(delivery)
    return receipt


def _extension(photo) -> str:
    name = getattr(photo, "name", "") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return ext if ext in {"jpg", "jpeg", "png", "webp", "gif"} else "jpg"


def _close_receiving_if_done(delivery: Delivery) -> None:
    """Every live allotment checked (none still ALLOTTED, at least one checked): the
    delivery is in the warehouse."""
    live = delivery.allotments.exclude(status=Allotment.Status.WITHDRAWN)
    if live.exists() and not live.filter(status=Allotment.Status.ALLOTTED).exists():
        delivery.move_to(Delivery.Status.RECEIVED)
        delivery.save(update_fields=["status"])


# --- the consolidated delivery to the buyer -------------------------------------------------


@transaction.atomic
def deliver_to_buyer(*, delivery: Delivery, actor) -> BuyerInvoice:
    """Send the delivery's accepted goods to the buyer and invoice them at the agreed
    price, payable within the contract's terms."""
    delivery = (Delivery.objects.select_for_update().select_related("contract__buyer")
                .get(pk=delivery.pk))
    delivery.move_to(Delivery.Status.DELIVERED,
                     message=_("Hanya pengiriman yang seluruh barangnya sudah diperiksa yang "
                               "dapat dikirim ke pembeli, dan hanya sekali."))
    quantity = accepted_total(delivery)
    if quantity <= 0:
        raise DomainError(_("Tidak ada barang yang lolos uji mutu untuk dikirim."),
                          code="conflict")
    contract, cooperative = delivery.contract, delivery.cooperative
    terms = agreed_terms(contract)
    amount = terms["price"] * quantity
    cost = members_amount(delivery)
    today = timezone.localdate()
    # The cooperative row serialises invoice numbers (no gaps, no twins), as the
    # ledger does for entries.
    Cooperative.objects.select_for_update(no_key=True).filter(pk=cooperative.pk).first()
    number = (BuyerInvoice.objects.filter(cooperative=cooperative)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    invoice = BuyerInvoice.objects.create(
        cooperative=cooperative, delivery=delivery, number=number, quantity=quantity,
        unit_price=terms["price"], payment_terms_days=terms["payment_terms_days"],
        amount=amount, issued_on=today,
        due_on=today + dt.timedelta(days=terms["payment_terms_days"]))
    delivery.delivered_at = timezone.now()
    delivery.save(update_fields=["status", "delivered_at"])
    lines = [Line("receivable_buyers", debit=amount),
             Line("income_non_members", credit=amount)]
    if cost > 0:
        lines += [Line("cost_of_sales", debit=cost), Line("inventory", credit=cost)]
    post_entry(cooperative=cooperative, date=today,
               description=_("Faktur %(number)s: kontrak %(contract)s kepada %(buyer)s")
               % {"number": invoice_number(invoice), "contract": str(contract),
                  "buyer": contract.buyer.company or contract.buyer.name},
               lines=lines, actor=actor, source=invoice)
    log_action(cooperative=cooperative, actor=actor, action="contract_delivery.delivered",
               obj=invoice, quantity=quantity, amount=amount, cost=cost)
    return invoice


# --- the buyer's payment -------------------------------------------------------------------


def _check_paid_on(paid_on: dt.date, earliest: dt.date, too_early) -> None:
    if paid_on > timezone.localdate():
        raise DomainError(_("Tanggal bayar tidak boleh di masa depan."), field="paid_on")
    if paid_on < earliest:
        raise DomainError(too_early % {"d": _day(earliest)}, field="paid_on")


@transaction.atomic
def record_buyer_payment(*, invoice: BuyerInvoice, paid_on: dt.date, method: str,
                         actor) -> BuyerInvoice:
    if method not in METHODS:
        raise DomainError(_("Pilih bank atau tunai."), field="method")
    invoice = (BuyerInvoice.objects.select_for_update().select_related("delivery__contract")
               .get(pk=invoice.pk))
    invoice.move_to(BuyerInvoice.Status.PAID, message=_("Faktur ini sudah lunas."))
    _check_paid_on(paid_on, invoice.issued_on,
                   _("Tanggal bayar tidak boleh sebelum faktur terbit (%(d)s)."))
    due = invoice.amount - invoice.credited
    invoice.paid_on = paid_on
    invoice.save(update_fields=["status", "paid_on"])
    if due > 0:
        post_entry(cooperative=invoice.cooperative, date=paid_on,
                   description=_("Pembayaran faktur %(number)s") % {
                       "number": invoice_number(invoice)},
                   lines=[Line(METHODS[method], debit=due),
                          Line("receivable_buyers", credit=due)],
                   actor=actor, source=invoice)
    log_action(cooperative=invoice.cooperative, actor=actor, action="contract_invoice.paid",
               obj=invoice, amount=due, date=paid_on, method=method)
    return invoice


def tell_overdue_invoices(*, cooperative=None, today: dt.date) -> list[BuyerInvoice]:
    """Tell the board about invoices past due: once per invoice per age bucket (1–30,
    31–60, >60 days), so a reminder comes when an invoice grows older, not every day.
    Returns the invoices told about now (already told ones are not counted again)."""
    with scopes_disabled():
        cooperatives = ([cooperative] if cooperative is not None else
                        list(Cooperative.objects.filter(
                            pk__in=BuyerInvoice.objects.filter(
                                status=BuyerInvoice.Status.OPEN, due_on__lt=today)
                            .values("cooperative"))))
    told = []
    for coop in cooperatives:
        with scope(cooperative=coop), transaction.atomic():
            board = list(CoopRole.objects.filter(cooperative=coop, role=Role.BOARD)
                         .values_list("user_id", flat=True))
            link = reverse("contracts:receivables", args=[coop.slug])
            for row in overdue_invoices(coop, today):
                invoice, buyer = row.invoice, row.invoice.delivery.contract.buyer
                if notify(cooperative=coop, topic=notices.INVOICE_OVERDUE,
                          event_id=f"invoice:{invoice.pk}:overdue:{row.bucket}",
                          recipients=board, link=link,
                          params={"invoice": invoice_number(invoice),
                                  "buyer": buyer.company or buyer.name,
                                  "amount": format_rupiah(row.outstanding),
                                  "days": str(row.days_overdue)}):
                    told.append(invoice)
    return told


# --- paying members --------------------------------------------------------------------------


@transaction.atomic
def pay_members(*, payment_ids: list[int], paid_on: dt.date, method: str, cooperative,
                actor) -> list[MemberPayment]:
    """Pay the listed member payments still due in one run: ONE entry, a debit to
    payable_members per member (on the line) and one credit to bank or cash. Whether the
    buyer has paid does not matter: the by-laws promise members their money by the due
    date. A payment paid already (a second submit) is left out; none left is refused."""
    if method not in METHODS:
        raise DomainError(_("Pilih bank atau tunai."), field="method")
    payments = list(MemberPayment.objects.select_for_update()
                    .filter(cooperative=cooperative, pk__in=payment_ids,
                            status=MemberPayment.Status.DUE).order_by("pk"))
    if not payments:
        raise DomainError(_("Tidak ada pembayaran anggota yang masih harus dibayar di "
                            "antara yang dipilih."), code="conflict")
    payments = list(MemberPayment.objects.filter(pk__in=[p.pk for p in payments])
                    .select_related("member", "receipt__allotment__delivery__contract")
                    .order_by("pk"))
    earliest = max(timezone.localdate(p.receipt.checked_at) for p in payments)
    _check_paid_on(paid_on, earliest,
                   _("Tanggal bayar tidak boleh sebelum barang diterima (%(d)s)."))
    total = sum((p.amount for p in payments), Decimal(0))
    lines = [Line("payable_members", debit=p.amount, member=p.member) for p in payments]
    lines.append(Line(METHODS[method], credit=total))
    names = ", ".join(sorted({p.member.owner_name for p in payments}))[:150]
    entry = post_entry(cooperative=cooperative, date=paid_on,
                       description=_("Pembayaran barang kontrak kepada anggota: %(names)s")
                       % {"names": names}, lines=lines, actor=actor,
                       source=payments[0] if len(payments) == 1 else None)
    link = reverse("contracts:my_contract_payments", args=[cooperative.slug])
    for payment in payments:
        payment.move_to(MemberPayment.Status.PAID)
        payment.paid_on = paid_on
        payment.save(update_fields=["status", "paid_on"])
        contract = payment.receipt.allotment.delivery.contract
        if payment.member.user_id:
            notify(cooperative=cooperative, topic=notices.MEMBER_PAID,
                   event_id=f"member_payment:{payment.pk}:paid",
                   recipients=[payment.member.user_id], link=link,
                   params={"amount": format_rupiah(payment.amount),
                           "contract": str(contract)})
        log_action(cooperative=cooperative, actor=actor, action="contract_member.paid",
                   obj=payment, member=payment.member_id, amount=payment.amount,
                   date=paid_on, method=method, entry=entry.pk)
    return payments


__all__ = ["check_goods", "deliver_to_buyer", "pay_members", "record_buyer_payment",
           "save_settings", "shortfall_after_check", "tell_overdue_invoices"]
