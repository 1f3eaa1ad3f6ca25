"""A commitment that looks like a slip of the finger: asked again before it is saved.

A member who usually orders 20 kg and types 2000, or one whose quantity dwarfs the rest
of the round, has most likely added zeros; the round's price tiers would reward the
mistake and the member would be billed for it at the close. So such a quantity is only
saved once the member confirms it (the form's second step, the API's "confirm": true).
"""

from decimal import Decimal

from django.db.models import Max
from django.utils.translation import gettext as _

from ..templatetags.purchasing_tags import qty
from .models import Share

# "Many times" what came before: well above ordinary growth, well below a typo's x100.
SURPRISING_FACTOR = 10


def surprising_quantity(*, round_item, member, quantity: Decimal, have: Decimal,
                        others: Decimal) -> str | None:
    """Why `quantity` needs confirming, or None. Only a raise is questioned: lowering or
    keeping a commitment never is."""
    if quantity <= have:
        return None
    unit = round_item.price_list.item.unit
    before = (Share.objects
              .filter(member=member, round_item__price_list__item_id=round_item.price_list.item_id)
              .exclude(round_item=round_item)
              .aggregate(m=Max("committed"))["m"])
    if before and quantity > SURPRISING_FACTOR * before:
        return _("%(q)s %(unit)s lebih dari %(n)s kali pesanan Anda sebelumnya untuk barang "
                 "ini (paling banyak %(before)s %(unit)s). Periksa jumlahnya; bila sudah "
                 "benar, centang konfirmasi lalu simpan lagi.") % {
            "q": qty(quantity), "unit": unit, "n": SURPRISING_FACTOR, "before": qty(before)}
    if others and quantity > SURPRISING_FACTOR * others:
        return _("%(q)s %(unit)s lebih dari %(n)s kali pesanan semua anggota lain bersama "
                 "(%(others)s %(unit)s). Periksa jumlahnya; bila sudah benar, centang "
                 "konfirmasi lalu simpan lagi.") % {
            "q": qty(quantity), "unit": unit, "n": SURPRISING_FACTOR, "others": qty(others)}
    return None
