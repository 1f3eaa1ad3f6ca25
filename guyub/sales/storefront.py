"""Storefront reads: what a buyer can find and buy, in a fixed number of queries.

Search is full text and tolerant of typos on PostgreSQL: the words of the product's
name and description (full text, `simple` configuration: PostgreSQL has no
Indonesian stemmer), or a name or maker's business name like the query (trigram
strict word similarity), each answered by a GIN index of migration sales/0002.
Typos are forgiven in names, not in descriptions: a long text shares trigrams with
almost any query, and comparing it row by row is what an index is there to avoid.
SQLite, the embedded default, matches every word of the query as a substring.

Run inside the cooperative's scope.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func, Prefetch, Q, QuerySet, TextField
from django.db.models import Value as V
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.catalog import selectors as catalog
from guyub.catalog.models import Bundle, BundleItem, Channel, Product, ProductPhoto
from guyub.members.models import Member

from .models import Buyer

PAGE_SIZE = 24
# Strict word similarity from which a product counts as found: "kripik" finds
# "Keripik" (0.5), "sambel" finds "Sambal" (0.4); "kopi" does not find "Kopyah" (0.33).
SIMILARITY = 0.36


# --- PostgreSQL search expressions --------------------------------------------------------


class ProductText(Func):
    """name || ' ' || description: exactly the expression the full-text index of
    migration sales/0002 is built on, so PostgreSQL can use it."""

    arg_joiner = " || ' ' || "
    template = "(%(expressions)s)"
    output_field = TextField()


class StrictWordSimilar(Func):
    """`query <<% text`: some run of whole words in the text is like the query (threshold
    pg_trgm.strict_word_similarity_threshold). A GIN trigram index answers it."""

    arg_joiner = " <<%% "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class StrictWordSimilarity(Func):
    function = "STRICT_WORD_SIMILARITY"
    output_field = FloatField()


class FullTextMatch(Func):
    """to_tsvector('simple', text) @@ websearch_to_tsquery('simple', query)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        (text, text_params), (query, query_params) = (
            compiler.compile(e) for e in self.get_source_expressions())
        return (f"(to_tsvector('simple'::regconfig, {text}) @@ "
                f"websearch_to_tsquery('simple'::regconfig, {query}))",
                (*text_params, *query_params))


def _use_similarity_threshold() -> None:
    # Per session, not per transaction: set before each search, so a pooled connection
    # that lost it gets it back. Cheap (no table touched).
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.strict_word_similarity_threshold', %s, false)",
                       [str(SIMILARITY)])


def _search(products: QuerySet, q: str) -> QuerySet:
    if connection.vendor == "postgresql":
        _use_similarity_threshold()
        text = ProductText(F("name"), F("description"))
        # One subquery per index (full text; the name's trigrams; the business name's
        # trigrams), so each is a bitmap index scan that rechecks only its own
        # condition: one OR across them, or across the join, would have PostgreSQL
        # compute every condition for every candidate row.
        by_words = Product.objects.filter(FullTextMatch(text, V(q))).values("pk")
        by_name = Product.objects.filter(StrictWordSimilar(V(q), F("name"))).values("pk")
        by_maker = Member.objects.filter(
            StrictWordSimilar(V(q), F("business_name"))).values("pk")
        rank = Greatest(StrictWordSimilarity(V(q), F("name")),
                        StrictWordSimilarity(V(q), F("member__business_name")))
        found = Q(pk__in=by_words) | Q(pk__in=by_name) | Q(member_id__in=by_maker)
        return (products.filter(found)
                .annotate(rank=rank).order_by("-rank", "name", "pk"))
    for word in q.split():
        products = products.filter(Q(name__icontains=word) | Q(description__icontains=word)
                                   | Q(member__business_name__icontains=word))
    return products


def _search_bundles(bundles: QuerySet, q: str) -> QuerySet:
    if connection.vendor == "postgresql":
        _use_similarity_threshold()
        text = ProductText(F("name"), F("description"))
        return bundles.filter(FullTextMatch(text, V(q)) | StrictWordSimilar(V(q), F("name")))
    for word in q.split():
        bundles = bundles.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return bundles


# --- what is on sale ----------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    q: str = ""
    category: int | None = None
    channel: Channel | None = None
    member: int | None = None
    province: str = ""
    regency: str = ""


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
    """Members with something on sale: the maker and region filters offer these."""
    return list(Member.objects.filter(pk__in=listed_products().values("member_id"))
                .order_by("business_name"))


