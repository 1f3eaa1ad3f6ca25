"""Writes of sealed tenders (requests for quotation): creating one, changing its terms,
bids, the award, calling it off.

Prozorro's lessons, applied:
- bids are sealed until the deadline by the server's clock. This module writes bids
  but never hands them out for display; `selectors.visible_bids` is the one place
  that does, and it decides by `Tender.is_sealed`;
- changing the terms voids the bids already placed (a bid answers one version of the
  terms) and tells the bidders so;
- the deadline moves only by rule, never by hand: a change of terms within 24 hours
  of it pushes it to 24 hours after the change, so every bidder has time to bid again.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative

from .. import notices
from ..suppliers.models import Item, PriceList, PriceTier, Supplier
from . import inputs
from .comparison import bid_tiers
from .inputs import MIN_BIDDING_TIME
from .models import Bid, Tender

ZERO = Decimal(0)
TenderStatus = Tender.Status
BidStatus = Bid.Status
# What a tender that is over says when asked to change.
FINISHED = gettext_lazy("Tender ini sudah selesai atau dibatalkan.")


def lock_tender(tender: Tender) -> Tender:
    return Tender.objects.select_for_update().get(pk=tender.pk)


# --- the tender ---------------------------------------------------------------------------


@transaction.atomic
def create_tender(*, cooperative: Cooperative, item: Item, quantity, deadline: dt.datetime,
                  suppliers, terms: str = "", actor=None) -> Tender:
    """Invite suppliers to quote for `quantity` of `item` before `deadline`."""
    quantity = inputs.quantity(quantity, "quantity")
    terms = inputs.text(terms, "terms", max_length=5000, required=False)
    inputs.deadline_ok(deadline, timezone.now())
    suppliers = list(suppliers)
    if not suppliers:
        raise DomainError(_("Undang paling sedikit satu pemasok."), field="suppliers")
    if item.cooperative_id != cooperative.pk or any(
            s.cooperative_id != cooperative.pk for s in suppliers):
        raise DomainError(_("Barang atau pemasok tidak dikenal."))
    tender = Tender.objects.create(cooperative=cooperative, item=item, quantity=quantity,
                                   terms=terms, deadline=deadline, created_by=actor
                                   if getattr(actor, "is_authenticated", False) else None)
    tender.suppliers.set(suppliers)
    notices.tender_invited(tender, suppliers)
    log_action(cooperative=cooperative, actor=actor, action="tender.created", obj=tender,
               item=item.pk, quantity=quantity, deadline=deadline.isoformat(),
               suppliers=sorted(s.pk for s in suppliers))
    return tender


def _require_open(tender: Tender, now: dt.datetime) -> None:
    if tender.status != TenderStatus.OPEN:
        raise DomainError(_("Tender ini sudah tidak menerima penawaran."), code="transition")
    if now >= tender.deadline:
        raise DomainError(_("Batas penawaran sudah lewat (menurut jam server)."),
                          code="transition")


@dataclass(frozen=True)
class TermsChange:
    tender: Tender
    voided: int               # bids voided: their suppliers were told
    extended: bool            # the deadline moved to 24 hours after the change


@transaction.atomic
def change_terms(*, tender: Tender, actor, quantity=None, terms: str | None = None,
                 add_suppliers=()) -> TermsChange:
    """Change the quantity or the terms (voids every valid bid, tells each bidder, and
    extends a deadline less than 24 hours away), and/or invite more suppliers (changes
    nothing for bids already placed)."""
    tender = lock_tender(tender)
    now = timezone.now()
    _require_open(tender, now)
    new_quantity = tender.quantity if quantity is None else inputs.quantity(quantity, "quantity")
    new_terms = tender.terms if terms is None else inputs.text(terms, "terms",
                                                               max_length=5000,
                                                               required=False)
    added = [s for s in add_suppliers if s.cooperative_id == tender.cooperative_id]
    changed = new_quantity != tender.quantity or new_terms != tender.terms
    if not changed and not added:
        raise DomainError(_("Tidak ada yang berubah."))
    if added:
        tender.suppliers.add(*added)
        notices.tender_invited(tender, added)
        log_action(cooperative=tender.cooperative, actor=actor, action="tender.invited",
                   obj=tender, suppliers=sorted(s.pk for s in added))
    voided, extended = 0, False
    if changed:
        before = {"quantity": tender.quantity, "terms_version": tender.terms_version}
        tender.quantity, tender.terms = new_quantity, new_terms
        tender.terms_version += 1
        if tender.deadline - now < MIN_BIDDING_TIME:
            tender.deadline, extended = now + MIN_BIDDING_TIME, True
        tender.save(update_fields=["quantity", "terms", "terms_version", "deadline"])
        voided = _void_bids(tender, actor)
        # Contents of the voided bids stay sealed: the log says who was told, not what
        # they had offered.
        log_action(cooperative=tender.cooperative, actor=actor, action="tender.terms_changed",
                   obj=tender, **before, new_quantity=new_quantity,
                   new_terms_version=tender.terms_version, voided_bids=voided,
                   deadline=tender.deadline.isoformat(), deadline_extended=extended)
    if changed:
        notices.tender_terms_changed(tender, extended=extended)
    return TermsChange(tender=tender, voided=voided, extended=extended)


def _void_bids(tender: Tender, actor) -> int:
    bids = list(Bid.objects.select_for_update().filter(tender=tender, status=BidStatus.VALID))
    for bid in bids:
        bid.move_to(BidStatus.VOID)
        bid.save(update_fields=["status"])
        # The notice the bidder reads on their portal is the voided bid itself; this is
        # the record that they were told.
        log_action(cooperative=tender.cooperative, actor=actor, action="tender.bid_voided",
                   obj=tender, bid=bid.pk, supplier=bid.supplier_id,
                   terms_version=bid.terms_version,
                   notice="penawaran Anda dibatalkan karena syarat berubah")
    return len(bids)


@transaction.atomic
def cancel(*, tender: Tender, actor, reason: str) -> Tender:
    tender = lock_tender(tender)
    reason = inputs.text(reason, "reason", max_length=1000, required=True,
                         message=_("Tuliskan alasan pembatalan."))
    tender.move_to(TenderStatus.CANCELLED, message=FINISHED)
    tender.save(update_fields=["status"])
    log_action(cooperative=tender.cooperative, actor=actor, action="tender.cancelled",
               obj=tender, reason=reason)
    return tender


@transaction.atomic
def place_bid(*, tender: Tender, supplier: Supplier, pack_size, tiers,
              delivery_date: dt.date, payment_terms: str, min_order_qty=ZERO,
              actor=None) -> Bid:
    """Place the supplier's bid, or replace its earlier bid on the same terms."""
    tender = lock_tender(tender)
    now = timezone.now()
    _require_open(tender, now)
    if not tender.suppliers.filter(pk=supplier.pk).exists():
        raise DomainError(_("Pemasok ini tidak diundang ke tender ini."), code="forbidden")
    pack_size = inputs.quantity(pack_size, "pack_size")
    min_order_qty = inputs.quantity(min_order_qty or ZERO, "min_order_qty", allow_zero=True)
    tier_rows = inputs.clean_tiers(tiers)
    if not isinstance(delivery_date, dt.date) or isinstance(delivery_date, dt.datetime):
        raise DomainError(_("Tanggal kirim tidak valid."), field="delivery_date")
    if delivery_date < timezone.localdate(now):
        raise DomainError(_("Tanggal kirim tidak boleh di masa lalu."), field="delivery_date")
    payment_terms = inputs.text(
        payment_terms, "payment_terms", max_length=200, required=True,
        message=_("Tuliskan syarat pembayaran, misalnya tempo 30 hari."))
    values = {"pack_size": pack_size, "min_order_qty": min_order_qty,
              "tiers": [[str(q), str(p)] for q, p in tier_rows], "delivery_date": delivery_date,
              "payment_terms": payment_terms, "submitted_at": now}
    bid = (Bid.objects.select_for_update()
           .filter(tender=tender, supplier=supplier, terms_version=tender.terms_version,
                   status=BidStatus.VALID).first())
    if bid is None:
        bid = Bid.objects.create(cooperative=tender.cooperative, tender=tender,
                                 supplier=supplier, terms_version=tender.terms_version,
                                 **values)
        action = "tender.bid_placed"
    else:
        for name, value in values.items():
            setattr(bid, name, value)
        bid.save(update_fields=list(values))
        action = "tender.bid_replaced"
    # Only that a bid arrived, never what it offers: the audit log is readable before
    # the deadline.
    log_action(cooperative=tender.cooperative, actor=actor, action=action, obj=tender,
               bid=bid.pk, supplier=supplier.pk, terms_version=tender.terms_version)
    return bid


