"""Every write of the disputes: opening a complaint, the mediation thread, the move to
mediation and the resolution (with the credit note of a price reduction).

Lock order, one for every service here: the delivery row (opening), else the dispute
row, then the delivery's invoice row, then (inside ledger.post_entry) the cooperative
row. Two resolutions at once: the second waits on the dispute row, then finds it
resolved and is refused.

Who bears a price reduction: the cooperative. The credit note lowers its income from
the buyer (Dr income_non_members / Cr receivable_buyers); the members were (or will be)
paid for their accepted goods as agreed, and a member's payment is money already owed,
never edited. Recovering a reduction from a member at fault (a deduction posted against
their payable) is future work, decided by the board case by case outside this.
"""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.money import format_rupiah
from guyub.core.typed_text import clean_text
from guyub.ledger.services import Line, post_entry
from guyub.notifications.services import notify

from ..allocation.models import Allotment, Delivery
from ..deliveries.models import BuyerInvoice
from ..negotiation.models import MAX_QUANTITY
from ..notices import DISPUTE_UPDATE
from . import selectors
from .models import Dispute, DisputeMessage

Party = Dispute.Party
Resolution = Dispute.Resolution
COOPERATIVE = DisputeMessage.COOPERATIVE
SUBJECT_MAX = Dispute._meta.get_field("subject").max_length
MESSAGE_MAX = DisputeMessage._meta.get_field("text").max_length
NOTE_MAX = Dispute._meta.get_field("resolution_note").max_length

# What each kind of complaint can end in. A buyer's: the goods are replaced, the price
# reduced, or the complaint dismissed. A member's (contesting a quality result): the
# rejection upheld, or the complaint dismissed. Overturning a rejection means checking
# the goods again, which the deliveries' quality check records, not the dispute.
RESOLUTIONS = {
    Party.BUYER: (Resolution.REPLACEMENT, Resolution.PRICE_REDUCTION, Resolution.DISMISSED),
    Party.MEMBER: (Resolution.REJECTION_UPHELD, Resolution.DISMISSED),
}
MONEY_RESOLUTIONS = {Resolution.PRICE_REDUCTION}




def _drop_empty(details: dict) -> None:
    """The audit entry names only what applies (no "amount: –" on a replacement)."""
    for key in [key for key, value in details.items() if not value]:
        del details[key]


def _tell(dispute: Dispute, *, event: str, update: str, actor) -> None:
    """DISPUTE_UPDATE to every party of the dispute but the one who acted, each with a
    link to the page they can open (buyer portal, member portal, officers' page)."""
    coop = dispute.cooperative
    args = [coop.slug, dispute.pk]
    groups = []
    if dispute.buyer_is_party and dispute.delivery.contract.buyer.user_id:
        groups.append(({dispute.delivery.contract.buyer.user_id},
                       reverse("contracts:buyer_dispute", args=args)))
    if dispute.member_is_party and dispute.allotment.member.user_id:
        groups.append(({dispute.allotment.member.user_id},
                       reverse("contracts:my_dispute", args=args)))
    groups.append((selectors.officer_ids(coop), reverse("contracts:dispute", args=args)))
    seen = {getattr(actor, "pk", None)}
    params = {"subject": dispute.subject, "contract": str(dispute.delivery.contract),
              "update": str(update)}
    for ids, link in groups:
        ids = set(ids) - seen
        seen |= ids
        if ids:
            notify(cooperative=coop, topic=DISPUTE_UPDATE, event_id=f"dispute:{dispute.pk}:{event}",
                   recipients=sorted(ids), link=link, params=params)


def _parties(dispute: Dispute) -> set[str]:
    parties = {COOPERATIVE}
    if dispute.buyer_is_party:
        parties.add(Party.BUYER)
    if dispute.member_is_party:
        parties.add(Party.MEMBER)
    return parties


