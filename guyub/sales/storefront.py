"""Storefront reads: what a buyer can find and buy, in a fixed number of queries.

Search is full text and tolerant of typos on PostgreSQL (guyub/sales/search.py: the
words of the product's name, its maker's business name and its description, typos
corrected against the catalogue's own words, answered by indexes). SQLite, the
embedded default, matches every word of the query as a substring, or a word of the
catalogue that looks like it (difflib: fine for a demo's or a small shop's catalogue).

Run inside the cooperative's scope.
"""

import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_scopes import get_scope

from guyub.catalog import selectors as catalog
from guyub.catalog.models import Bundle, BundleItem, Channel, PriceTier, Product, ProductPhoto
from guyub.members.models import Member

from . import search
from .models import Buyer

PAGE_SIZE = 24


def _search(products: QuerySet, filters: "Filters") -> QuerySet:
    if connection.vendor == "postgresql":
        query = filters.search_query
        if not query:
            return products.none()
        return (products.filter(search.Matches(query))
                .annotate(rank=search.Rank(query)).order_by("-rank", "name", "pk"))
    for spellings in filters.substring_words:
        products = products.filter(_any_contains(
            spellings, "name", "description", "member__business_name"))
    return products


def _search_bundles(bundles: QuerySet, filters: "Filters") -> QuerySet:
    if connection.vendor == "postgresql":
        query = filters.search_query
        return bundles.filter(search.TextMatches(query)) if query else bundles.none()
    for spellings in filters.substring_words:
        bundles = bundles.filter(_any_contains(spellings, "name", "description"))
    return bundles


def _any_contains(words, *fields) -> Q:
    found = Q()
    for word in words:
        for name in fields:
            found |= Q(**{f"{name}__icontains": word})
    return found


# --- what is on sale ----------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    q: str = ""
    category: int | None = None
    channel: Channel | None = None
    member: int | None = None
    province: str = ""
    regency: str = ""

    @cached_property
    def substring_words(self) -> list[list[str]]:
        """SQLite: each word of `q` with the catalogue's words that look like it (a small
        shop's catalogue is read for its words; PostgreSQL keeps a table of them)."""
        return search.close_spellings(self.q.split(), catalogue_words)

    @cached_property
    def search_query(self) -> search.Query:
        """`q` looked up in the catalogue's words, once for products and bundles alike
        (PostgreSQL; inside the cooperative's scope)."""
        return search.prepare(get_scope()["cooperative"].pk, self.q)


def catalogue_words() -> set[str]:
    """The words of what is on sale: names, descriptions, makers, bundles (lower case)."""
    words: set[str] = set()
    rows = listed_products().values_list("name", "description", "member__business_name")
    bundles = Bundle.objects.filter(active=True).values_list("name", "description")
    for row in [*rows, *bundles]:
        for text in row:
            words.update(re.findall(r"\w+", text.lower()))
    return words


def listed_products() -> QuerySet[Product]:
    """Approved products of active members, with stock."""
    return Product.objects.filter(status=Product.Status.APPROVED, stock__gt=0,
                                  member__status=Member.Status.ACTIVE)


def shown_products() -> QuerySet[Product]:
    """Product pages also open when the stock ran out (they say so)."""
    return Product.objects.filter(status=Product.Status.APPROVED,
                                  member__status=Member.Status.ACTIVE)


def _photos():
    return Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id"))


def makers() -> list[Member]:
    """Members with something on sale: the maker and region filters offer these. Every
    storefront request validates its filters against them, so: only the fields the
    filters show, and one index probe per member instead of a scan of the catalogue."""
    on_sale = Product.objects.filter(member_id=OuterRef("pk"), status=Product.Status.APPROVED,
                                     stock__gt=0)
    return list(Member.objects.filter(Exists(on_sale), status=Member.Status.ACTIVE)
                .only("pk", "business_name", "province", "regency").order_by("business_name"))


def search_products(filters: Filters) -> QuerySet[Product]:
    products = listed_products()
    if filters.category:
        products = products.filter(category_id=filters.category)
    if filters.member:
        products = products.filter(member_id=filters.member)
    if filters.province:
        products = products.filter(member__province=filters.province)
    if filters.regency:
        products = products.filter(member__regency=filters.regency)
    products = _search(products, filters) if filters.q else products.order_by("name", "pk")
    if filters.channel is not None:
        # Eligibility is decided by the catalog's rules, for all candidates at once
        # (two queries); the page then only holds products the channel may carry.
        candidates = products.select_related("member", "category")
        eligible = [p.pk for p in catalog.listed_in(candidates, filters.channel)]
        products = products.filter(pk__in=eligible)
    return products


