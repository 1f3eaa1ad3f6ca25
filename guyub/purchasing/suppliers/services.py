"""Writes of what the cooperative buys and from whom: suppliers, items, price lists
and their volume tiers, and paying what a round owes its suppliers and its costs."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.money import format_rupiah
from guyub.ledger.services import Line, post_entry

from ..rounds.models import Round
from ..rounds.services import lock_round
from .models import Item, PriceList, PriceTier, Supplier, SupplierPayment
from .selectors import price_list_in_use, round_payables, supplier_users

ZERO = Decimal(0)


def _full_clean(obj, exclude=("cooperative",)) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from None


@transaction.atomic
def save_supplier(*, supplier: Supplier, actor) -> Supplier:
    creating = supplier.pk is None
    supplier.name = " ".join(supplier.name.split())
    if supplier.user_id is not None:
        if not supplier_users(supplier.cooperative).filter(pk=supplier.user_id).exists():
            raise DomainError(_("Akun ini tidak berperan sebagai pemasok di koperasi ini."),
                              field="user")
        taken = Supplier.objects.filter(user_id=supplier.user_id).exclude(pk=supplier.pk)
        if taken.exists():
            raise DomainError(_("Akun ini sudah terhubung ke pemasok lain."), field="user")
    same_name = Supplier.objects.filter(name__iexact=supplier.name).exclude(pk=supplier.pk)
    if same_name.exists():
        raise DomainError(_("Pemasok dengan nama ini sudah ada."), field="name")
    _full_clean(supplier)
    supplier.save()
    log_action(cooperative=supplier.cooperative, actor=actor,
               action="supplier.created" if creating else "supplier.updated", obj=supplier,
               user=supplier.user_id)
    return supplier


@transaction.atomic
def delete_supplier(*, supplier: Supplier, actor) -> None:
    if supplier.price_lists.exists() or supplier.bids.exists() or supplier.payments.exists():
        raise DomainError(_("Pemasok yang sudah punya daftar harga, penawaran atau pembayaran "
                            "tidak dapat dihapus."))
    log_action(cooperative=supplier.cooperative, actor=actor, action="supplier.deleted",
               obj=supplier)
    supplier.tenders.clear()
    supplier.delete()


@transaction.atomic
def save_item(*, item: Item, actor) -> Item:
    creating = item.pk is None
    item.name = " ".join(item.name.split())
    if Item.objects.filter(name__iexact=item.name, unit=item.unit).exclude(pk=item.pk).exists():
        raise DomainError(_("Barang dengan nama dan satuan ini sudah ada."), field="name")
    _full_clean(item)
    item.save()
    log_action(cooperative=item.cooperative, actor=actor,
               action="purchase_item.created" if creating else "purchase_item.updated",
               obj=item, retail_reference_price=item.retail_reference_price)
    return item


def tier_error(tiers: list[tuple[Decimal, Decimal]]) -> str | None:
    """What is wrong with volume tiers [(from quantity, unit price)], or None.

    The first tier starts at 0 (the base price, so every quantity has a price); each
    further tier starts at a larger quantity and is cheaper than the one before."""
    if not tiers:
        return _("Isi paling sedikit satu harga (mulai dari 0).")
    rows = sorted(tiers)
    if rows[0][0] != 0:
        return _("Tingkat harga pertama harus mulai dari jumlah 0 (harga dasar).")
    for (q1, p1), (q2, p2) in zip(rows, rows[1:], strict=False):
        if q1 == q2:
            return _("Dua tingkat harga mulai dari jumlah yang sama (%(q)s).") % {"q": q1}
        if p2 >= p1:
            return _("Harga harus turun ketika jumlah naik: mulai %(q)s harganya harus di "
                     "bawah Rp%(p)s.") % {"q": q2, "p": p1}
    if any(p <= 0 for _q, p in rows):
        return _("Harga per satuan harus lebih dari 0.")
    return None


def _check_price_list(price_list: PriceList, tiers) -> None:
    if price_list.pack_size is None or price_list.pack_size <= 0:
        raise DomainError(_("Isi per kemasan harus lebih dari 0."), field="pack_size")
    if price_list.min_order_qty is not None and price_list.min_order_qty < 0:
        raise DomainError(_("Minimal pesanan tidak boleh negatif."), field="min_order_qty")
    if price_list.valid_until and price_list.valid_until < price_list.valid_from:
        raise DomainError(_("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."),
                          field="valid_until")
    if error := tier_error(tiers):
        raise DomainError(error, field="tiers")


@transaction.atomic
def save_price_list(*, price_list: PriceList, tiers: list[tuple[Decimal, Decimal]],
                    actor) -> PriceList:
    """Create or change a supplier's price list and its volume tiers, in one go.

    A price list a round already uses is not changed (the round was opened, and may
    have closed, on its terms): the supplier's new prices make a new price list."""
    creating = price_list.pk is None
    if not creating:
        if price_list_in_use(price_list):
            raise DomainError(_("Daftar harga ini sudah dipakai pembelian bersama. Buat daftar "
                                "harga baru untuk harga yang berubah."))
        if price_list.tender_bid_id:
            raise DomainError(_("Daftar harga dari tender tidak dapat diubah."))
    if price_list.min_order_qty is None:
        price_list.min_order_qty = ZERO
    _check_price_list(price_list, tiers)
    _full_clean(price_list, exclude=("cooperative", "tender_bid"))
    price_list.save()
    price_list.tiers.all().delete()
    PriceTier.objects.bulk_create([
        PriceTier(cooperative=price_list.cooperative, price_list=price_list, from_qty=q,
                  unit_price=p) for q, p in sorted(tiers)])
    log_action(cooperative=price_list.cooperative, actor=actor,
               action="price_list.created" if creating else "price_list.updated",
               obj=price_list, pack_size=price_list.pack_size,
               tiers=[[str(q), str(p)] for q, p in sorted(tiers)])
    return price_list