@transaction.atomic
def open_dispute(*, delivery: Delivery, party: str, subject: str, text: str, actor,
                 allotment: Allotment | None = None) -> Dispute:
    """A buyer's complaint on a delivered delivery (optionally naming one member's
    part), or a member's on the quality result of their own part. The page decides
    who may speak for whom (a buyer for itself, a member for themselves, staff for
    either); the rules on the delivery are checked here."""
    delivery = (Delivery.objects.select_for_update(of=("self",))
                .select_related("contract__buyer")
                .get(pk=delivery.pk))
    subject = clean_text(subject, field="subject", limit=SUBJECT_MAX)
    text = clean_text(text, field="text", limit=MESSAGE_MAX)
    if party not in (Party.BUYER, Party.MEMBER):
        raise DomainError(_("Pilih siapa yang mengeluh."), field="party")
    if allotment is not None:
        allotment = Allotment.objects.select_related("member").get(pk=allotment.pk)
        if allotment.delivery_id != delivery.pk:
            raise DomainError(_("Bagian anggota itu bukan dari pengiriman ini."),
                              field="allotment")
        if allotment.status != Allotment.Status.RECEIVED:
            raise DomainError(_("Barang anggota itu belum diperiksa mutunya."),
                              field="allotment")
    if party == Party.BUYER and delivery.status != Delivery.Status.DELIVERED:
        raise DomainError(_("Pembeli hanya dapat mengeluhkan pengiriman yang sudah "
                            "diterimanya."), code="conflict")
    if party == Party.MEMBER and allotment is None:
        raise DomainError(_("Keluhan anggota menyangkut hasil uji mutu barangnya: pilih "
                            "bagian anggota."), field="allotment")
    # A second click on "send" (or a second complaint on the same part while the first
    # is still open) would split one matter into two threads.
    if Dispute.objects.filter(delivery=delivery, allotment=allotment, opened_by_party=party,
                              status__in=selectors.OPEN_STATUSES).exists():
        raise DomainError(_("Keluhan atas pengiriman ini masih berjalan: tulis di "
                            "percakapannya."), code="conflict")
    dispute = Dispute.objects.create(
        cooperative=delivery.cooperative, delivery=delivery, allotment=allotment,
        opened_by_party=party, opened_by=actor, subject=subject)
    DisputeMessage.objects.create(cooperative=delivery.cooperative, dispute=dispute,
                                  party=party, text=text, by=actor)
    named = {"member": allotment.member_id if allotment else None}
    _drop_empty(named)
    log_action(cooperative=delivery.cooperative, actor=actor, action="dispute.opened",
               obj=dispute, party=party, subject=subject, **named)
    _tell(dispute, event="opened", actor=actor,
          update=_("keluhan baru dari %(party)s.") % {"party": Party(party).label})
    return dispute


def _locked(dispute: Dispute) -> Dispute:
    # Only the dispute row is locked (the joined rows are read along; the allotment is
    # an outer join PostgreSQL cannot lock).
    return (Dispute.objects.select_for_update(of=("self",))
            .select_related("delivery__contract__buyer", "allotment__member", "cooperative")
            .get(pk=dispute.pk))


@transaction.atomic
def post_message(*, dispute: Dispute, party: str, text: str, actor) -> DisputeMessage:
    """One message of the thread, by a party of the dispute, while it is not resolved."""
    dispute = _locked(dispute)
    text = clean_text(text, field="text", limit=MESSAGE_MAX)
    if party not in _parties(dispute):
        raise DomainError(_("Anda bukan pihak dalam keluhan ini."), code="conflict")
    if dispute.is_resolved:
        raise DomainError(_("Keluhan sudah diselesaikan; percakapan ditutup."),
                          code="conflict")
    message = DisputeMessage.objects.create(cooperative=dispute.cooperative, dispute=dispute,
                                            party=party, text=text, by=actor)
    log_action(cooperative=dispute.cooperative, actor=actor, action="dispute.message",
               obj=dispute, party=party)
    _tell(dispute, event=f"message:{message.pk}", actor=actor, update=_("pesan baru."))
    return message


@transaction.atomic
def mediate(*, dispute: Dispute, actor) -> Dispute:
    """The cooperative takes the complaint up: from now on it mediates the thread."""
    dispute = _locked(dispute)
    dispute.move_to(Dispute.Status.MEDIATING,
                    _("Hanya keluhan yang baru dibuka yang dapat dimediasi."))
    dispute.save(update_fields=["status"])
    log_action(cooperative=dispute.cooperative, actor=actor, action="dispute.mediating",
               obj=dispute)
    _tell(dispute, event="mediating", actor=actor, update=_("koperasi mulai memediasi."))
    return dispute


