"""A storefront page or search answer takes a number of queries that does not grow with
the catalog."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guyub.sales.storefront.tests.browsing import business_buyer, catalog_of
from guyub.sales.tests.store_helpers import bundle

pytestmark = pytest.mark.django_db


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "produk"}, {"channel": "lokal", "q": "buatan"},
                                    {"page": 2}],
                         ids=["all", "search", "channel", "page-2"])
@pytest.mark.parametrize("who", ["guest", "business"])
def test_the_storefront_list_takes_the_same_queries_for_5_or_50_products(
        coop, other_coop, make_user, django_assert_num_queries, params, who):
    # Page 2 must exist in both (a page past the end is answered with the last one,
    # which costs a query more).
    catalog_of(coop, 30 if "page" in params else 5)
    catalog_of(other_coop, 50)
    client = Client()
    if who == "business":
        client.force_login(business_buyer(make_user, coop, other_coop))
    few = _queries(client, "/toko/maju/", **params)
    with django_assert_num_queries(few):
        assert client.get("/toko/lain/", params).status_code == 200
    with django_assert_num_queries(few):  # the same through htmx and the public API
        client.get("/toko/lain/", params, HTTP_HX_REQUEST="true")


def test_the_search_api_takes_the_same_queries_for_5_or_50_products(
        client, coop, other_coop, django_assert_num_queries):
    catalog_of(coop, 5)
    catalog_of(other_coop, 50)
    url = "/api/v1/cooperatives/{}/storefront/search"
    few = _queries(client, url.format("maju"), q="produk")
    with django_assert_num_queries(few):
        client.get(url.format("lain"), {"q": "produk"})


def test_a_product_page_takes_the_same_queries_however_big_the_catalog(
        coop, other_coop, django_assert_num_queries):
    few = catalog_of(coop, 5)
    many = catalog_of(other_coop, 50)
    client = Client()
    baseline = _queries(client, f"/toko/maju/produk/{few[0].pk}/")
    with django_assert_num_queries(baseline):
        client.get(f"/toko/lain/produk/{many[0].pk}/")
    assert baseline <= 12


def test_a_bundle_page_takes_the_same_queries_for_2_or_6_components(
        client, coop, other_coop, django_assert_num_queries):
    small = catalog_of(coop, 5)
    large = catalog_of(other_coop, 50)
    two = bundle(coop, "Dua Isi", 90_000, [(p, 1, 45_000) for p in small[:2]])
    six = bundle(other_coop, "Enam Isi", 270_000, [(p, 1, 45_000) for p in large[:6]])
    baseline = _queries(client, f"/toko/maju/paket/{two.pk}/")
    with django_assert_num_queries(baseline):
        client.get(f"/toko/lain/paket/{six.pk}/")