def search_products(filters: Filters, *, business: bool = False) -> QuerySet[Product]:
    products = listed_products().select_related("member", "category").prefetch_related(
        _photos())
    if business:
        products = products.prefetch_related("tiers")
    if filters.category:
        products = products.filter(category_id=filters.category)
    if filters.member:
        products = products.filter(member_id=filters.member)
    if filters.province:
        products = products.filter(member__province=filters.province)
    if filters.regency:
        products = products.filter(member__regency=filters.regency)
    products = _search(products, filters.q) if filters.q else products.order_by("name", "pk")
    if filters.channel is not None:
        # Eligibility is decided by the catalog's rules, for all candidates at once
        # (two queries); the page then only holds products the channel may carry.
        candidates = products.select_related("category").prefetch_related(None)
        eligible = [p.pk for p in catalog.listed_in(candidates, filters.channel)]
        products = products.filter(pk__in=eligible)
    return products


@dataclass
class BundleOffer:
    bundle: Bundle
    items: list[BundleItem]
    stock: int


def _bundle_stock(items: list[BundleItem]) -> int:
    return min((item.product.stock // item.quantity for item in items), default=0)


def _sellable(item: BundleItem) -> bool:
    product = item.product
    return (product.status == Product.Status.APPROVED
            and product.member.status == Member.Status.ACTIVE)


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
    bundles = _search_bundles(bundles, filters.q) if filters.q else bundles.order_by("name")
    offers = []
    for bundle in bundles:
        items = list(bundle.items.all())
        stock = _bundle_stock(items)
        if (items and all(_sellable(i) for i in items) and (stock > 0 or sold_out)
                and _matches(items, filters)):
            offers.append(BundleOffer(bundle=bundle, items=items, stock=stock))
    if filters.channel is not None and offers:
        components = [i.product for offer in offers for i in offer.items]
        eligible = {p.pk for p in catalog.listed_in(components, filters.channel)}
        offers = [o for o in offers if all(i.product_id in eligible for i in o.items)]
    return offers


def _matches(items: list[BundleItem], f: Filters) -> bool:
    def any_item(test):
        return any(test(i.product) for i in items)

    return ((not f.category or any_item(lambda p: p.category_id == f.category))
            and (not f.member or any_item(lambda p: p.member_id == f.member))
            and (not f.province or any_item(lambda p: p.member.province == f.province))
            and (not f.regency or any_item(lambda p: p.member.regency == f.regency)))


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
    makers: list[Member] = field(default_factory=list)
    wholesale_from: Decimal | None = None
    obj: object = None


def _first(photos) -> ProductPhoto | None:
    photos = list(photos)
    return photos[0] if photos else None


def product_offer(product: Product, *, business: bool = False) -> Offer:
    tiers = [t.price for t in product.tiers.all()] if business else []
    return Offer(kind="product", id=product.pk, name=product.name, price=product.price,
                 stock=product.stock, unit=product.get_unit_display(),
                 min_order_qty=product.min_order_qty, category=product.category.name,
                 photo=_first(product.photos.all()), makers=[product.member],
                 wholesale_from=min(tiers, default=None), obj=product)


def bundle_offer(offer: BundleOffer) -> Offer:
    makers = list({i.product.member_id: i.product.member for i in offer.items}.values())
    photo = next((p for i in offer.items for p in [_first(i.product.photos.all())] if p), None)
    return Offer(kind="bundle", id=offer.bundle.pk, name=offer.bundle.name,
                 price=offer.bundle.price, stock=offer.stock, unit=_("paket"),
                 min_order_qty=1, category=_("Paket"), photo=photo, makers=makers, obj=offer)


class Listing:
    """Bundles first, then products: one sequence a Paginator can page through,
    counting and slicing the products in the database."""

    def __init__(self, bundles: list[BundleOffer], products: QuerySet, *, business: bool):
        self.bundles, self.products, self.business = bundles, products, business

    def count(self) -> int:
        return len(self.bundles) + self.products.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        start, stop = index.start or 0, index.stop
        head = [bundle_offer(b) for b in self.bundles[start:stop]]
        offset = max(start - len(self.bundles), 0)
        end = None if stop is None else max(stop - len(self.bundles), 0)
        if end is not None and end <= offset:
            return head
        return head + [product_offer(p, business=self.business)
                       for p in self.products[offset:end]]


def listing(filters: Filters, *, business: bool = False) -> Listing:
    return Listing(bundle_offers(filters), search_products(filters, business=business),
                   business=business)


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


def eligible_channels(product: Product, on: dt.date | None = None) -> list[Channel]:
    on = on or timezone.localdate()
    return [row["channel"] for row in catalog.readiness([product], on)[product.pk]
            if row["eligible"]]


def bundle_page(pk: int) -> BundleOffer | None:
    offers = bundle_offers(pks=[pk], sold_out=True)
    return offers[0] if offers else None


# --- buyers -------------------------------------------------------------------------------


def buyer_of(user) -> Buyer | None:
    """The logged-in user's buyer record in this cooperative, if they have one."""
    if user is None or not user.is_authenticated:
        return None
    return Buyer.objects.filter(user=user).order_by("pk").first()
