"""Tenders from invitation to award: the rules, the pages and the API.

The sealing itself, over every URL and endpoint, is test_sealed_bids.py.
"""

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from hypothesis import given
from hypothesis import strategies as st

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.core.roles import Role
from guyub.core.tests.helpers import api, issue_token
from guyub.purchasing import services as rounds
from guyub.purchasing import tenders
from guyub.purchasing.models import Bid, Item, PriceList, Round, RoundItem, Tender
from guyub.purchasing.tender_forms import QuantityField
from guyub.testing.factories import MemberFactory
from guyub.testing.tenders import bid_body, supplier_account

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def soy(coop):
    with scope(cooperative=coop):
        return Item.objects.create(cooperative=coop, name="Kedelai impor", unit="kg",
                                   retail_reference_price=D(11500))


@pytest.fixture
def suppliers(coop):
    return {"nusantara": supplier_account(coop, "PT Kedelai Nusantara"),
            "makmur": supplier_account(coop, "CV Tani Makmur"),
            "jaya": supplier_account(coop, "UD Jaya Abadi")}


@pytest.fixture
def tender(coop, board, soy, suppliers):
    """2.000 kg of soybeans, three suppliers invited, three days to bid."""
    with scope(cooperative=coop):
        return tenders.create_tender(
            cooperative=coop, item=soy, quantity=D(2000), suppliers=suppliers.values(),
            deadline=timezone.now() + dt.timedelta(days=3), actor=board,
            terms="Kadar air paling tinggi 14%, diantar ke gudang.")


def bid(tender, supplier, *, tiers=((0, 9800), (1000, 9300)), pack=50, minimum=0,
        delivery=7, terms="Tempo 30 hari"):
    with scope(cooperative=tender.cooperative):
        return tenders.place_bid(
            tender=tender, supplier=supplier, pack_size=D(pack), min_order_qty=D(minimum),
            tiers=[list(t) for t in tiers], payment_terms=terms, actor=supplier.user,
            delivery_date=timezone.localdate() + dt.timedelta(days=delivery))


def past_deadline(tender) -> Tender:
    """Move the deadline behind the server's clock (nothing else moves it)."""
    with scopes_disabled():
        Tender.objects.filter(pk=tender.pk).update(deadline=timezone.now() - HOUR)
        return Tender.objects.get(pk=tender.pk)


def fresh(obj):
    with scopes_disabled():
        return type(obj).objects.get(pk=obj.pk)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def token_client(coop, user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, user)[1]}")


@pytest.fixture
def staff(coop, make_user):
    return make_user(coop, Role.STAFF)


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


# --- changing the terms -------------------------------------------------------------------


def test_changing_the_terms_voids_the_bids_and_tells_each_bidder(coop, board, tender,
                                                                  suppliers):
    bid(tender, suppliers["nusantara"])
    bid(tender, suppliers["makmur"])
    with scope(cooperative=coop):
        change = tenders.change_terms(tender=tender, actor=board, quantity=D(2500))
    assert change.voided == 2 and not change.extended
    tender = fresh(tender)
    assert (tender.terms_version, tender.quantity) == (2, D(2500))
    with scopes_disabled():
        assert set(Bid.objects.filter(tender=tender).values_list("status", flat=True)) == {
            "void"}
        told = AuditLog.objects.filter(action="tender.bid_voided")
        assert {e.data["supplier"] for e in told} == {suppliers["nusantara"].pk,
                                                      suppliers["makmur"].pk}
    # The bidder reads it on the portal, and bids again on the new terms.
    client = signed_in(suppliers["nusantara"].user)
    for url in (f"/k/{coop.slug}/saya/tender/", f"/k/{coop.slug}/saya/tender/{tender.pk}/"):
        page = client.get(url).content.decode()
        assert "dibatalkan karena syarat berubah" in page
    new = bid(tender, suppliers["nusantara"])
    assert (new.terms_version, new.status) == (2, "valid")
    page = client.get(f"/k/{coop.slug}/saya/tender/{tender.pk}/").content.decode()
    assert "dibatalkan karena syarat berubah" not in page
    # A supplier who had not bid is told nothing.
    page = signed_in(suppliers["jaya"].user).get(f"/k/{coop.slug}/saya/tender/").content
    assert b"dibatalkan karena syarat berubah" not in page


def test_a_change_within_24_hours_of_the_deadline_extends_it(coop, board, tender, suppliers):
    with scopes_disabled():
        Tender.objects.filter(pk=tender.pk).update(deadline=timezone.now() + 5 * HOUR)
    bid(tender, suppliers["jaya"])
    before = timezone.now()
    with scope(cooperative=coop):
        change = tenders.change_terms(tender=fresh(tender), actor=board,
                                      terms="Kadar air paling tinggi 13%.")
    assert change.extended
    deadline = fresh(tender).deadline
    assert before + 24 * HOUR <= deadline <= timezone.now() + 24 * HOUR


