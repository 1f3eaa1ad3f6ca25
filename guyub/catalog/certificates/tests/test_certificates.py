"""Certificates: the 60-day expiry list, flags on product pages, renewals."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.catalog import selectors
from guyub.catalog.models import Certificate
from guyub.core.roles import Role

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 1)


def url(name, coop, *args):
    return reverse(f"catalog:{name}", args=[coop.slug, *args])


@pytest.fixture
def certificate(coop, member_client):
    def make(number, expires_on, kind="halal", product=None):
        with scopes_disabled():
            return Certificate.objects.create(
                cooperative=coop, member=member_client.member, product=product, kind=kind,
                number=number, expires_on=expires_on)

    return make


def test_the_expiring_list_holds_what_ends_within_60_days_soonest_first(
        coop, certificate, in_scope):
    day = dt.timedelta(days=1)
    certificate("kemarin", TODAY - day)
    certificate("hari-ini", TODAY)
    certificate("hari-ke-60", TODAY + 60 * day)
    certificate("hari-ke-61", TODAY + 61 * day)
    certificate("tanpa-batas", None)
    certificate("hari-ke-30", TODAY + 30 * day)
    with in_scope():
        numbers = [c.number for c in selectors.expiring_certificates(today=TODAY)]
    assert numbers == ["hari-ini", "hari-ke-30", "hari-ke-60"]


def test_the_certificate_page_lists_expiring_and_expired_for_officers(
        coop, signed_in, certificate):
    today = timezone.localdate()
    certificate("ID-SEGERA", today + dt.timedelta(days=20))
    certificate("ID-LAMA", today - dt.timedelta(days=3))
    certificate("ID-AMAN", today + dt.timedelta(days=400))
    response = signed_in(Role.SUPERVISOR).get(url("certificates", coop))
    assert response.status_code == 200
    assert [c.number for c in response.context["expiring"]] == ["ID-SEGERA"]
    assert [c.number for c in response.context["expired"]] == ["ID-LAMA"]
    assert "Berakhir dalam 60 hari" in response.content.decode()


def test_the_product_page_flags_a_certificate_about_to_expire(
        coop, member_client, food, make_product, certificate):
    product = make_product(member_client.member, food)
    certificate("ID34110000999", timezone.localdate() + dt.timedelta(days=10), product=product)
    page = member_client.get(url("product", coop, product.pk)).content.decode()
    assert "Perhatikan sertifikat:" in page
    assert "segera berakhir" in page


def test_a_valid_certificate_is_not_flagged(coop, member_client, food, make_product,
                                            certificate):
    product = make_product(member_client.member, food)
    certificate("ID34110000999", timezone.localdate() + dt.timedelta(days=300), product=product)
    page = member_client.get(url("product", coop, product.pk)).content.decode()
    assert "Perhatikan sertifikat:" not in page


def test_renewing_a_certificate_makes_the_product_eligible_again(
        coop, member_client, food, make_product, certificate):
    product = make_product(member_client.member, food)
    certificate("P-IRT 1", None, kind="pirt")
    halal = certificate("ID-LAMA", timezone.localdate() - dt.timedelta(days=1), product=product)
    report = member_client.get(url("product", coop, product.pk)).context["report"]
    assert {r["channel"].code: r["eligible"] for r in report}["regional"] is False

    renewed = (timezone.localdate() + dt.timedelta(days=365 * 4)).isoformat()
    response = member_client.post(url("certificate_edit", coop, halal.pk), {
        "product": product.pk, "kind": "halal", "number": "ID-BARU", "issuer": "BPJPH",
        "issued_on": "", "expires_on": renewed})
    assert response.status_code == 302
    report = member_client.get(url("product", coop, product.pk)).context["report"]
    assert {r["channel"].code: r["eligible"] for r in report}["regional"] is True


def test_staff_add_a_certificate_from_the_product_page_link(
        coop, staff_client, member_client, food, make_product):
    product = make_product(member_client.member, food)
    form = staff_client.get(url("certificate_create", coop) + f"?produk={product.pk}")
    assert form.context["form"].initial["product"] == product
    response = staff_client.post(url("certificate_create", coop), {
        "member": member_client.member.pk, "product": product.pk, "kind": "bpom_md",
        "number": "BPOM RI MD 123456789012", "issuer": "BPOM"})
    assert response.status_code == 302
    assert response["Location"] == url("product", coop, product.pk)
    with scopes_disabled():
        assert Certificate.objects.get().product == product


def test_a_member_sees_their_certificates_and_none_of_others(
        coop, member_client, other_member_client, certificate):
    certificate("MILIK-SAYA", None)
    with scopes_disabled():
        Certificate.objects.create(cooperative=coop, member=other_member_client.member,
                                   kind="pirt", number="MILIK-ORANG")
    page = member_client.get(url("my_certificates", coop)).content.decode()
    assert "MILIK-SAYA" in page
    assert "MILIK-ORANG" not in page


def test_a_renewed_certificate_stops_the_warning_about_the_old_one(
        coop, member_client, food, make_product, certificate):
    product = make_product(member_client.member, food)
    today = timezone.localdate()
    certificate("P-IRT LAMA", today + dt.timedelta(days=5), kind="pirt")
    certificate("HALAL LAMA", today - dt.timedelta(days=5), product=product)
    page = member_client.get(url("product", coop, product.pk))
    assert [c.number for c in page.context["warnings"]] == ["HALAL LAMA", "P-IRT LAMA"]

    certificate("P-IRT BARU", today + dt.timedelta(days=365 * 5), kind="pirt")
    certificate("HALAL BARU", None, product=product)
    page = member_client.get(url("product", coop, product.pk))
    assert page.context["warnings"] == []
    assert "Perhatikan sertifikat:" not in page.content.decode()
