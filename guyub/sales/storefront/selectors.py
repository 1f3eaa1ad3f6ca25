"""Storefront reads: what a buyer can find and buy, in a fixed number of queries; one
product, one bundle. Run inside the cooperative's scope.

Search is full text and tolerant of typos on PostgreSQL (search.py: the words of the
product's name, its maker's business name and its description, typos corrected against
the catalogue's own words, answered by indexes). SQLite, the embedded default, matches
every word of the query as a substring, or a word of the catalogue that looks like it
(spelling.py: fine for a demo's or a small shop's catalogue).
"""

from django.db import connection
from django.db.models import Prefetch, QuerySet

from guyub.catalog import selectors as catalog
from guyub.catalog.models import Bundle, BundleItem, Channel, Product, ProductPhoto
from guyub.core.models import Cooperative

from . import matching, statements
from .catalogue import listed_products, shown_products
from .filters import Filters
from .offers import BundleOffer, Offer, bundle_stock, on_sale, part_of, product_offer

PAGE_SIZE = 24


def _photos():
    return Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id"))


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
    if filters.q:
        products = matching.narrow_products(products, filters)
    else:
        products = products.order_by("name", "pk")
    if filters.channel is not None:
        # Eligibility is decided by the catalog's rules, for all candidates at once
        # (two queries); the page then only holds products the channel may carry.
        candidates = products.select_related("member", "category")
        eligible = [p.pk for p in catalog.listed_in(candidates, filters.channel)]
        products = products.filter(pk__in=eligible)
    return products


def channel_eligible(products, channel: Channel) -> set[int]:
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
    bundles = matching.narrow_bundles(bundles, filters) if filters.q else bundles.order_by("name")
    offers = []
    for bundle in bundles:
        items = list(bundle.items.all())
        parts = [part_of(i) for i in items]
        if on_sale(parts, filters, sold_out=sold_out):
            offers.append(BundleOffer(bundle=bundle, items=items, stock=bundle_stock(parts)))
    if filters.channel is not None and offers:
        eligible = channel_eligible([i.product for o in offers for i in o.items],
                                     filters.channel)  # loaded with the bundles
        offers = [o for o in offers if all(i.product_id in eligible for i in o.items)]
    return offers


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


def shop(slug: str) -> Cooperative | None:
    """The cooperative of the shop at `slug` as far as its scope needs it (id and slug;
    storefront search answers read nothing else of it), or None."""
    pk = statements.cooperative_id(slug)
    if pk is None:
        return None
    return Cooperative.from_db(connection.alias, ["id", "slug"], [pk, slug])