def _credit_note(dispute: Dispute, amount, actor) -> BuyerInvoice:
    """The price reduction as a credit note on the delivery's invoice: what is still due
    falls by `amount`, in one balanced entry."""
    if amount is None or not Decimal(amount).is_finite():
        raise DomainError(_("Tulis besar potongan harga."), field="amount")
    amount = Decimal(amount)
    if amount <= 0 or amount != amount.to_integral_value():
        raise DomainError(_("Potongan harga harus lebih dari nol, dalam rupiah utuh."),
                          field="amount")
    invoice = (BuyerInvoice.objects.select_for_update()
               .filter(delivery_id=dispute.delivery_id).first())
    if invoice is None:
        raise DomainError(_("Pengiriman ini belum punya faktur: potongan harga dicatat "
                          "pada fakturnya."), field="resolution")
    due = invoice.amount - invoice.credited
    if invoice.status != BuyerInvoice.Status.OPEN or due <= 0:
        raise DomainError(_("Faktur ini sudah lunas: tidak ada tagihan yang dapat "
                            "dipotong."), field="amount")
    if amount > due:
        raise DomainError(_("Potongan harga paling banyak sisa tagihan faktur, %(due)s.")
                          % {"due": format_rupiah(due)}, field="amount")
    dispute.entry = post_entry(
        cooperative=dispute.cooperative, date=timezone.localdate(), actor=actor,
        source=dispute,
        source_url=reverse("contracts:dispute", args=[dispute.cooperative.slug, dispute.pk]),
        description=_("Potongan harga (nota kredit) faktur %(no)s, keluhan #%(pk)s")
        % {"no": invoice.number, "pk": dispute.pk},
        lines=[Line("income_non_members", debit=amount),
               Line("receivable_buyers", credit=amount)])
    invoice.credited += amount
    invoice.save(update_fields=["credited"])
    return invoice


def _replacement(dispute: Dispute, quantity) -> int:
    if quantity is None or not isinstance(quantity, int) or quantity < 1:
        raise DomainError(_("Tulis jumlah barang yang diganti."), field="quantity")
    if dispute.allotment_id and hasattr(dispute.allotment, "receipt"):
        most = dispute.allotment.receipt.accepted
    else:
        most = dispute.delivery.quantity
    if quantity > min(most, MAX_QUANTITY):
        raise DomainError(_("Paling banyak %(n)s, jumlah yang dikirim.") % {"n": most},
                          field="quantity")
    return quantity


@transaction.atomic
def resolve(*, dispute: Dispute, resolution: str, actor, note: str = "",
            amount=None, quantity=None) -> Dispute:
    """Record how the complaint ends. The page lets only the board choose a resolution
    that moves money (MONEY_RESOLUTIONS); a price reduction is a credit note on the
    delivery's invoice (see the module's note on who bears it)."""
    dispute = _locked(dispute)
    if dispute.is_resolved:
        raise DomainError(_("Keluhan ini sudah diselesaikan."), code="conflict")
    if resolution not in RESOLUTIONS[dispute.opened_by_party]:
        raise DomainError(_("Penyelesaian itu tidak berlaku untuk keluhan ini."),
                          field="resolution")
    note = clean_text(note, field="note", limit=NOTE_MAX, required=False)
    invoice = None
    if resolution == Resolution.REPLACEMENT:
        dispute.replace_quantity = _replacement(dispute, quantity)
    elif resolution == Resolution.PRICE_REDUCTION:
        invoice = _credit_note(dispute, amount, actor)
        dispute.amount = Decimal(amount)
    dispute.move_to(Dispute.Status.RESOLVED)
    dispute.resolution = resolution
    dispute.resolution_note = note
    dispute.resolved_at = timezone.now()
    dispute.resolved_by = actor
    dispute.save(update_fields=["status", "resolution", "resolution_note", "resolved_at",
                                "resolved_by", "amount", "replace_quantity", "entry"])
    details = {"amount": dispute.amount, "quantity": dispute.replace_quantity,
               "note": note, "invoice": invoice.number if invoice else None}
    _drop_empty(details)
    log_action(cooperative=dispute.cooperative, actor=actor, action="dispute.resolved",
               obj=dispute, resolution=resolution, **details)
    update = _("diselesaikan: %(how)s.") % {"how": Resolution(resolution).label}
    if dispute.amount:
        update = _("diselesaikan: %(how)s sebesar %(amount)s.") % {
            "how": Resolution(resolution).label, "amount": format_rupiah(dispute.amount)}
    elif dispute.replace_quantity:
        update = _("diselesaikan: %(how)s, %(n)s %(unit)s.") % {
            "how": Resolution(resolution).label, "n": dispute.replace_quantity,
            "unit": dispute.delivery.contract.get_unit_display()}
    _tell(dispute, event="resolved", actor=actor, update=update)
    return dispute
