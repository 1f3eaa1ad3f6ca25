"""The storefront search's page query on PostgreSQL (search.product_page) is written out
in SQL; the ORM listing (cards.card_rows over selectors.search_products) is what every
other listing uses. Both must show the same cards, in the same order, with the same
count, whatever the filters, the page and the buyer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope

from guyub.catalog.models import Product, ProductPhoto
from guyub.members.models import Member
from guyub.sales.storefront import search
from guyub.sales.storefront.cards import card_rows
from guyub.sales.storefront.filters import Filters
from guyub.sales.storefront.selectors import search_products
from guyub.sales.tests.store_helpers import category, product, tiers
from guyub.testing.factories import MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def catalog(coop, other_coop):
    """Products that rank differently (the word in the name, in the maker's name, in the
    description), share names, have photos and tiers, and some that must never show."""
    makers = [
        MemberFactory(cooperative=coop, business_name="Kopi Turgo", province="34",
                      regency="Sleman"),
        MemberFactory(cooperative=coop, business_name="Sekar Jagad", province="34",
                      regency="Bantul"),
        MemberFactory(cooperative=coop, business_name="Dapur Dewi", province="33",
                      regency="Magelang"),
    ]
    food, cloth = category(coop, "Makanan", is_food=True), category(coop, "Kain")
    made = []
    for i in range(18):
        maker = makers[i % 3]
        name = ["Kopi Arabika", "Keripik Kopi", "Batik Kopi Tulis"][i % 3] + f" {i % 5}"
        made.append(product(coop, name, member=maker, cat=food if i % 2 else cloth,
                            description="Dibuat dari kopi pilihan." if i % 4 else "Buatan tangan.",
                            price=10_000 + 1_000 * i, stock=5 + i, min_order_qty=1 + i % 3))
    tiers(coop, made[0], (10, 8_000), (50, 7_000))
    tiers(coop, made[4], (20, 9_500))
    with scope(cooperative=coop):
        for position, item in ((2, made[1]), (1, made[1]), (1, made[3])):
            ProductPhoto.objects.create(
                cooperative=coop, product=item, position=position,
                image=SimpleUploadedFile(f"k{position}.jpg", b"x", "image/jpeg"),
                thumbnail=f"thumb-{item.pk}-{position}.jpg" if item is made[1] else "")
    # Never on sale: a draft, a sold-out product, an exited maker's, another cooperative's.
    product(coop, "Kopi Draf", member=makers[0], status=Product.Status.DRAFT)
    product(coop, "Kopi Habis", member=makers[0], stock=0)
    gone = MemberFactory(cooperative=coop, business_name="Kopi Lama")
    product(coop, "Kopi Keluar", member=gone)
    with scope(cooperative=coop):
        Member.objects.filter(pk=gone.pk).update(status=Member.Status.EXITED)
    product(other_coop, "Kopi Tetangga", member=MemberFactory(cooperative=other_coop))
    return {"makers": makers, "food": food, "cloth": cloth}


def both(coop, filters: Filters, *, offset=0, limit=None, business=False):
    with scope(cooperative=coop):
        orm = list(card_rows(search_products(filters),
                                         business=business)[offset:None if limit is None
                                                            else offset + limit])
        raw = search.product_page(coop.pk, filters.search_query, offset=offset, limit=limit,
                                  business=business, category=filters.category,
                                  member=filters.member, province=filters.province,
                                  regency=filters.regency)
    return orm, raw


def test_a_search_reads_the_same_cards_as_the_orm_listing(coop, catalog):
    orm, raw = both(coop, Filters(q="kopi"))
    assert len(raw) == 18  # every listed product says "kopi" somewhere; none of the others
    assert raw == orm
    assert {row[-1] for row in raw} == {18}  # the count rides on every row
    names = [row[1] for row in raw]
    assert names.index("Kopi Arabika 0") < names.index("Batik Kopi Tulis 2")  # name weighs most


@pytest.mark.parametrize("offset,limit", [(0, 5), (5, 5), (15, 10), (0, None)])
def test_every_page_of_a_search_is_the_orm_listings_page(coop, catalog, offset, limit):
    orm, raw = both(coop, Filters(q="kopi"), offset=offset, limit=limit)
    assert raw == orm
    assert len(raw) == (18 - offset if limit is None else min(limit, 18 - offset))


def test_filters_narrow_the_search_as_they_narrow_the_orm_listing(coop, catalog):
    makers = catalog["makers"]
    cases = [
        Filters(q="kopi", category=catalog["food"].pk),
        Filters(q="kopi", member=makers[1].pk),
        Filters(q="kopi", province="33"),
        Filters(q="kopi", province="34", regency="Bantul"),
        Filters(q="keripik", category=catalog["cloth"].pk),
        Filters(q="arabika tulis"),  # every word must match: none
    ]
    for filters in cases:
        orm, raw = both(coop, filters)
        assert raw == orm, filters
    assert not both(coop, cases[-1])[1]


def test_business_buyers_get_the_cheapest_wholesale_price_retail_buyers_none(coop, catalog):
    orm, raw = both(coop, Filters(q="kopi"), business=True)
    assert raw == orm
    wholesale = {row[1]: row[13] for row in raw if row[13] is not None}
    assert wholesale == {"Kopi Arabika 0": 7_000, "Keripik Kopi 4": 9_500}
    assert all(row[13] is None for row in both(coop, Filters(q="kopi"))[1])


def test_a_card_shows_the_first_photo_by_position(coop, catalog):
    orm, raw = both(coop, Filters(q="kopi"))
    photos = {row[1]: (row[11], row[12]) for row in raw if row[11]}
    assert raw == orm
    assert len(photos) == 2
    image, thumbnail = photos["Keripik Kopi 1"]
    assert thumbnail.endswith("-1.jpg")  # position 1 before position 2
