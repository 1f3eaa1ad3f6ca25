"""The officers' product list: filters by status, category, member and channel."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from guyub.catalog.models import Channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(coop, member_client, other_member_client, food, crafts, make_product):
    keripik = make_product(member_client.member, food, status="approved")
    make_product(member_client.member, food, name="Rempeyek Kacang", status="submitted")
    tas = make_product(other_member_client.member, crafts, name="Tas Anyaman Pandan")
    with scopes_disabled():
        tas.channels.set([Channel.objects.get(cooperative=coop, code="ekspor")])
    return {"keripik": keripik, "tas": tas}


def names(response):
    return sorted(p.name for p in response.context["page"])


@pytest.mark.parametrize("query, expected", [
    ({}, ["Keripik Tempe Original 200 g", "Rempeyek Kacang", "Tas Anyaman Pandan"]),
    ({"status": "submitted"}, ["Rempeyek Kacang"]),
    ({"q": "anyaman"}, ["Tas Anyaman Pandan"]),
    ({"q": "batik tulis"}, ["Tas Anyaman Pandan"]),        # the maker's business name
])
def test_the_product_list_filters(coop, staff_client, catalog, query, expected):
    response = staff_client.get(reverse("catalog:products", args=[coop.slug]), query)
    assert names(response) == expected


def test_the_product_list_filters_by_category_member_and_channel(
        coop, staff_client, catalog, food, other_member_client):
    base = reverse("catalog:products", args=[coop.slug])
    with scopes_disabled():
        export = Channel.objects.get(cooperative=coop, code="ekspor")
    assert names(staff_client.get(base, {"category": food.pk})) == [
        "Keripik Tempe Original 200 g", "Rempeyek Kacang"]
    assert names(staff_client.get(base, {"member": other_member_client.member.pk})) == [
        "Tas Anyaman Pandan"]
    assert names(staff_client.get(base, {"channel": export.pk})) == ["Tas Anyaman Pandan"]


def test_the_barcode_finds_its_product(coop, staff_client, catalog):
    response = staff_client.get(reverse("catalog:products", args=[coop.slug]),
                                {"q": catalog["keripik"].barcode})
    assert names(response) == ["Keripik Tempe Original 200 g"]


def test_htmx_asks_get_only_the_table(coop, staff_client, catalog):
    response = staff_client.get(reverse("catalog:products", args=[coop.slug]),
                                HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "catalog/_product_table.html"
