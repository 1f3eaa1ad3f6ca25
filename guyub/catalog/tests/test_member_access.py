"""A member manages their own products from the portal and never sees anyone else's."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from guyub.catalog.models import Certificate, Product
from guyub.core.roles import Role
from guyub.testing.catalog import png_upload

pytestmark = pytest.mark.django_db


def url(name, coop, *args):
    return reverse(f"catalog:{name}", args=[coop.slug, *args])


@pytest.fixture
def theirs(other_member_client, crafts, make_product):
    """Another member's product, with a certificate."""
    product = make_product(other_member_client.member, crafts, name="Kemeja Batik Bambang")
    with scopes_disabled():
        Certificate.objects.create(cooperative=product.cooperative,
                                   member=other_member_client.member, product=product,
                                   kind="sni", number="SNI-BAMBANG-1")
    return product


def test_my_products_lists_only_my_own(coop, member_client, theirs, food, make_product):
    mine = make_product(member_client.member, food, name="Keripik Tempe Sagu")
    page = member_client.get(url("my_products", coop))
    assert page.status_code == 200
    assert [p.pk for p, _r in page.context["rows"]] == [mine.pk]
    assert "Kemeja Batik Bambang" not in page.content.decode()


def test_the_member_nav_offers_my_products_not_the_officers_catalog(coop, member_client):
    page = member_client.get(url("my_products", coop)).content.decode()
    assert f'href="{url("my_products", coop)}"' in page
    assert f'href="{url("products", coop)}"' not in page


@pytest.mark.parametrize("name, method", [
    ("product", "get"), ("product_edit", "get"), ("product_edit", "post"),
    ("product_photo", "post"), ("product_submit", "post"),
])
def test_another_members_product_does_not_exist_for_me(
        coop, member_client, theirs, name, method):
    data = {"photo": png_upload()} if name == "product_photo" else {"name": "Diambil alih"}
    response = getattr(member_client, method)(url(name, coop, theirs.pk),
                                              data if method == "post" else None)
    assert response.status_code == 404
    assert b"Kemeja Batik Bambang" not in response.content
    with scopes_disabled():
        product = Product.objects.get(pk=theirs.pk)
        assert (product.name, product.status, product.photos.count()) == (
            "Kemeja Batik Bambang", "draft", 0)


def test_another_members_certificate_does_not_exist_for_me(coop, member_client, theirs):
    with scopes_disabled():
        certificate = Certificate.objects.get(member=theirs.member)
    assert member_client.get(url("certificate_edit", coop, certificate.pk)).status_code == 404
    assert member_client.post(url("certificate_edit", coop, certificate.pk),
                              {"kind": "sni", "number": "X"}).status_code == 404


def test_the_officers_pages_are_closed_to_a_member(coop, member_client, theirs):
    for name in ("products", "curation", "certificates", "bundles", "product_create"):
        assert member_client.get(url(name, coop)).status_code == 403, name


def test_i_open_and_edit_my_own_product(coop, member_client, food, make_product):
    mine = make_product(member_client.member, food)
    page = member_client.get(url("product", coop, mine.pk))
    assert page.status_code == 200
    assert url("product_edit", coop, mine.pk) in page.content.decode()
    assert member_client.get(url("product_edit", coop, mine.pk)).status_code == 200


def test_a_member_creates_a_product_for_themselves_whatever_the_form_says(
        coop, member_client, other_member_client, food):
    data = {"member": other_member_client.member.pk, "name": "Keripik Bayam",
            "category": food.pk, "unit": "pak", "net_weight_grams": "150", "price": "Rp12.500",
            "stock": "30", "min_order_qty": "1", "barcode": "", "hs_code": "",
            "commission_pct": "0",
            "tier-TOTAL_FORMS": "3", "tier-INITIAL_FORMS": "0",
            "tier-0-min_qty": "10", "tier-0-price": "11.000",
            "tier-1-min_qty": "50", "tier-1-price": "10000"}
    response = member_client.post(url("my_product_create", coop), data)
    assert response.status_code == 302
    with scopes_disabled():
        product = Product.objects.get(name="Keripik Bayam")
        tiers = list(product.tiers.values_list("min_qty", "price"))
    assert product.member == member_client.member
    assert product.price == 12500
    assert product.commission_pct is None          # members cannot set their commission
    assert product.status == Product.Status.DRAFT
    assert product.barcode.startswith("2") and len(product.barcode) == 13
    assert tiers == [(10, 11000), (50, 10000)]


def test_a_member_adds_a_certificate_only_to_their_own_products(
        coop, member_client, theirs, food, make_product):
    mine = make_product(member_client.member, food)
    expires = (dt.date.today() + dt.timedelta(days=365 * 4)).isoformat()
    base = {"kind": "halal", "number": "ID34110000123450123", "issuer": "BPJPH",
            "expires_on": expires}
    refused = member_client.post(url("my_certificates", coop), {**base, "product": theirs.pk})
    assert refused.status_code == 200
    assert "Masukkan pilihan yang valid" in refused.content.decode()
    accepted = member_client.post(url("my_certificates", coop), {**base, "product": mine.pk})
    assert accepted.status_code == 302
    with scopes_disabled():
        assert list(Certificate.objects.filter(member=member_client.member)
                    .values_list("product_id", "kind")) == [(mine.pk, "halal")]


def test_a_member_without_a_member_record_has_no_portal_products(coop, signed_in):
    client = signed_in(Role.MEMBER)
    with scopes_disabled():
        client.member.delete()
    assert client.get(url("my_products", coop)).status_code == 404