@transaction.atomic
def award(*, bid: Bid, reason: str, actor) -> PriceList:
    """Award the tender to `bid`: its offer becomes the item's price list (for the
    rounds), the other bids lose, and the reason is kept."""
    tender = lock_tender(bid.tender)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if not tender.can_move_to(TenderStatus.AWARDED):
        raise DomainError(FINISHED, code="transition")
    if tender.is_sealed:
        raise DomainError(_("Pemenang baru dapat dipilih setelah batas penawaran."),
                          code="transition")
    if bid.status != BidStatus.VALID or bid.terms_version != tender.terms_version:
        raise DomainError(_("Penawaran ini tidak berlaku untuk syarat yang sekarang."),
                          field="bid")
    reason = inputs.text(reason, "reason", max_length=2000, required=True,
                         message=_("Tuliskan alasan memilih pemenang."))
    price_list = PriceList.objects.create(
        cooperative=tender.cooperative, supplier=bid.supplier, item=tender.item,
        pack_size=bid.pack_size, min_order_qty=bid.min_order_qty,
        valid_from=timezone.localdate(), tender_bid=bid)
    PriceTier.objects.bulk_create([
        PriceTier(cooperative=tender.cooperative, price_list=price_list, from_qty=q,
                  unit_price=p) for q, p in bid_tiers(bid)])
    bid.move_to(BidStatus.AWARDED)
    bid.save(update_fields=["status"])
    # Every other valid bid loses (valid -> lost, as the table allows).
    (Bid.objects.filter(tender=tender, status=BidStatus.VALID).exclude(pk=bid.pk)
     .update(status=BidStatus.LOST))
    tender.move_to(TenderStatus.AWARDED)
    tender.award_reason = reason
    tender.save(update_fields=["status", "award_reason"])
    log_action(cooperative=tender.cooperative, actor=actor, action="tender.awarded",
               obj=tender, bid=bid.pk, supplier=bid.supplier_id, price_list=price_list.pk,
               reason=reason)
    notices.tender_result(tender, winner=bid.supplier)
    return price_list
