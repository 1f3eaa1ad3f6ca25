"""The staff pages and the API around a tender: creating one for the pooled demand,
cancelling, the scheduled move to evaluation, and wrong input never ending in a 500."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from hypothesis import given
from hypothesis import strategies as st

from guyub.core.errors import DomainError
from guyub.core.tests.helpers import api
from guyub.purchasing.models import Tender
from guyub.purchasing.tenders import schedule
from guyub.purchasing.tenders import services as tenders
from guyub.purchasing.tenders.forms import QuantityField
from guyub.testing.purchase_pages import signed_in
from guyub.testing.tenders import (
    bid,
    bid_body,
    fresh,
    past_deadline,
    supplier_account,
    token_client,
)

pytestmark = pytest.mark.django_db


# --- the staff pages ----------------------------------------------------------------------


def test_staff_create_a_tender_for_the_pooled_demand(coop, staff, soy, suppliers):
    client = signed_in(staff)
    page = client.get(f"/k/{coop.slug}/tender/baru/")
    assert page.status_code == 200
    deadline = timezone.localtime() + dt.timedelta(days=2)
    data = {"item": soy.pk, "quantity": "1.500", "terms": "Diantar ke gudang",
            "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
            "suppliers": [suppliers["jaya"].pk, suppliers["makmur"].pk]}
    response = client.post(f"/k/{coop.slug}/tender/baru/", data)
    assert response.status_code == 302
    with scope(cooperative=coop):
        created = Tender.objects.get()
        assert created.quantity == D(1500)  # 1.500: Indonesian thousands
        assert set(created.suppliers.all()) == {suppliers["jaya"], suppliers["makmur"]}
    listed = client.get(f"/k/{coop.slug}/tender/").content.decode()
    assert "Kedelai impor" in listed and "Menerima penawaran" in listed
    detail = client.get(response["Location"]).content.decode()
    assert "tersegel" in detail and "CV Tani Makmur" in detail


@pytest.mark.parametrize(("changes", "message"), [
    ({"deadline": "soon"}, "tanggal/waktu"),
    ({"deadline": "HOURS+5"}, "paling cepat 24 jam"),
    ({"deadline": "HOURS-5"}, "paling cepat 24 jam"),
    ({"quantity": "0"}, "Harus lebih dari 0"),
    ({"quantity": "-5"}, "Tidak boleh negatif"),
    ({"quantity": "1e400"}, "Masukkan angka"),
    ({"quantity": "12,34567"}, "tiga angka di belakang koma"),
    ({"suppliers": []}, "tidak boleh kosong"),
    ({"suppliers": ["999999"]}, "pilihan yang valid"),
    ({"item": "abc"}, "pilihan yang valid"),
])
def test_wrong_input_on_the_create_page_is_explained(coop, staff, soy, suppliers, changes,
                                                     message):
    deadline = timezone.localtime() + dt.timedelta(days=2)
    data = {"item": soy.pk, "quantity": "1500", "terms": "",
            "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
            "suppliers": [suppliers["jaya"].pk]}
    data.update(changes)
    for hint in ("HOURS+5", "HOURS-5"):
        if data["deadline"] == hint:
            hours = 5 if hint.endswith("+5") else -5
            data["deadline"] = (timezone.localtime() + dt.timedelta(hours=hours)).strftime(
                "%Y-%m-%dT%H:%M")
    response = signed_in(staff).post(f"/k/{coop.slug}/tender/baru/", data)
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    with scopes_disabled():
        assert not Tender.objects.exists()


def test_a_cancelled_tender_takes_no_bids(coop, board, tender, suppliers):
    client = signed_in(board)
    url = f"/k/{coop.slug}/tender/{tender.pk}/batal/"
    page = client.post(url, {"reason": ""}, follow=True)
    assert "Tuliskan alasan pembatalan" in page.content.decode()
    assert fresh(tender).status == "open"
    client.post(url, {"reason": "Harga pasar turun, tender diulang"})
    assert fresh(tender).status == "cancelled"
    with pytest.raises(DomainError, match="tidak menerima penawaran"):
        bid(fresh(tender), suppliers["jaya"])


def test_the_scheduled_job_moves_tenders_past_their_deadline_to_evaluation(tender):
    assert schedule.close_due_tenders() == []
    past_deadline(tender)
    assert [t.pk for t in schedule.close_due_tenders()] == [tender.pk]
    assert fresh(tender).status == "evaluation"


# --- wrong input on the API never ends in a 500 -------------------------------------------


@pytest.mark.parametrize("body", [
    "bukan json", "[]", "null", '{"tiers": "9800"}', '{"pack_size": "NaN"}',
    '{"pack_size": "Infinity", "tiers": [[0, 1]], "delivery_date": "2099-01-01",'
    ' "payment_terms": "x"}',
    '{"pack_size": 1e400, "tiers": [[0, 1]], "delivery_date": "2099-01-01",'
    ' "payment_terms": "x"}',
    '{"pack_size": 50, "tiers": [[0, 1e30]], "delivery_date": "2099-01-01",'
    ' "payment_terms": "x"}',
    '{"pack_size": 50, "tiers": [[null, null]], "delivery_date": "2099-01-01",'
    ' "payment_terms": "x"}',
    '{"pack_size": 50, "tiers": [[0, 9800]], "delivery_date": "99-99-99",'
    ' "payment_terms": "x"}',
])
def test_wrong_input_on_the_bid_endpoint_is_a_4xx_in_indonesian(coop, tender, suppliers,
                                                                 body):
    response = token_client(coop, suppliers["jaya"].user).post(
        f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}/bids", data=body,
        content_type="application/json")
    assert 400 <= response.status_code < 500, response.content
    detail = response.json()["detail"].lower()
    assert any(word in detail for word in ("tidak", "harus", "isi", "masukkan", "terlalu")), detail


@pytest.mark.parametrize("path", ["/tenders/999999", "/tenders/999999/bids", "/tenders/abc"])
def test_a_missing_tender_is_404_or_422_never_500(coop, board, path):
    response = api(token_client(coop, board), "get", f"/api/v1/cooperatives/{coop.slug}{path}")
    assert response.status_code in (404, 422)
    assert response.json()["detail"]


def test_the_api_lists_a_suppliers_tenders_only(coop, tender, soy, board):
    other = supplier_account(coop, "CV Lain")
    with scope(cooperative=coop):
        tenders.create_tender(cooperative=coop, item=soy, quantity=D(10), suppliers=[other],
                              deadline=timezone.now() + dt.timedelta(days=2), actor=board)
    listed = api(token_client(coop, other.user), "get",
                 f"/api/v1/cooperatives/{coop.slug}/tenders").json()
    assert [t["quantity"] for t in listed] == ["10.000"]
    everything = api(token_client(coop, board), "get",
                     f"/api/v1/cooperatives/{coop.slug}/tenders").json()
    assert len(everything) == 2 and everything[1]["invited"]


def test_the_bid_endpoint_answers_201_with_the_callers_bid(coop, tender, suppliers):
    client = token_client(coop, suppliers["jaya"].user)
    response = api(client, "post", f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}/bids",
                   bid_body())
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["supplier"], data["status"], data["terms_version"]) == (
        "UD Jaya Abadi", "valid", 1)
    assert [[D(q), D(p)] for q, p in data["tiers"]] == [[0, 9700], [1000, 9250]]
    listed = api(client, "get", f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}/bids")
    assert listed.json()["sealed"] is True and len(listed.json()["bids"]) == 1
    assert json.loads(listed.content)["bids"][0]["id"] == data["id"]


def test_odd_query_strings_on_the_pages_are_harmless(coop, staff, tender, suppliers):
    client = signed_in(staff)
    for url in (f"/k/{coop.slug}/tender/?status=zzz&page=abc",
                f"/k/{coop.slug}/tender/?page=999999",
                f"/k/{coop.slug}/tender/baru/?item=abc",
                f"/k/{coop.slug}/tender/{tender.pk}/perbandingan/?format=xlsx"):
        assert client.get(url).status_code == 200, url
    supplier = signed_in(suppliers["jaya"].user)
    assert supplier.get(f"/k/{coop.slug}/saya/tender/?page=-1").status_code == 200


@given(st.decimals(min_value=0, max_value=10**10, places=3, allow_nan=False,
                   allow_infinity=False))
def test_a_quantity_shown_in_a_form_reads_back_as_the_same_quantity(value):
    # 1,5 kg must not come back as 1.500 kg (Indonesian thousands) when a form is resent.
    field = QuantityField(positive=False)
    assert field.clean(field.prepare_value(value)) == value
