"""What people type wrong gets a form error in Indonesian and writes nothing: NUL
bytes, numbers past their columns, a start in the past or decades away, a NIB that is
not 13 digits. Never a 500."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scope

from guyub.contracts.models import BusinessProfile, Contract
from guyub.core.roles import Role
from guyub.core.tests.helpers import api, issue_token
from guyub.testing.contracts_nego import (
    api_contract_body,
    contract_body,
    offer_post,
    requested_contract,
)

from .conftest import signed_in

pytestmark = pytest.mark.django_db

PROFILE = {"legal_name": "PT Kafe Tugu Jaya", "nib": "9120.001.234-567", "npwp": "",
           "contact_name": "Rina", "contact_phone": "081234567890",
           "contact_email": "rina@kafetugu.id", "billing_address": "Jl. Tugu 1, Yogyakarta"}


def contracts(coop):
    with scope(cooperative=coop):
        return Contract.objects.count()


@pytest.mark.parametrize("change", [
    {"quantity_per_delivery": "99999999999999999999"},
    {"deliveries": "100000"},
    {"price": "1" + "0" * 30},
    {"price": "-5"},
    {"lot_size": "0"},
    {"first_delivery_on": "2001-01-01"},
    {"first_delivery_on": "2999-01-01"},
    {"first_delivery_on": "2026-02-30"},
    {"payment_terms_days": "400"},
    {"title": "x" * 151},
], ids=lambda c: next(iter(c)))
def test_a_bad_request_is_a_form_error(coop, buyer, grade, change):
    response = signed_in(buyer.user).post(f"/k/{coop.slug}/pembeli/kontrak/baru/",
                                          contract_body(grade, **change))
    assert response.status_code == 200
    assert "Periksa kembali isian" in response.content.decode()
    assert contracts(coop) == 0


def test_nul_in_a_request_is_refused_at_the_door(coop, buyer, grade):
    response = signed_in(buyer.user).post(f"/k/{coop.slug}/pembeli/kontrak/baru/",
                                          contract_body(grade, title="Kopi\x00"))
    assert response.status_code == 400
    assert contracts(coop) == 0


def test_a_good_request_goes_through(coop, buyer, grade):
    response = signed_in(buyer.user).post(f"/k/{coop.slug}/pembeli/kontrak/baru/",
                                          contract_body(grade))
    assert response.status_code == 302
    assert contracts(coop) == 1


@pytest.mark.parametrize("change", [
    {"offer-price": "99999999999999999"}, {"offer-quantity_per_delivery": "-1"},
    {"offer-deliveries": "abc"}, {"offer-payment_terms_days": "1e9"},
], ids=lambda c: next(iter(c)))
def test_a_bad_offer_is_a_form_error(coop, buyer, grade, staff_client, change):
    contract = requested_contract(coop, buyer=buyer, grade=grade)
    response = staff_client.post(f"/k/{coop.slug}/kontrak/{contract.pk}/", offer_post(**change))
    assert response.status_code == 200
    with scope(cooperative=coop):
        assert contract.offers.count() == 1


def test_the_api_answers_bad_input_with_422(coop, buyer, grade):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, buyer.user)[1]}")
    url = f"/api/v1/cooperatives/{coop.slug}/contracts"
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    for change in ({"first_delivery_on": past}, {"quantity_per_delivery": 10**30},
                   {"grade_id": 10**6}, {"title": "a\u0000b"}):
        response = api(client, "post", url, api_contract_body(grade, **change))
        assert response.status_code == 422, (change, response.content)
    assert contracts(coop) == 0
    assert api(client, "post", url, api_contract_body(grade)).status_code == 201


@pytest.mark.parametrize("nib", ["12345", "91200012345678", "912000123456a", "٩١٢٠٠٠١٢٣٤٥٦٧"])
def test_a_nib_that_is_not_13_digits_is_refused(coop, make_user, nib):
    user = make_user(coop, Role.BUYER)
    response = signed_in(user).post(f"/k/{coop.slug}/pembeli/profil-usaha/",
                                    {**PROFILE, "nib": nib})
    assert response.status_code == 200
    assert "NIB terdiri dari 13 angka" in response.content.decode()


def test_a_buyer_without_a_business_record_gets_one_with_its_profile(coop, make_user):
    user = make_user(coop, Role.BUYER)
    response = signed_in(user).post(f"/k/{coop.slug}/pembeli/profil-usaha/",
                                    {**PROFILE, "npwp": "01.234.567.8-901.234"})
    assert response.status_code == 302
    with scope(cooperative=coop):
        profile = BusinessProfile.objects.get(buyer__user=user)
    assert (profile.nib, profile.npwp) == ("9120001234567", "012345678901234")
    assert profile.buyer.kind == "business" and profile.buyer.company == "PT Kafe Tugu Jaya"
