"""The cart: what a buyer picked and how many, kept in the session per cooperative.

Only kinds, ids and quantities are stored. Prices, stock and minimum quantities
are read again whenever the cart is shown, and the order is priced and checked
once more by orders.services.place_order under row locks, which is what counts.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from guyub.catalog import selectors as catalog

from ..orders.services import Item
from ..splits import ppn
from .catalogue import listed_products
from .offers import Offer, bundle_offer, product_offer
from .selectors import bundle_offers

KINDS = ("product", "bundle")
MAX_QUANTITY = 100_000


def key_of(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


class Cart:
    def __init__(self, session, cooperative):
        self.session = session
        self.key = f"cart:{cooperative.pk}"

    def quantities(self) -> dict[str, int]:
        return dict(self.session.get(self.key, {}))

    def save(self, quantities: dict[str, int]) -> None:
        self.session[self.key] = {k: q for k, q in quantities.items() if q > 0}

    def clear(self) -> None:
        self.session.pop(self.key, None)

    def items(self) -> list[Item]:
        items = []
        for key, quantity in self.quantities().items():
            kind, _sep, pk = key.partition(":")
            items.append(Item(kind, int(pk), quantity))
        return items

    def __len__(self) -> int:
        return len(self.session.get(self.key, {}))


@dataclass
class CartLine:
    key: str
    kind: str
    quantity: int
    offer: Offer
    unit_price: Decimal
    problem: str = ""

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity

    def products(self) -> list[tuple[object, int]]:
        """(product, units) this line takes from the warehouse."""
        if self.kind == "product":
            return [(self.offer.obj, self.quantity)]
        return [(i.product, i.quantity * self.quantity) for i in self.offer.obj.items]


@dataclass
class Contents:
    lines: list[CartLine] = field(default_factory=list)
    dropped: int = 0  # lines no longer on sale
    ppn_rate: Decimal = Decimal(0)

    @property
    def subtotal(self) -> Decimal:
        return sum((line.line_total for line in self.lines), Decimal(0))

    @property
    def ppn(self) -> Decimal:
        return ppn(self.subtotal, self.ppn_rate) if self.ppn_rate else Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.ppn

    @property
    def ok(self) -> bool:
        return bool(self.lines) and not any(line.problem for line in self.lines)

    def line(self, key: str) -> CartLine | None:
        return next((line for line in self.lines if line.key == key), None)


def contents(quantities: dict[str, int], *, cooperative, business: bool = False) -> Contents:
    """The cart's lines priced for this buyer, each with what stands in its way."""
    ids = defaultdict(set)
    for key in quantities:
        kind, _sep, pk = key.partition(":")
        if kind in KINDS and pk.isdigit():
            ids[kind].add(int(pk))
    products = {p.pk: p for p in listed_products().filter(pk__in=ids["product"])
                .select_related("member", "category").prefetch_related("photos", "tiers")}
    bundles = {o.bundle.pk: o for o in bundle_offers(pks=ids["bundle"])}
    result = Contents(ppn_rate=cooperative.ppn_rate if cooperative.is_pkp else Decimal(0))
    for key, quantity in quantities.items():
        kind, _sep, pk = key.partition(":")
        found = (products if kind == "product" else bundles).get(int(pk)) if pk.isdigit() else None
        if found is None:
            result.dropped += 1
            continue
        if kind == "product":
            offer = product_offer(found, business=business)
            price = catalog.unit_price(found, quantity, business=business)
        else:
            offer, price = bundle_offer(found), found.bundle.price
        result.lines.append(CartLine(key=key, kind=kind, quantity=quantity, offer=offer,
                                     unit_price=price))
    _mark_problems(result.lines)
    return result


def _mark_problems(lines: list[CartLine]) -> None:
    """Minimum order quantities, and stock shared by every line that needs a product."""
    needed: dict[int, int] = defaultdict(int)
    stock: dict[int, object] = {}
    for line in lines:
        for product, units in line.products():
            needed[product.pk] += units
            stock[product.pk] = product
    short = {pk for pk, units in needed.items() if units > stock[pk].stock}
    for line in lines:
        line.problem = _problem(line, short)


def _problem(line: CartLine, short: set[int]) -> str:
    offer = line.offer
    if line.kind == "product":
        product = offer.obj
        if line.quantity < product.min_order_qty:
            return _("Minimal pembelian %(name)s adalah %(n)s %(unit)s.") % {
                "name": product.name, "n": product.min_order_qty, "unit": offer.unit}
        if product.pk in short:
            if line.quantity > product.stock:
                return _("Stok %(name)s tinggal %(n)s %(unit)s.") % {
                    "name": product.name, "n": product.stock, "unit": offer.unit}
            return _("Stok %(name)s (%(n)s %(unit)s) tidak cukup untuk semua isi keranjang; "
                     "kurangi jumlahnya.") % {"name": product.name, "n": product.stock,
                                              "unit": offer.unit}
        return ""
    if line.quantity > offer.stock:
        return _("Stok paket %(name)s tinggal %(n)s.") % {"name": offer.name, "n": offer.stock}
    scarce = [product for product, _units in line.products() if product.pk in short]
    if scarce:
        return _("Stok %(name)s (isi paket ini) tidak cukup untuk semua isi keranjang; "
                 "kurangi jumlahnya.") % {"name": scarce[0].name}
    return ""