def test_a_change_well_before_the_deadline_leaves_it(coop, board, tender):
    deadline = tender.deadline
    with scope(cooperative=coop):
        change = tenders.change_terms(tender=tender, actor=board, terms="Syarat baru.")
    assert not change.extended and fresh(tender).deadline == deadline


def test_inviting_another_supplier_keeps_the_bids(coop, board, tender, suppliers):
    placed = bid(tender, suppliers["jaya"])
    late = supplier_account(coop, "PT Datang Belakangan")
    with scope(cooperative=coop):
        change = tenders.change_terms(tender=tender, actor=board, add_suppliers=[late])
    assert change.voided == 0 and fresh(tender).terms_version == 1
    assert fresh(placed).status == "valid"
    with scope(cooperative=coop):
        assert tenders.invited_supplier(fresh(tender), late.user) == late


def test_the_terms_page_changes_the_terms_and_says_what_happened(coop, board, tender,
                                                                 suppliers):
    bid(tender, suppliers["nusantara"])
    client = signed_in(board)
    url = f"/k/{coop.slug}/tender/{tender.pk}/syarat/"
    assert client.get(url).status_code == 200
    page = client.post(url, {"quantity": "abc", "terms": "x"})
    assert page.status_code == 200 and "Masukkan angka" in page.content.decode()
    page = client.post(url, {"quantity": "2000", "terms": tender.terms})
    assert "Tidak ada yang berubah" in page.content.decode()
    response = client.post(url, {"quantity": "1800", "terms": tender.terms}, follow=True)
    assert "perlu menawar ulang" in response.content.decode()
    assert fresh(tender).terms_version == 2
    past_deadline(tender)
    refused = client.post(url, {"quantity": "1500", "terms": ""})
    assert refused.status_code == 200 and "selama tender menerima" in refused.content.decode()
    assert fresh(tender).quantity == D(1800)


# --- comparison and award -----------------------------------------------------------------


def test_the_comparison_is_refused_while_the_bids_are_sealed(coop, tender, suppliers):
    bid(tender, suppliers["nusantara"])
    with scope(cooperative=coop), pytest.raises(DomainError, match="tersegel"):
        tenders.comparison(fresh(tender), [])


def test_the_comparison_prices_whole_packs_at_the_tier_reached_cheapest_first(
        coop, board, tender, suppliers):
    with scopes_disabled():
        Tender.objects.filter(pk=tender.pk).update(quantity=D(1990))
    # 1.990 kg: 40 sacks of 50 kg = 2.000 kg at the 1.000 kg tier.
    bid(tender, suppliers["nusantara"], tiers=((0, 9800), (1000, 9300)), delivery=10)
    # 25 kg bags: 80 bags, 2.000 kg; but only reaches its cheap tier at 2.500 kg.
    bid(tender, suppliers["makmur"], tiers=((0, 9400), (2500, 8000)), pack=25, delivery=3)
    # A minimum order of 3.000 kg: buys more than needed.
    bid(tender, suppliers["jaya"], tiers=((0, 9000),), pack=100, minimum=3000)
    tender = past_deadline(tender)
    client = signed_in(board)
    page = client.get(f"/k/{coop.slug}/tender/{tender.pk}/perbandingan/").content.decode()
    rows = [(q.bid.supplier.name, q.packs, q.quantity, q.unit_price, q.total, q.rank)
            for q in _quotes(coop, board, tender)]
    assert rows == [
        ("PT Kedelai Nusantara", 40, D(2000), D(9300), D(18_600_000), 1),
        ("CV Tani Makmur", 80, D(2000), D(9400), D(18_800_000), 2),
        ("UD Jaya Abadi", 30, D(3000), D(9000), D(27_000_000), 3),
    ]
    assert page.index("PT Kedelai Nusantara") < page.index("CV Tani Makmur") < page.index(
        "UD Jaya Abadi")
    assert "Rp18.600.000" in page and "Tempo 30 hari" in page


def _quotes(coop, user, tender):
    from guyub.core.tenancy import resolve_access
    from guyub.purchasing import tender_selectors

    with scope(cooperative=coop):
        return tender_selectors.comparison(resolve_access(user, coop.slug), tender)


