"""Sealed tenders (requests for quotation): every write, and the comparison.

Prozorro's lessons, applied:
- bids are sealed until the deadline by the server's clock. This module writes bids
  but never hands them out for display; `tender_selectors.visible_bids` is the one
  place that does, and it decides by `Tender.is_sealed`;
- changing the terms voids the bids already placed (a bid answers one version of the
  terms) and tells the bidders so;
- the deadline moves only by rule, never by hand: a change of terms within 24 hours
  of it pushes it to 24 hours after the change, so every bidder has time to bid again.
"""

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from guyub.core import limits
from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative
from guyub.core.money import to_rupiah

from . import allocation
from .models import Bid, Item, PriceList, PriceTier, Supplier, Tender

ZERO = Decimal(0)
T = Tender.Status
B = Bid.Status
# The least time bidders get: for a new tender, and after a change of terms.
MIN_BIDDING_TIME = dt.timedelta(hours=24)
MAX_TIERS = 10
# Where each checked value is stored: its maximum is the column's (core/limits.py).
QUANTITY_COLUMNS = {"quantity": (Tender, "quantity"), "pack_size": (Bid, "pack_size"),
                    "min_order_qty": (Bid, "min_order_qty"),
                    # Tiers are kept as JSON on the bid, then become PriceTier rows at
                    # the award: the award must not fail on a value the bid accepted.
                    "tiers": (PriceTier, "from_qty")}
PRICE_COLUMN = (PriceTier, "unit_price")


# --- validation shared by the pages and the API ------------------------------------------


def _quantity(value, field: str, *, allow_zero: bool = False) -> Decimal:
    try:
        value = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        raise DomainError(_("Jumlah tidak valid."), field=field) from None
    if not value.is_finite():
        raise DomainError(_("Jumlah tidak valid."), field=field)
    if value < 0 or (value == 0 and not allow_zero):
        raise DomainError(_("Jumlah harus lebih dari 0.") if not allow_zero
                          else _("Jumlah tidak boleh negatif."), field=field)
    if not limits.fits_decimal(value, *QUANTITY_COLUMNS[field]):
        raise DomainError(_("Jumlah terlalu besar (paling banyak %(max)s).")
                          % {"max": _plain(limits.decimal_max(*QUANTITY_COLUMNS[field]))},
                          field=field)
    if value != value.quantize(Decimal("0.001")):
        raise DomainError(_("Paling banyak tiga angka di belakang koma."), field=field)
    return value


def _plain(limit: Decimal) -> str:
    """999.999.999 for the message: the whole part, with Indonesian thousands dots."""
    return f"{int(limit):,}".replace(",", ".")


def _price(value, field: str) -> Decimal:
    try:
        value = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        raise DomainError(_("Harga tidak valid."), field=field) from None
    if not value.is_finite() or value <= 0:
        raise DomainError(_("Harga harus lebih dari 0."), field=field)
    if not limits.fits_decimal(value, *PRICE_COLUMN):
        raise DomainError(_("Harga terlalu besar (paling banyak Rp%(max)s).")
                          % {"max": _plain(limits.decimal_max(*PRICE_COLUMN))}, field=field)
    if value != value.to_integral_value():
        raise DomainError(_("Harga dalam rupiah utuh, tanpa desimal."), field=field)
    return value


def clean_tiers(tiers) -> list[tuple[Decimal, Decimal]]:
    """[[from_qty, unit_price], ...] → checked Decimal pairs.

    The first tier starts at 0 (the base price, so every quantity has a price),
    quantities rise and prices fall from tier to tier."""
    if not isinstance(tiers, (list, tuple)) or not tiers:
        raise DomainError(_("Isi paling sedikit satu tingkat harga."), field="tiers")
    if len(tiers) > MAX_TIERS:
        raise DomainError(_("Paling banyak %(n)s tingkat harga.") % {"n": MAX_TIERS},
                          field="tiers")
    rows = []
    for row in tiers:
        if not isinstance(row, (list, tuple)) or len(row) != 2:
            raise DomainError(_("Setiap tingkat harga berisi jumlah mulai dan harga per "
                                "satuan."), field="tiers")
        rows.append((_quantity(row[0], "tiers", allow_zero=True), _price(row[1], "tiers")))
    if rows[0][0] != 0:
        raise DomainError(_("Tingkat harga pertama harus mulai dari jumlah 0 (harga dasar)."),
                          field="tiers")
    for (q1, p1), (q2, p2) in zip(rows, rows[1:], strict=False):
        if q2 <= q1:
            raise DomainError(_("Jumlah mulai tiap tingkat harus naik berurutan."),
                              field="tiers")
        if p2 >= p1:
            raise DomainError(_("Harga tingkat berikutnya harus lebih murah dari tingkat "
                                "sebelumnya."), field="tiers")
    return rows