@dataclass
class BundleOffer:
    bundle: Bundle
    items: list[BundleItem]
    stock: int


@dataclass(frozen=True)
class _Part:
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


def _part(item: BundleItem) -> _Part:
    p = item.product
    return _Part(p.pk, item.quantity, p.stock, _sellable(p.status, p.member.status),
                 p.category_id, p.member_id, p.member.province, p.member.regency)


def _sellable(product_status: str, member_status: str) -> bool:
    return product_status == Product.Status.APPROVED and member_status == Member.Status.ACTIVE


def _bundle_stock(parts: list[_Part]) -> int:
    return min((part.stock // part.quantity for part in parts), default=0)


def _on_sale(parts: list[_Part], filters: Filters, *, sold_out: bool = False) -> bool:
    """Every component on sale, some stock (unless `sold_out`), and the filters hold for
    some component (the channel is checked apart: it needs the catalog's rules)."""
    return (bool(parts) and all(p.sellable for p in parts)
            and (sold_out or _bundle_stock(parts) > 0) and _matches(parts, filters))


def _channel_eligible(products, channel: Channel) -> set[int]:
    """Ids of the products (with member and category) the channel may carry."""
    return {p.pk for p in catalog.listed_in(products, channel)}


def bundle_offers(filters: Filters | None = None, *, pks=None,
                  sold_out: bool = False) -> list[BundleOffer]:
    """Active bundles whose every component is on sale, with the stock the scarcest
    component allows (and some stock, unless `sold_out`); the filters hold when any
    component matches them (the channel: when all do)."""
    filters = filters or Filters()
    bundles = Bundle.objects.filter(active=True).prefetch_related(Prefetch(
        "items", queryset=BundleItem.objects.select_related(
            "product__member", "product__category").prefetch_related(
            Prefetch("product__photos", queryset=ProductPhoto.objects.order_by("position", "id")))))
    if pks is not None:
        bundles = bundles.filter(pk__in=pks)
    bundles = _search_bundles(bundles, filters) if filters.q else bundles.order_by("name")
    offers = []
    for bundle in bundles:
        items = list(bundle.items.all())
        parts = [_part(i) for i in items]
        if _on_sale(parts, filters, sold_out=sold_out):
            offers.append(BundleOffer(bundle=bundle, items=items, stock=_bundle_stock(parts)))
    if filters.channel is not None and offers:
        eligible = _channel_eligible([i.product for o in offers for i in o.items],
                                     filters.channel)  # loaded with the bundles
        offers = [o for o in offers if all(i.product_id in eligible for i in o.items)]
    return offers


def _matches(parts: list[_Part], f: Filters) -> bool:
    return ((not f.category or any(p.category_id == f.category for p in parts))
            and (not f.member or any(p.member_id == f.member for p in parts))
            and (not f.province or any(p.province == f.province for p in parts))
            and (not f.regency or any(p.regency == f.regency for p in parts)))


# --- cards --------------------------------------------------------------------------------


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


def _first(photos) -> ProductPhoto | None:
    photos = list(photos)
    return photos[0] if photos else None


def _unit_label(unit: str) -> str:
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
                 stock=product.stock, unit=_unit_label(product.unit),
                 min_order_qty=product.min_order_qty, category=product.category.name,
                 photo=_first(product.photos.all()), makers=[product.member],
                 wholesale_from=min(tiers, default=None), obj=product)


def bundle_offer(offer: BundleOffer) -> Offer:
    makers = list({i.product.member_id: i.product.member for i in offer.items}.values())
    photo = next((p for i in offer.items for p in [_first(i.product.photos.all())] if p), None)
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


# What a product card shows, read as plain rows by the listing's page query: building
# model instances (product, maker, category) was a third of a search request's time.
CARD_COLUMNS = ("pk", "name", "price", "stock", "unit", "min_order_qty", "category__name",
                "member_id", "member__business_name", "member__regency", "member__province")


def _card_rows(products: QuerySet, *, business: bool) -> QuerySet:
    """The page query: card columns, the first photo, the wholesale price from (business
    buyers) and the whole listing's count as a window column, in one statement."""
    first = ProductPhoto.objects.filter(product_id=OuterRef("pk")).order_by("position", "id")
    extra = {"card_image": Subquery(first.values("image")[:1]),
             "card_thumbnail": Subquery(first.values("thumbnail")[:1])}
    cheapest = PriceTier.objects.filter(product_id=OuterRef("pk")).order_by("price")
    extra["wholesale_from"] = (Subquery(cheapest.values("price")[:1]) if business
                               else Value(None, output_field=DecimalField()))
    extra["listing_total"] = Window(Count("pk"))
    return products.annotate(**extra).values_list(*CARD_COLUMNS, *extra)


def _row_offer(row: tuple) -> tuple[Offer, int]:
    """A card from one row of _card_rows or search.product_page, and the listing's count
    the row carries."""
    (pk, name, price, stock, unit, min_qty, category, member_id, business_name, regency,
     province, image, thumbnail, wholesale_from, total) = row
    photo = ProductPhoto(product_id=pk, image=image, thumbnail=thumbnail or "") if image else None
    offer = Offer(kind="product", id=pk, name=name, price=price, stock=stock,
                  unit=_unit_label(unit), min_order_qty=min_qty, category=category,
                  photo=photo, makers=[Maker(member_id, business_name, regency, province)],
                  wholesale_from=wholesale_from)
    return offer, total


# What the bundle rules and a card read of one component.
_PART_ROW = ("bundle_id", "product_id", "quantity", "product__stock", "product__status",
             "product__member__status", "product__category_id", "product__member_id",
             "product__member__business_name", "product__member__province",
             "product__member__regency")


def bundle_cards(filters: Filters) -> list[Offer]:
    """The listing's bundles, decided as bundle_offers decides them, read as plain rows
    (building the models bundle_offers needs was a fifth of a search request's time).
    A search that matches no bundle, the usual case, costs one small query."""
    if filters.q and connection.vendor == "postgresql":
        query = filters.search_query
        heads = search.bundle_heads(get_scope()["cooperative"].pk, query) if query else []
    else:
        bundles = Bundle.objects.filter(active=True)
        if filters.q:
            bundles = _search_bundles(bundles, filters)
        heads = list(bundles.order_by("name", "pk").values_list("pk", "name", "price"))
    if not heads:
        return []
    parts_of = defaultdict(list)
    for row in (BundleItem.objects.filter(bundle_id__in=[h[0] for h in heads])
                .order_by("id").values_list(*_PART_ROW)):
        parts_of[row[0]].append((_Part(row[1], row[2], row[3], _sellable(row[4], row[5]),
                                       row[6], row[7], row[9], row[10]), row[8]))
    found = [(pk, name, price, parts_of[pk]) for pk, name, price in heads
             if _on_sale([part for part, _maker in parts_of[pk]], filters)]
    if filters.channel is not None and found:
        ids = {part.product_id for *_head, parts in found for part, _maker in parts}
        eligible = _channel_eligible(
            Product.objects.filter(pk__in=ids).select_related("member", "category"),
            filters.channel)
        found = [f for f in found if all(part.product_id in eligible for part, _m in f[3])]
    photos = _first_photos({part.product_id for *_head, parts in found for part, _m in parts})
    cards = []
    for pk, name, price, parts in found:
        makers = {part.member_id: Maker(part.member_id, business_name, part.regency,
                                        part.province) for part, business_name in parts}
        photo = next((photos[part.product_id] for part, _m in parts
                      if part.product_id in photos), None)
        cards.append(Offer(kind="bundle", id=pk, name=name, price=price,
                           stock=_bundle_stock([part for part, _m in parts]), unit=_("paket"),
                           min_order_qty=1, category=_("Paket"), photo=photo,
                           makers=list(makers.values())))
    return cards


def _first_photos(product_ids) -> dict[int, ProductPhoto]:
    """Each product's first photo (by position), for those that have one."""
    if not product_ids:
        return {}
    first = {}
    for photo in (ProductPhoto.objects.filter(product_id__in=product_ids)
                  .order_by("product_id", "position", "id")
                  .only("product_id", "image", "thumbnail")):
        first.setdefault(photo.product_id, photo)
    return first


class Listing:
    """Bundles first, then products: one sequence a Paginator can page through,
    counting and slicing the products in the database.

    The count and each page are kept in Django's cache for STOREFRONT_CACHE_SECONDS
    (by cooperative, filters, buyer kind and language): the public pages and search API
    see the same queries over and over, and a shop may show a stock figure a few seconds
    old (checkout and the cart check the real stock). 0 turns the cache off."""

    def __init__(self, filters: Filters, *, business: bool,
                 page: tuple[int, int] | None = None):
        self.filters, self.business = filters, business
        # (number, per page) of the page the caller's paginator will ask for: counting
        # then fetches that page too, with the total as a window column (one query
        # instead of COUNT and then the page).
        self.page_hint = page
        self._ready: dict[int, tuple[int | None, list[Offer]]] = {}
        self.seconds = settings.STOREFRONT_CACHE_SECONDS
        f = filters
        what = (get_scope()["cooperative"].pk, business, get_language(), f.q, f.category,
                f.channel.code if f.channel else "", f.member, f.province, f.regency)
        self.key = "store:" + hashlib.sha256(repr(what).encode()).hexdigest()

    @cached_property
    def bundles(self) -> list[Offer]:
        return bundle_cards(self.filters)

    @cached_property
    def products(self) -> QuerySet:
        return search_products(self.filters)

    def _product_rows(self, offset: int, end: int | None):
        f = self.filters
        if connection.vendor == "postgresql" and f.q and f.channel is None:
            if not f.search_query:
                return []
            return search.product_page(
                get_scope()["cooperative"].pk, f.search_query, offset=offset,
                limit=None if end is None else end - offset, business=self.business,
                category=f.category, member=f.member, province=f.province,
                regency=f.regency)
        return _card_rows(self.products, business=self.business)[offset:end]

    def _cached(self, part: str, compute):
        if not self.seconds:
            return compute()
        return cache.get_or_set(f"{self.key}:{part}", compute, self.seconds)

    def count(self) -> int:
        return self._cached("count", self._count)

    def _count(self) -> int:
        if self.page_hint is not None:
            number, per_page = self.page_hint
            start = (number - 1) * per_page
            total = self._fetch(start, start + per_page)
            if total is not None:
                return total
        return len(self.bundles) + self.products.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        start, stop = index.start or 0, index.stop
        return self._cached(f"{start}:{stop}", lambda: self._page(start, stop))

    def _page(self, start: int, stop: int | None) -> list[Offer]:
        # The paginator asks for the last page up to the count only: a prefix of what
        # counting fetched.
        fetched = self._ready.get(start)
        if fetched is None or not _reaches(fetched[0], stop):
            self._fetch(start, stop)
            fetched = self._ready[start]
        offers = fetched[1]
        return offers if stop is None else offers[:stop - start]

    def _fetch(self, start: int, stop: int | None) -> int | None:
        """Fetch offers [start:stop] into _ready; return the whole listing's count when the
        products fetched tell it (the window column), else None."""
        head = self.bundles[start:stop]
        offset = max(start - len(self.bundles), 0)
        end = None if stop is None else max(stop - len(self.bundles), 0)
        total = None
        cards = []
        if end is None or end > offset:
            for row in self._product_rows(offset, end):
                offer, total = _row_offer(row)
                cards.append(offer)
            if total is not None:
                total += len(self.bundles)
        self._ready[start] = (stop, head + cards)
        return total


def _reaches(fetched_stop: int | None, stop: int | None) -> bool:
    """Whether offers fetched up to `fetched_stop` (None: the end) cover up to `stop`."""
    return fetched_stop is None or (stop is not None and stop <= fetched_stop)


def listing(filters: Filters, *, business: bool = False,
            page: tuple[int, int] | None = None) -> Listing:
    return Listing(filters, business=business, page=page)


# --- one product, one bundle --------------------------------------------------------------


def product_page(pk: int) -> Product:
    """The product with its maker, category, photos and tiers (DoesNotExist if not shown)."""
    return (shown_products().select_related("member", "category")
            .prefetch_related(_photos(), "tiers").get(pk=pk))


def more_from_maker(product: Product, limit: int = 4) -> list[Offer]:
    others = (listed_products().filter(member_id=product.member_id).exclude(pk=product.pk)
              .select_related("member", "category").prefetch_related(_photos())
              .order_by("-created_at")[:limit])
    return [product_offer(p) for p in others]


def bundle_page(pk: int) -> BundleOffer | None:
    offers = bundle_offers(pks=[pk], sold_out=True)
    return offers[0] if offers else None


# --- buyers -------------------------------------------------------------------------------


def buyer_of(user) -> Buyer | None:
    """The logged-in user's buyer record in this cooperative, if they have one."""
    if user is None or not user.is_authenticated:
        return None
    return Buyer.objects.filter(user=user).order_by("pk").first()