def test_award_waits_for_the_deadline_and_needs_a_reason(coop, board, tender, suppliers):
    placed = bid(tender, suppliers["nusantara"])
    with scope(cooperative=coop), pytest.raises(DomainError, match="setelah batas"):
        tenders.award(bid=placed, reason="Termurah", actor=board)
    past_deadline(tender)
    with scope(cooperative=coop), pytest.raises(DomainError, match="alasan"):
        tenders.award(bid=fresh(placed), reason="  ", actor=board)
    client = signed_in(board)
    url = f"/k/{coop.slug}/tender/{tender.pk}/pemenang/"
    page = client.post(url, {"bid": placed.pk, "reason": ""})
    assert page.status_code == 200 and "tidak boleh kosong" in page.content.decode()
    page = client.post(url, {"bid": "999999", "reason": "Termurah"})
    assert page.status_code == 200 and "Pilih salah satu penawaran" in page.content.decode()
    page = client.post(url, {"bid": "abc", "reason": "Termurah"})
    assert page.status_code == 200
    assert fresh(tender).status == "open"


def test_the_award_makes_a_price_list_a_round_can_use(coop, board, tender, suppliers):
    winner = bid(tender, suppliers["nusantara"], tiers=((0, 9800), (150, 9300)), minimum=100)
    loser = bid(tender, suppliers["makmur"], tiers=((0, 9900),))
    past_deadline(tender)
    response = signed_in(board).post(f"/k/{coop.slug}/tender/{tender.pk}/pemenang/",
                                     {"bid": winner.pk, "reason": "Termurah, kirim tepat"})
    assert response.status_code == 302
    tender, winner, loser = fresh(tender), fresh(winner), fresh(loser)
    assert (tender.status, tender.award_reason) == ("awarded", "Termurah, kirim tepat")
    assert (winner.status, loser.status) == ("awarded", "lost")
    with scope(cooperative=coop):
        price_list = PriceList.objects.get(tender_bid=winner)
        assert (price_list.supplier, price_list.item) == (suppliers["nusantara"], tender.item)
        assert (price_list.pack_size, price_list.min_order_qty) == (D(50), D(100))
        assert price_list.tier_table() == [(D(0), D(9800)), (D(150), D(9300))]
        # A round buys on it: 3 sacks reach the 150 kg tier.
        now = timezone.now()
        round_ = Round.objects.create(cooperative=coop, title="Kedelai Desember",
                                      opens_at=now - HOUR, closes_at=now + 24 * HOUR,
                                      pickup_place="Gudang koperasi",
                                      pickup_date=timezone.localdate())
        item = RoundItem.objects.create(cooperative=coop, round=round_, price_list=price_list)
        for quantity in (D(90), D(60)):
            rounds.set_commitment(round_item=item, member=MemberFactory(cooperative=coop),
                                  quantity=quantity)
        rounds.close_round(round_=round_, actor=board)
        item.refresh_from_db()
    assert (item.packs, item.ordered_qty, item.unit_price) == (3, D(150), D(9300))
    with scope(cooperative=coop), pytest.raises(DomainError):
        tenders.award(bid=loser, reason="Berubah pikiran", actor=board)


def test_losing_bidders_see_the_result_and_the_winning_price(coop, board, tender, suppliers):
    winner = bid(tender, suppliers["nusantara"], tiers=((0, 9300),))
    bid(tender, suppliers["makmur"], tiers=((0, 9950),))
    past_deadline(tender)
    with scope(cooperative=coop):
        tenders.award(bid=fresh(winner), reason="Harga terendah", actor=board)
    loser = signed_in(suppliers["makmur"].user)
    page = loser.get(f"/k/{coop.slug}/saya/tender/{tender.pk}/").content.decode()
    assert "tidak menang" in page and "PT Kedelai Nusantara" in page
    assert "Rp9.300" in page and "Harga terendah" in page
    listed = loser.get(f"/k/{coop.slug}/saya/tender/").content.decode()
    assert "Harga pemenang: Rp9.300" in listed
    won = signed_in(suppliers["nusantara"].user).get(
        f"/k/{coop.slug}/saya/tender/{tender.pk}/").content.decode()
    assert "penawaran Anda menang" in won
    # The same through the API, for a supplier's own system.
    data = api(token_client(coop, suppliers["makmur"].user), "get",
               f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}").json()
    assert data["status"] == "awarded"
    assert data["award"]["supplier"] == "PT Kedelai Nusantara"
    assert D(data["award"]["unit_price"]) == D(9300)
    assert data["invited"] is None  # who else was invited is the officers' business


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
    assert tenders.close_due_tenders() == []
    past_deadline(tender)
    assert [t.pk for t in tenders.close_due_tenders()] == [tender.pk]
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
