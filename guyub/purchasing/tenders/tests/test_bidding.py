"""Bidding: one bid per supplier and terms (a second replaces the first), before the
deadline by the server's clock, invited suppliers only, tiers and fields checked on
the page and the API alike.

The sealing itself, over every URL and endpoint, is test_sealed_bids.py.
"""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.core.errors import DomainError
from guyub.core.roles import Role
from guyub.core.tests.helpers import api
from guyub.purchasing.models import Bid, Tender
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


# --- bidding ---------------------------------------------------------------------------


def test_a_second_bid_on_the_same_terms_replaces_the_first(tender, suppliers):
    first = bid(tender, suppliers["nusantara"], tiers=((0, 9900),))
    second = bid(tender, suppliers["nusantara"], tiers=((0, 9700),), terms="Tunai")
    assert second.pk == first.pk
    with scopes_disabled():
        bids = list(Bid.objects.filter(tender=tender))
    assert [(b.status, b.tiers, b.payment_terms) for b in bids] == [
        ("valid", [["0", "9700"]], "Tunai")]


def test_bidding_after_the_deadline_is_refused_everywhere(coop, tender, suppliers):
    tender = past_deadline(tender)
    nusantara = suppliers["nusantara"]
    with pytest.raises(DomainError, match="Batas penawaran sudah lewat"):
        bid(tender, nusantara)
    response = api(token_client(coop, nusantara.user), "post",
                   f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}/bids", bid_body())
    assert response.status_code == 409
    assert "Batas penawaran sudah lewat" in response.json()["detail"]
    page = signed_in(nusantara.user).post(f"/k/{coop.slug}/saya/tender/{tender.pk}/",
                                          _bid_form(), follow=True)
    assert "tidak menerima penawaran" in page.content.decode()
    with scopes_disabled():
        assert not Bid.objects.filter(tender=tender).exists()


def test_the_deadline_is_the_servers_clock_not_the_clients(coop, tender, suppliers):
    # A bid a second before the deadline counts; nothing the client sends moves it.
    with scopes_disabled():
        Tender.objects.filter(pk=tender.pk).update(
            deadline=timezone.now() + dt.timedelta(seconds=30))
    response = api(token_client(coop, suppliers["makmur"].user), "post",
                   f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}/bids",
                   {**bid_body(), "submitted_at": "2000-01-01T00:00:00Z",
                    "deadline": "2100-01-01T00:00:00Z"})
    assert response.status_code == 201
    assert fresh(tender).deadline < timezone.now() + dt.timedelta(minutes=1)


def test_only_an_invited_supplier_bids(coop, tender, make_user):
    outsider = supplier_account(coop, "PT Tidak Diundang")
    with pytest.raises(DomainError, match="tidak diundang"):
        bid(tender, outsider)
    client = token_client(coop, outsider.user)
    url = f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}"
    assert api(client, "post", url + "/bids", bid_body()).status_code == 403
    assert api(client, "get", url).status_code == 403
    assert signed_in(outsider.user).get(f"/k/{coop.slug}/saya/tender/{tender.pk}/"
                                        ).status_code == 404
    staff_client = token_client(coop, make_user(coop, Role.STAFF))
    refused = api(staff_client, "post", url + "/bids", bid_body())
    assert refused.status_code == 403 and refused.json()["detail"]


def test_a_supplier_bids_and_replaces_through_its_portal(coop, tender, suppliers):
    client = signed_in(suppliers["jaya"].user)
    url = f"/k/{coop.slug}/saya/tender/{tender.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "Kirim penawaran" in page.content.decode()
    response = client.post(url, _bid_form(price_0="9.650", price_1="Rp9.100"))
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Rp9.650" in page and "Rp9.100" in page and "Ganti penawaran" in page
    client.post(url, _bid_form(price_0="9600", price_1="9000"))
    with scopes_disabled():
        bids = list(Bid.objects.filter(tender=tender))
    assert [b.tiers for b in bids] == [[["0", "9600"], ["1000", "9000"]]]
    listed = client.get(f"/k/{coop.slug}/saya/tender/").content.decode()
    assert "Kedelai impor" in listed and "Penawaran Anda masuk" in listed


