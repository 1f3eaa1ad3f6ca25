"""What a buyer is offered: a product or bundle card (Offer), a bundle with the stock its
scarcest component allows (BundleOffer), and the rules that decide whether a bundle is
on sale. Built from models or from the listing's plain rows; no queries."""

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guyub.catalog.models import Bundle, BundleItem, Product, ProductPhoto
from guyub.members.models import Member

if TYPE_CHECKING:
    from .filters import Filters


@dataclass
class BundleOffer:
    bundle: Bundle
    items: list[BundleItem]
    stock: int


@dataclass(frozen=True)
class Part:
    """What the bundle rules read of one component: from a BundleItem with its product
    (bundle_offers), or from a row of the listing's flat query (bundle_cards)."""

    product_id: int
    quantity: int
    stock: int
    sellable: bool  # approved, and its maker is an active member
    category_id: int
    member_id: int
    province: str
    regency: str


def part_of(item: BundleItem) -> Part:
    product = item.product
    return Part(product.pk, item.quantity, product.stock,
                sellable(product.status, product.member.status), product.category_id,
                product.member_id, product.member.province, product.member.regency)


def sellable(product_status: str, member_status: str) -> bool:
    return product_status == Product.Status.APPROVED and member_status == Member.Status.ACTIVE


def bundle_stock(parts: list[Part]) -> int:
    return min((part.stock // part.quantity for part in parts), default=0)


def on_sale(parts: list[Part], filters: "Filters", *, sold_out: bool = False) -> bool:
    """Every component on sale, some stock (unless `sold_out`), and the filters hold for
    some component (the channel is checked apart: it needs the catalog's rules)."""
    return (bool(parts) and all(part.sellable for part in parts)
            and (sold_out or bundle_stock(parts) > 0) and matches(parts, filters))


def matches(parts: list[Part], filters: "Filters") -> bool:
    """The filters hold for some component (each filter for any one of them)."""
    return ((not filters.category or any(p.category_id == filters.category for p in parts))
            and (not filters.member or any(p.member_id == filters.member for p in parts))
            and (not filters.province or any(p.province == filters.province for p in parts))
            and (not filters.regency or any(p.regency == filters.regency for p in parts)))


@dataclass
class Offer:
    """One card of the storefront: a product or a bundle, as the buyer sees it."""

    kind: str  # "product" or "bundle"
    id: int
    name: str
    price: Decimal
    stock: int
    unit: str
    min_order_qty: int
    category: str
    photo: ProductPhoto | None
    makers: list = field(default_factory=list)  # Members, or Makers on listing cards
    wholesale_from: Decimal | None = None
    obj: object = None


def first_photo(photos) -> ProductPhoto | None:
    photos = list(photos)
    return photos[0] if photos else None


def unit_label(unit: str) -> str:
    # Not get_unit_display(): that one rebuilds the field's choices for every product
    # on the page; and the translated label once per language, not once per card.
    return _unit_labels(get_language())(unit)


@functools.cache
def _unit_labels(language: str | None):
    labels = {value: str(label) for value, label in Product.Unit.choices}
    return lambda unit: labels.get(unit, unit)


def product_offer(product: Product, *, business: bool = False) -> Offer:
    tiers = [t.price for t in product.tiers.all()] if business else []
    return Offer(kind="product", id=product.pk, name=product.name, price=product.price,
                 stock=product.stock, unit=unit_label(product.unit),
                 min_order_qty=product.min_order_qty, category=product.category.name,
                 photo=first_photo(product.photos.all()), makers=[product.member],
                 wholesale_from=min(tiers, default=None), obj=product)


def bundle_offer(offer: BundleOffer) -> Offer:
    makers = list({i.product.member_id: i.product.member for i in offer.items}.values())
    photo = next((p for i in offer.items for p in [first_photo(i.product.photos.all())] if p), None)
    return Offer(kind="bundle", id=offer.bundle.pk, name=offer.bundle.name,
                 price=offer.bundle.price, stock=offer.stock, unit=_("paket"),
                 min_order_qty=1, category=_("Paket"), photo=photo, makers=makers, obj=offer)


@dataclass(frozen=True)
class Maker:
    """What a card says of its maker (a Member has the same attributes)."""

    pk: int
    business_name: str
    regency: str
    province: str


