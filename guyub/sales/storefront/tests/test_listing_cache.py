"""The listing cache (off in tests unless a test turns it on), and paging through the
search API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guyub.sales.storefront.tests.browsing import business_buyer, catalog_of, names, page
from guyub.sales.tests.store_helpers import product, tiers
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def storefront_cache(settings):
    from django.core.cache import cache

    settings.STOREFRONT_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_a_repeated_search_is_answered_from_the_cache(client, coop, other_coop, shelf,
                                                      storefront_cache):
    url = "/api/v1/cooperatives/{}/storefront/search"
    with CaptureQueriesContext(connection) as first:
        assert names(client, q="keripik") == {"Keripik Tempe Renyah"}
    with CaptureQueriesContext(connection) as again:
        assert names(client, q="keripik") == {"Keripik Tempe Renyah"}
    assert len(again) == 1 < len(first)  # the cooperative by its slug, nothing more
    # Another cooperative asking the same is answered from its own catalogue.
    stranger = MemberFactory(cooperative=other_coop, business_name="Keripik Lain")
    product(other_coop, "Keripik Paru Lain", member=stranger)
    response = client.get(url.format("lain"), {"q": "keripik"})
    assert {i["name"] for i in response.json()["items"]} == {"Keripik Paru Lain"}


def test_the_cache_keeps_retail_and_business_buyers_apart(client, coop, shelf, make_user,
                                                          storefront_cache):
    tiers(coop, shelf["tempe"], (20, 12_000))
    assert "Grosir mulai" not in page(client, q="keripik")
    client.force_login(business_buyer(make_user, coop))
    assert "Grosir mulai" in page(client, q="keripik")
    client.logout()
    assert "Grosir mulai" not in page(client, q="keripik")


def test_paging_through_the_search_api_shows_every_offer_once(client, coop):
    made = catalog_of(coop, 23)  # and 2 bundles: 25 offers
    url = "/api/v1/cooperatives/maju/storefront/search"
    seen = []
    for number in (1, 2, 3):
        body = client.get(url, {"page": number, "page_size": 10}).json()
        assert (body["count"], body["pages"], body["page"]) == (25, 3, number)
        seen += [(i["kind"], i["name"]) for i in body["items"]]
    assert len(seen) == 25 == len(set(seen))
    assert {name for kind, name in seen if kind == "product"} == {p.name for p in made}
    # A page past the end answers with the last page, counted all the same.
    late = client.get(url, {"page": 7, "page_size": 10}).json()
    assert (late["count"], late["page"], len(late["items"])) == (25, 3, 5)
    # Bundles come first: a page made of bundles only still knows the count.
    head = client.get(url, {"page": 1, "page_size": 2}).json()
    assert head["count"] == 25 and {i["kind"] for i in head["items"]} == {"bundle"}
