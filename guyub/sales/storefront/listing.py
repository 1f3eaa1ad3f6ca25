"""The storefront listing: bundles first, then products, as one sequence a Paginator
pages through, read as plain rows and kept in Django's cache for a few seconds."""

import hashlib
from collections import defaultdict
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, DecimalField, OuterRef, QuerySet, Subquery, Value, Window
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_scopes import get_scope

from guyub.catalog.models import Bundle, BundleItem, PriceTier, Product, ProductPhoto

from . import matching, search
from .filters import Filters
from .offers import Maker, Offer, Part, bundle_stock, on_sale, sellable, unit_label
from .selectors import channel_eligible, search_products

# What a product card shows, read as plain rows by the listing's page query: building
# model instances (product, maker, category) was a third of a search request's time.
CARD_COLUMNS = ("pk", "name", "price", "stock", "unit", "min_order_qty", "category__name",
                "member_id", "member__business_name", "member__regency", "member__province")


def card_rows(products: QuerySet, *, business: bool) -> QuerySet:
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


def row_offer(row: tuple) -> tuple[Offer, int]:
    """A card from one row of card_rows or search.product_page, and the listing's count
    the row carries."""
    (pk, name, price, stock, unit, min_qty, category, member_id, business_name, regency,
     province, image, thumbnail, wholesale_from, total) = row
    photo = ProductPhoto(product_id=pk, image=image, thumbnail=thumbnail or "") if image else None
    offer = Offer(kind="product", id=pk, name=name, price=price, stock=stock,
                  unit=unit_label(unit), min_order_qty=min_qty, category=category,
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
            bundles = matching.narrow_bundles(bundles, filters)
        heads = list(bundles.order_by("name", "pk").values_list("pk", "name", "price"))
    if not heads:
        return []
    parts_of = defaultdict(list)
    for row in (BundleItem.objects.filter(bundle_id__in=[h[0] for h in heads])
                .order_by("id").values_list(*_PART_ROW)):
        parts_of[row[0]].append((Part(row[1], row[2], row[3], sellable(row[4], row[5]),
                                       row[6], row[7], row[9], row[10]), row[8]))
    found = [(pk, name, price, parts_of[pk]) for pk, name, price in heads
             if on_sale([part for part, _maker in parts_of[pk]], filters)]
    if filters.channel is not None and found:
        ids = {part.product_id for *_head, parts in found for part, _maker in parts}
        eligible = channel_eligible(
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
                           stock=bundle_stock([part for part, _m in parts]), unit=_("paket"),
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
        return card_rows(self.products, business=self.business)[offset:end]

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
                offer, total = row_offer(row)
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