def _bid_form(**changes) -> dict:
    data = {"pack_size": "50", "min_order_qty": "", "payment_terms": "Tempo 30 hari",
            "delivery_date": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
            "tiers-TOTAL_FORMS": "4", "tiers-INITIAL_FORMS": "0",
            "tiers-MIN_NUM_FORMS": "4", "tiers-MAX_NUM_FORMS": "10",
            "tiers-0-from_qty": "0", "tiers-0-unit_price": changes.pop("price_0", "9800"),
            "tiers-1-from_qty": "1000", "tiers-1-unit_price": changes.pop("price_1", "9300")}
    data.update(changes)
    return data


BAD_TIERS = [
    ([], "paling sedikit satu tingkat"),
    ([[100, 9800]], "mulai dari jumlah 0"),
    ([[0, 9800], [500, 9300], [500, 9000]], "naik berurutan"),
    ([[0, 9800], [1000, 9900]], "lebih murah"),
    ([[0, 0]], "lebih dari 0"),
    ([[0, -5]], "lebih dari 0"),
    ([[0, "9800.5"]], "rupiah utuh"),
    ([[0, "abc"]], "Harga tidak valid"),
    ([[-1, 9800]], "tidak boleh negatif"),
    ([[0, 9800, 1]], "jumlah mulai dan harga"),
    ([[0, 9800]] + [[i * 10, 9000 - i] for i in range(1, 11)], "Paling banyak 10"),
]


@pytest.mark.parametrize(("tiers", "message"), BAD_TIERS)
def test_wrong_tiers_are_refused_with_a_reason(coop, tender, suppliers, tiers, message):
    with pytest.raises(DomainError, match=message):
        bid(tender, suppliers["nusantara"], tiers=tiers)
    response = api(token_client(coop, suppliers["nusantara"].user), "post",
                   f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}/bids",
                   bid_body(tiers=tiers))
    assert response.status_code in (400, 422), response.content
    assert response.json()["detail"]


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"pack_size": "0"}, "pack_size", "lebih dari 0"),
    ({"pack_size": "-50"}, "pack_size", "lebih dari 0"),
    ({"pack_size": "1.2345"}, "pack_size", "tiga angka"),
    ({"delivery_date": "2020-01-01"}, "delivery_date", "masa lalu"),
    ({"payment_terms": "   "}, "payment_terms", "syarat pembayaran"),
    ({"payment_terms": "x" * 201}, "payment_terms", ""),
    ({"min_order_qty": "-1"}, "min_order_qty", ""),
])
def test_wrong_bid_fields_are_refused_on_the_api_in_indonesian(
        coop, tender, suppliers, changes, field, message):
    response = api(token_client(coop, suppliers["makmur"].user), "post",
                   f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}/bids",
                   bid_body(**changes))
    assert response.status_code in (400, 422), response.content
    errors = response.json()["errors"]
    assert field in errors and message in " ".join(errors[field])
    with scopes_disabled():
        assert not Bid.objects.filter(tender=tender).exists()


@pytest.mark.parametrize(("changes", "message"), [
    ({"pack_size": "0"}, "Harus lebih dari 0"),
    ({"pack_size": "-50"}, "Tidak boleh negatif"),
    ({"pack_size": "lima puluh"}, "Masukkan angka"),
    ({"pack_size": "12,3456"}, "tiga angka di belakang koma"),
    ({"delivery_date": "2020-01-01"}, "tidak boleh di masa lalu"),
    ({"delivery_date": "besok"}, "tanggal"),
    ({"payment_terms": ""}, "tidak boleh kosong"),
    ({"price_0": "sembilan ribu"}, "Tulis jumlah rupiah dengan angka"),
    ({"tiers-0-from_qty": "100"}, "mulai dari jumlah 0"),
    ({"price_1": "9900"}, "lebih murah"),
    ({"tiers-1-unit_price": ""}, "Isi jumlah dan harganya"),
    ({"tiers-TOTAL_FORMS": "abc"}, "hilang atau telah dirusak"),
])
def test_wrong_bid_fields_are_refused_on_the_page_in_indonesian(
        coop, tender, suppliers, changes, message):
    client = signed_in(suppliers["makmur"].user)
    response = client.post(f"/k/{coop.slug}/saya/tender/{tender.pk}/", _bid_form(**changes))
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    with scopes_disabled():
        assert not Bid.objects.filter(tender=tender).exists()