def _text(value, field: str, *, max_length: int, required: bool, message: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(message or _("Wajib diisi."), field=field)
    if len(value) > max_length:
        raise DomainError(_("Terlalu panjang (maksimal %(n)s karakter).") % {"n": max_length},
                          field=field)
    return value


def _deadline_ok(deadline: dt.datetime, now: dt.datetime) -> None:
    if timezone.is_naive(deadline):
        raise DomainError(_("Waktu batas penawaran tidak valid."), field="deadline")
    if deadline < now + MIN_BIDDING_TIME:
        raise DomainError(_("Batas penawaran paling cepat 24 jam dari sekarang, agar pemasok "
                            "sempat menawar."), field="deadline")


def _locked(tender: Tender) -> Tender:
    return Tender.objects.select_for_update().get(pk=tender.pk)


# --- the tender ---------------------------------------------------------------------------


@transaction.atomic
def create_tender(*, cooperative: Cooperative, item: Item, quantity, deadline: dt.datetime,
                  suppliers, terms: str = "", actor=None) -> Tender:
    """Invite suppliers to quote for `quantity` of `item` before `deadline`."""
    quantity = _quantity(quantity, "quantity")
    terms = _text(terms, "terms", max_length=5000, required=False)
    _deadline_ok(deadline, timezone.now())
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
    log_action(cooperative=cooperative, actor=actor, action="tender.created", obj=tender,
               item=item.pk, quantity=quantity, deadline=deadline.isoformat(),
               suppliers=sorted(s.pk for s in suppliers))
    return tender


def _require_open(tender: Tender, now: dt.datetime) -> None:
    if tender.status != T.OPEN:
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
    tender = _locked(tender)
    now = timezone.now()
    _require_open(tender, now)
    new_quantity = tender.quantity if quantity is None else _quantity(quantity, "quantity")
    new_terms = tender.terms if terms is None else _text(terms, "terms", max_length=5000,
                                                         required=False)
    added = [s for s in add_suppliers if s.cooperative_id == tender.cooperative_id]
    changed = new_quantity != tender.quantity or new_terms != tender.terms
    if not changed and not added:
        raise DomainError(_("Tidak ada yang berubah."))
    if added:
        tender.suppliers.add(*added)
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
    return TermsChange(tender=tender, voided=voided, extended=extended)


def _void_bids(tender: Tender, actor) -> int:
    bids = list(Bid.objects.select_for_update().filter(tender=tender, status=B.VALID))
    for bid in bids:
        bid.status = B.VOID
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
    tender = _locked(tender)
    reason = _text(reason, "reason", max_length=1000, required=True,
                   message=_("Tuliskan alasan pembatalan."))
    if tender.status not in (T.OPEN, T.EVALUATION):
        raise DomainError(_("Tender ini sudah selesai atau dibatalkan."), code="transition")
    tender.status = T.CANCELLED
    tender.save(update_fields=["status"])
    log_action(cooperative=tender.cooperative, actor=actor, action="tender.cancelled",
               obj=tender, reason=reason)
    return tender


def close_due_tenders(now: dt.datetime | None = None) -> list[Tender]:
    """The scheduled job: open tenders past their deadline go to evaluation. Nothing
    depends on it running on time: sealing and bidding follow the clock itself."""
    now = now or timezone.now()
    with scopes_disabled():
        due = list(Tender.objects.filter(status=T.OPEN, deadline__lte=now)
                   .select_related("cooperative").order_by("pk"))
    closed = []
    for tender in due:
        with scope(cooperative=tender.cooperative), transaction.atomic():
            locked = _locked(tender)
            if locked.status == T.OPEN and locked.deadline <= now:
                locked.status = T.EVALUATION
                locked.save(update_fields=["status"])
                log_action(cooperative=locked.cooperative, actor=None,
                           action="tender.deadline_passed", obj=locked)
                closed.append(locked)
    return closed


# --- bids ---------------------------------------------------------------------------------


def invited_supplier(tender: Tender, user) -> Supplier | None:
    """The supplier `user` bids for in `tender`, if it is invited."""
    if not getattr(user, "is_authenticated", False):
        return None
    return tender.suppliers.filter(user=user).order_by("pk").first()


@transaction.atomic
def place_bid(*, tender: Tender, supplier: Supplier, pack_size, tiers,
              delivery_date: dt.date, payment_terms: str, min_order_qty=ZERO,
              actor=None) -> Bid:
    """Place the supplier's bid, or replace its earlier bid on the same terms."""
    tender = _locked(tender)
    now = timezone.now()
    _require_open(tender, now)
    if not tender.suppliers.filter(pk=supplier.pk).exists():
        raise DomainError(_("Pemasok ini tidak diundang ke tender ini."), code="forbidden")
    pack_size = _quantity(pack_size, "pack_size")
    min_order_qty = _quantity(min_order_qty or ZERO, "min_order_qty", allow_zero=True)
    rows = clean_tiers(tiers)
    if not isinstance(delivery_date, dt.date) or isinstance(delivery_date, dt.datetime):
        raise DomainError(_("Tanggal kirim tidak valid."), field="delivery_date")
    if delivery_date < timezone.localdate(now):
        raise DomainError(_("Tanggal kirim tidak boleh di masa lalu."), field="delivery_date")
    payment_terms = _text(payment_terms, "payment_terms", max_length=200, required=True,
                          message=_("Tuliskan syarat pembayaran, misalnya tempo 30 hari."))
    values = {"pack_size": pack_size, "min_order_qty": min_order_qty,
              "tiers": [[str(q), str(p)] for q, p in rows], "delivery_date": delivery_date,
              "payment_terms": payment_terms, "submitted_at": now}
    bid = (Bid.objects.select_for_update()
           .filter(tender=tender, supplier=supplier, terms_version=tender.terms_version,
                   status=B.VALID).first())
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


def bid_tiers(bid: Bid) -> list[tuple[Decimal, Decimal]]:
    return [(Decimal(str(q)), Decimal(str(p))) for q, p in bid.tiers]


# --- comparison and award -------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    """One bid priced for the tender's quantity, in whole packs."""

    bid: Bid
    packs: int
    quantity: Decimal          # what the cooperative buys: whole packs, at least the minimum
    unit_price: Decimal
    total: Decimal
    rank: int = 0


def quote(bid: Bid, quantity: Decimal) -> Quote:
    packs = int((quantity / bid.pack_size).to_integral_value(rounding=ROUND_CEILING))
    if bid.min_order_qty and packs * bid.pack_size < bid.min_order_qty:
        packs = int((bid.min_order_qty / bid.pack_size).to_integral_value(
            rounding=ROUND_CEILING))
    bought = packs * bid.pack_size
    unit = allocation.tier_price(bid_tiers(bid), bought)
    return Quote(bid=bid, packs=packs, quantity=bought, unit_price=unit,
                 total=to_rupiah(bought * unit))


def comparison(tender: Tender, bids) -> list[Quote]:
    """The bids side by side, cheapest total first (then earliest delivery).

    `bids` come from `tender_selectors.visible_bids`, so nothing is compared before
    the deadline; this refuses outright while the tender is sealed."""
    if tender.is_sealed:
        raise DomainError(_("Penawaran masih tersegel sampai batas penawaran."),
                          code="transition")
    current = [b for b in bids if b.terms_version == tender.terms_version
               and b.status in (B.VALID, B.AWARDED, B.LOST)]
    quotes = sorted((quote(b, tender.quantity) for b in current),
                    key=lambda q: (q.total, q.bid.delivery_date, q.bid.submitted_at))
    return [replace(q, rank=i) for i, q in enumerate(quotes, start=1)]


@transaction.atomic
def award(*, bid: Bid, reason: str, actor) -> PriceList:
    """Award the tender to `bid`: its offer becomes the item's price list (for the
    rounds), the other bids lose, and the reason is kept."""
    tender = _locked(bid.tender)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if tender.status not in (T.OPEN, T.EVALUATION):
        raise DomainError(_("Tender ini sudah selesai atau dibatalkan."), code="transition")
    if tender.is_sealed:
        raise DomainError(_("Pemenang baru dapat dipilih setelah batas penawaran."),
                          code="transition")
    if bid.status != B.VALID or bid.terms_version != tender.terms_version:
        raise DomainError(_("Penawaran ini tidak berlaku untuk syarat yang sekarang."),
                          field="bid")
    reason = _text(reason, "reason", max_length=2000, required=True,
                   message=_("Tuliskan alasan memilih pemenang."))
    price_list = PriceList.objects.create(
        cooperative=tender.cooperative, supplier=bid.supplier, item=tender.item,
        pack_size=bid.pack_size, min_order_qty=bid.min_order_qty,
        valid_from=timezone.localdate(), tender_bid=bid)
    PriceTier.objects.bulk_create([
        PriceTier(cooperative=tender.cooperative, price_list=price_list, from_qty=q,
                  unit_price=p) for q, p in bid_tiers(bid)])
    bid.status = B.AWARDED
    bid.save(update_fields=["status"])
    Bid.objects.filter(tender=tender, status=B.VALID).exclude(pk=bid.pk).update(status=B.LOST)
    tender.status, tender.award_reason = T.AWARDED, reason
    tender.save(update_fields=["status", "award_reason"])
    log_action(cooperative=tender.cooperative, actor=actor, action="tender.awarded",
               obj=tender, bid=bid.pk, supplier=bid.supplier_id, price_list=price_list.pk,
               reason=reason)
    return price_list
