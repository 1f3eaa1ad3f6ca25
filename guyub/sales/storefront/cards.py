"""Storefront cards read as plain rows: a page of products (ORM or, for a PostgreSQL
search, search.product_page) and the listing's bundles. Building model instances for
them was a third of a search request's time."""

from collections import defaultdict

from django.db import connection
from django.db.models import Count, DecimalField, OuterRef, QuerySet, Subquery, Value, Window
from django.utils.translation import gettext as _
from django_scopes import get_scope

from guyub.catalog.models import Bundle, BundleItem, PriceTier, Product, ProductPhoto

from . import matching, search
from .filters import Filters
from .offers import Maker, Offer, Part, bundle_stock, on_sale, sellable, unit_label
from .selectors import channel_eligible

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
