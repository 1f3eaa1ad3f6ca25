"""Bundles: stock is what the components allow; the price splits into members' shares."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from guyub.catalog import selectors, services
from guyub.catalog.bundles import selectors as bundle_pages
from guyub.catalog.models import Bundle, Product

pytestmark = pytest.mark.django_db


def url(name, coop, *args):
    return reverse(f"catalog:{name}", args=[coop.slug, *args])


@pytest.fixture
def pair(member_client, other_member_client, food, crafts, make_product):
    keripik = make_product(member_client.member, food, status="approved", stock=10)
    tas = make_product(other_member_client.member, crafts, name="Tas Anyaman Pandan",
                       status="approved", stock=6, price=Decimal("85000"))
    return keripik, tas


def make_bundle(coop, rows, price="100000"):
    with scopes_disabled():
        return services.save_bundle(
            bundle=Bundle(cooperative=coop, name="Paket Oleh-Oleh Sleman", price=Decimal(price)),
            items=[(p, q, Decimal(a)) for p, q, a in rows], actor=None)


@pytest.mark.parametrize("stocks, quantities, expected", [
    ((10, 6), (2, 1), 5),    # 10 // 2 keripik, 6 // 1 bags: keripik decide
    ((10, 6), (1, 2), 3),    # the bags decide
    ((10, 6), (3, 3), 2),
    ((1, 6), (2, 1), 0),     # not enough for even one bundle
    ((0, 6), (1, 1), 0),
])
def test_bundle_stock_is_what_the_scarcest_component_allows(
        coop, pair, stocks, quantities, expected, in_scope):
    keripik, tas = pair
    with scopes_disabled():
        Product.objects.filter(pk=keripik.pk).update(stock=stocks[0])
        Product.objects.filter(pk=tas.pk).update(stock=stocks[1])
    bundle = make_bundle(coop, [(keripik, quantities[0], "30000"), (tas, quantities[1], "70000")])
    with in_scope():
        assert selectors.bundle_stock(bundle) == expected
        [row] = bundle_pages.bundle_overview()
    assert row["stock"] == expected


def test_members_shares_split_the_price_exactly_by_agreed_price(coop, pair, in_scope):
    keripik, tas = pair
    bundle = make_bundle(coop, [(keripik, 2, "1"), (tas, 1, "2")], price="100000")
    with in_scope():
        shares = {m.pk: amount for m, amount in selectors.bundle_shares(
            selectors.bundles_with_items().get(pk=bundle.pk))}
    # 100000 × 1/3 and × 2/3, rounded so they still add up to the price.
    assert shares == {keripik.member_id: Decimal("33333"), tas.member_id: Decimal("66667")}
    assert sum(shares.values()) == bundle.price


def test_staff_build_a_bundle_from_two_members_products_and_the_list_shows_it(
        coop, staff_client, pair):
    keripik, tas = pair
    data = {"name": "Paket Oleh-Oleh Sleman", "description": "Keripik dan tas anyaman",
            "price": "Rp110.000", "active": "on",
            "item-TOTAL_FORMS": "3", "item-INITIAL_FORMS": "0",
            "item-0-product": keripik.pk, "item-0-quantity": "2", "item-0-agreed_price": "30000",
            "item-1-product": tas.pk, "item-1-quantity": "1", "item-1-agreed_price": "80000"}
    response = staff_client.post(url("bundle_create", coop), data)
    assert response.status_code == 302
    with scopes_disabled():
        bundle = Bundle.objects.get()
        assert bundle.price == 110000
        assert list(bundle.items.values_list("product_id", "quantity", "agreed_price")) == [
            (keripik.pk, 2, 30000), (tas.pk, 1, 80000)]
    listing = staff_client.get(url("bundles", coop))
    [row] = listing.context["rows"]
    assert row["stock"] == 5
    assert [(m.pk, a) for m, a in row["shares"]] == [(keripik.member_id, 30000),
                                                     (tas.member_id, 80000)]
    page = listing.content.decode()
    assert "stok 5 paket" in page
    assert "Rp110.000" in page


def test_editing_a_bundle_replaces_its_components(coop, staff_client, pair, member_client,
                                                  food, make_product):
    keripik, tas = pair
    bundle = make_bundle(coop, [(keripik, 2, "30000"), (tas, 1, "70000")])
    peyek = make_product(member_client.member, food, name="Peyek Kacang", status="approved")
    form = staff_client.get(url("bundle_edit", coop, bundle.pk))
    assert form.status_code == 200
    assert form.context["items"].initial[0]["product"] == keripik.pk
    data = {"name": bundle.name, "price": "100000", "active": "on",
            "item-TOTAL_FORMS": "3", "item-INITIAL_FORMS": "2",
            "item-0-product": tas.pk, "item-0-quantity": "1", "item-0-agreed_price": "70000",
            "item-1-product": peyek.pk, "item-1-quantity": "3", "item-1-agreed_price": "30000"}
    assert staff_client.post(url("bundle_edit", coop, bundle.pk), data).status_code == 302
    with scopes_disabled():
        assert sorted(bundle.items.values_list("product_id", flat=True)) == sorted(
            [tas.pk, peyek.pk])


def test_a_member_cannot_build_bundles(coop, member_client, pair):
    assert member_client.get(url("bundle_create", coop)).status_code == 403
