"""What tenders and bids accept, checked the same for the pages and the API: positive
quantities and whole-rupiah prices that fit their columns, volume tiers, texts within
their length, a deadline that leaves bidders time."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core import limits
from guyub.core.errors import DomainError

from ..suppliers.models import PriceTier
from .models import Bid, Tender

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


def quantity(value, field: str, *, allow_zero: bool = False) -> Decimal:
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


def price(value, field: str) -> Decimal:
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
    checked = []
    for row in tiers:
        if not isinstance(row, (list, tuple)) or len(row) != 2:
            raise DomainError(_("Setiap tingkat harga berisi jumlah mulai dan harga per "
                                "satuan."), field="tiers")
        checked.append((quantity(row[0], "tiers", allow_zero=True), price(row[1], "tiers")))
    if checked[0][0] != 0:
        raise DomainError(_("Tingkat harga pertama harus mulai dari jumlah 0 (harga dasar)."),
                          field="tiers")
    for (q1, p1), (q2, p2) in zip(checked, checked[1:], strict=False):
        if q2 <= q1:
            raise DomainError(_("Jumlah mulai tiap tingkat harus naik berurutan."),
                              field="tiers")
        if p2 >= p1:
            raise DomainError(_("Harga tingkat berikutnya harus lebih murah dari tingkat "
                                "sebelumnya."), field="tiers")
    return checked


def text(value, field: str, *, max_length: int, required: bool, message: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(message or _("Wajib diisi."), field=field)
    if len(value) > max_length:
        raise DomainError(_("Terlalu panjang (maksimal %(n)s karakter).") % {"n": max_length},
                          field=field)
    return value


def deadline_ok(deadline: dt.datetime, now: dt.datetime) -> None:
    if timezone.is_naive(deadline):
        raise DomainError(_("Waktu batas penawaran tidak valid."), field="deadline")
    if deadline < now + MIN_BIDDING_TIME:
        raise DomainError(_("Batas penawaran paling cepat 24 jam dari sekarang, agar pemasok "
                            "sempat menawar."), field="deadline")