@transaction.atomic
def delete_price_list(*, price_list: PriceList, actor) -> None:
    if price_list_in_use(price_list) or price_list.tender_bid_id:
        raise DomainError(_("Daftar harga yang sudah dipakai atau berasal dari tender tidak "
                            "dapat dihapus."))
    log_action(cooperative=price_list.cooperative, actor=actor, action="price_list.deleted",
               obj=price_list)
    price_list.delete()


# --- paying what a round owes ---------------------------------------------------------


@transaction.atomic
def pay_supplier(*, round_: Round, payee: str, amount, method: str, actor,
                 reference: str = "", date=None) -> SupplierPayment:
    """Pay (part of) what the round owes a supplier, or its transport and handling costs:
    Dr payable_suppliers / Cr bank (or cash), never more than is still owed."""
    round_ = lock_round(round_)
    if round_.status not in Round.FINAL:
        raise DomainError(_("Pemasok dibayar setelah barang diterima."), code="transition")
    if method not in SupplierPayment.Method.values:
        raise DomainError(_("Cara bayar tidak dikenal."), field="method")
    payable = next((r for r in round_payables(round_) if r["key"] == str(payee)), None)
    if payable is None:
        raise DomainError(_("Tidak ada utang pembelian ini kepada penerima tersebut."),
                          field="payee")
    try:
        amount = Decimal(amount)
    except Exception:
        raise DomainError(_("Jumlah tidak valid."), field="amount") from None
    if not amount.is_finite() or amount <= 0 or amount != amount.to_integral_value():
        raise DomainError(_("Jumlah harus rupiah utuh lebih dari 0."), field="amount")
    if amount > payable["outstanding"]:
        raise DomainError(_("Jumlah melebihi sisa utang (%(left)s).")
                          % {"left": format_rupiah(payable["outstanding"])},
                          field="amount")
    description = _("Bayar %(who)s, pembelian bersama %(title)s") % {
        "who": payable["label"], "title": round_.title}
    entry = post_entry(cooperative=round_.cooperative, date=date or timezone.localdate(),
                       actor=actor, source=round_, description=description,
                       lines=[Line(account="payable_suppliers", debit=amount),
                              Line(account=method, credit=amount)])
    payment = SupplierPayment.objects.create(
        cooperative=round_.cooperative, round=round_, supplier=payable["supplier"], amount=amount,
        method=method, reference=reference.strip()[:100], entry=entry,
        created_by=actor if getattr(actor, "is_authenticated", False) else None)
    log_action(cooperative=round_.cooperative, actor=actor, action="purchase.supplier_paid",
               obj=round_, payee=payable["label"], amount=amount, method=method,
               entry=entry.display_number)
    return payment
