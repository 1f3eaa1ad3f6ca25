"""The round pages: staff open and close rounds, each role gets what the table says,
and members commit, lower and raise their quantities through the page (htmx
refreshes the item's card and the page's total estimate)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.roles import Role
from guyub.purchasing.models import (
    Commitment,
    PriceList,
    Round,
)
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_pages import (
    close_and_receive,
    commit,
    flashed,
    local,
    member_with_login,
    page,
    signed_in,
    snapshot,
    soy_round,
    url,
)
from guyub.testing.purchasing import supplier_offer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_pdf_layout(monkeypatch):
    # The pages are tested here; the documents themselves in test_pdfs.py.
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **kw: b"%PDF-1.7 uji")


# --- opening and closing a round ---------------------------------------------------------


def round_data(offers, **changes) -> dict:
    now = timezone.now()
    return {"title": "Kedelai Maret", "opens_at": local(now),
            "closes_at": local(now + dt.timedelta(days=2)), "pickup_place": "Gudang koperasi",
            "pickup_date": (timezone.localdate() + dt.timedelta(days=4)).isoformat(),
            "transport_cost": "150.000", "handling_cost": "", "fee_pct": "2",
            "cost_basis": "weight", "price_lists": [p.pk for p in offers], **changes}


def test_staff_open_a_round_on_valid_price_lists(board_client, coop, board):
    with scope(cooperative=coop):
        prices = supplier_offer(coop, board, retail="12500")
    response = board_client.post(url("round_create", coop), round_data([prices]))
    with scope(cooperative=coop):
        round_ = Round.objects.get()
        item = round_.items.get()
    assert response.status_code == 302
    assert response["Location"] == url("round", coop, round_.pk)
    assert (round_.status, round_.transport_cost, round_.handling_cost) == ("open", 150000, 0)
    assert (item.price_list, item.retail_price) == (prices, 12500)
    assert round_.is_open


def test_the_open_round_form_offers_the_valid_price_lists(board_client, coop, board):
    with scope(cooperative=coop):
        supplier_offer(coop, board)
        old = supplier_offer(coop, board, name="CV Lama", item="Gula")
        PriceList.objects.filter(pk=old.pk).update(valid_until=dt.date(2020, 1, 1))
    html = page(board_client.get(url("round_create", coop)))
    assert "Kedelai impor — PT Kedelai Nusantara" in html
    assert "CV Lama" not in html


@pytest.mark.parametrize("changes, error", [
    ({"closes_at": "OPENS_MINUS_HOUR"}, "Waktu tutup harus sesudah waktu buka."),
    ({"opens_at": "PAST2", "closes_at": "PAST1"}, "Waktu tutup sudah lewat."),
    ({"pickup_date": "YESTERDAY"}, "Tanggal pengambilan tidak boleh sebelum"),
    ({"pickup_date": "FAR"}, "tidak berlaku pada tanggal pengambilan"),
    ({"price_lists": []}, "Pilih paling sedikit satu barang."),
    ({"price_lists": "TWO_FOR_ONE_ITEM"}, "Satu barang hanya boleh punya satu pemasok"),
    ({"title": ""}, "Bidang ini tidak boleh kosong"),
    ({"closes_at": "besok"}, "Masukkan tanggal/waktu yang valid"),
    ({"fee_pct": "150"}, "Paling banyak 100%."),
    ({"transport_cost": "seratus"}, "Tulis jumlah rupiah dengan angka, misalnya 90.000."),
    ({"price_lists": ["999999"]}, "Masukkan pilihan yang valid"),
])
def test_a_wrong_round_is_refused_in_indonesian(board_client, coop, board, changes, error):
    with scope(cooperative=coop):
        prices = supplier_offer(coop, board)
        PriceList.objects.filter(pk=prices.pk).update(
            valid_until=timezone.localdate() + dt.timedelta(days=30))
        rival = PriceList.objects.create(cooperative=coop, supplier=prices.supplier,
                                         item=prices.item, pack_size=D(25),
                                         valid_from=dt.date(2026, 1, 1))
        rival.tiers.create(cooperative=coop, from_qty=0, unit_price=D(9900))
    now, today = timezone.now(), timezone.localdate()
    special = {"OPENS_MINUS_HOUR": local(now - dt.timedelta(hours=1)),
               "PAST2": local(now - dt.timedelta(hours=2)),
               "PAST1": local(now - dt.timedelta(hours=1)),
               "YESTERDAY": (today - dt.timedelta(days=1)).isoformat(),
               "FAR": (today + dt.timedelta(days=60)).isoformat(),
               "TWO_FOR_ONE_ITEM": [prices.pk, rival.pk]}
    changes = {k: special.get(v, v) if isinstance(v, str) else v for k, v in changes.items()}
    before = snapshot(coop)
    response = board_client.post(url("round_create", coop), round_data([prices], **changes))
    assert error in page(response)
    assert snapshot(coop) == before


def test_a_member_cannot_close_a_round_but_staff_can(coop, board, make_user):
    round_, item = soy_round(coop, board)
    _member, member_client = member_with_login(coop, make_user)
    for role, client in [(Role.MEMBER, member_client),
                         (Role.SUPERVISOR, signed_in(make_user(coop, Role.SUPERVISOR))),
                         (Role.SUPPLIER, signed_in(make_user(coop, Role.SUPPLIER)))]:
        assert client.post(url("round_close", coop, round_.pk)).status_code == 403, role
    with scopes_disabled():
        assert Round.objects.get(pk=round_.pk).status == "open"
    staff = signed_in(make_user(coop, Role.STAFF))
    response = staff.post(url("round_close", coop, round_.pk))
    assert "ditutup" in flashed(response)[0]
    with scopes_disabled():
        assert Round.objects.get(pk=round_.pk).status == "closed"
    again = staff.post(url("round_close", coop, round_.pk))
    assert flashed(again)[-1] == "Pembelian bersama ini sudah ditutup."


def test_pages_of_another_cooperative_are_404(coop, other_coop, board, make_user):
    round_, item = soy_round(coop, board)
    stranger = signed_in(make_user(other_coop, *Role.values))
    member = MemberFactory(cooperative=coop)
    for name, args in [("round", [round_.pk]), ("my_round", [round_.pk]),
                       ("round_savings", [round_.pk]), ("rounds", []),
                       ("invoice_pdf", [round_.pk, member.pk]),
                       ("po_pdf", [round_.pk, item.price_list.supplier_id])]:
        assert stranger.get(url(name, coop, *args)).status_code == 404, name
    response = stranger.post(url("commit", coop, round_.pk, item.pk), {"quantity": "10"})
    assert response.status_code == 404
    with scopes_disabled():
        assert not Commitment.objects.exists()
    # Nor does the other cooperative's address reach this round.
    assert stranger.get(url("round", other_coop, round_.pk)).status_code == 404


def test_a_buyer_sees_no_purchasing_at_all(coop, board, make_user):
    round_, _item = soy_round(coop, board)
    buyer = signed_in(make_user(coop, Role.BUYER))
    for name, args in [("rounds", []), ("round", [round_.pk]), ("my_rounds", []),
                       ("suppliers", []), ("supplier_portal", [])]:
        assert buyer.get(url(name, coop, *args)).status_code == 403, name


# --- members commit through the page -----------------------------------------------------


def queue_rows(item, member) -> list[tuple]:
    with scopes_disabled():
        return [(r.quantity, r.tolerance) for r in
                Commitment.objects.filter(round_item=item, member=member).order_by("id")]


def test_a_member_commits_lowers_and_raises_through_the_page(coop, board, make_user):
    round_, item = soy_round(coop, board)
    early = MemberFactory(cooperative=coop)
    member, client = member_with_login(coop, make_user)
    commit(item, early, 20)
    target = url("commit", coop, round_.pk, item.pk)

    response = client.post(target, {"quantity": "60", "tolerance": "10"})
    assert response.status_code == 302
    assert flashed(response) == ["Pesanan Kedelai impor disimpan."]
    # Lowering trims the newest row, raising adds one at the back of the queue.
    client.post(target, {"quantity": "40", "tolerance": "10"})
    assert queue_rows(item, member) == [(40, 10)]
    client.post(target, {"quantity": "55", "tolerance": "5"})
    assert queue_rows(item, member) == [(40, 5), (15, 0)]
    with scopes_disabled():
        queue = list(Commitment.objects.filter(round_item=item).order_by("created_at", "id")
                     .values_list("member_id", "quantity"))
    assert queue == [(early.pk, 20), (member.pk, 40), (member.pk, 15)]
    html = page(client.get(url("my_round", coop, round_.pk)))
    assert 'value="55"' in html and 'value="5"' in html


def test_htmx_gets_the_refreshed_card_with_the_members_estimate(coop, board, make_user):
    round_, item = soy_round(coop, board)
    other = MemberFactory(cooperative=coop)
    commit(item, other, 90)
    _member, client = member_with_login(coop, make_user)
    response = client.post(url("commit", coop, round_.pk, item.pk),
                           {"quantity": "70", "tolerance": ""}, HTTP_HX_REQUEST="true")
    html = page(response)
    assert html.lstrip().startswith(f'<article class="card buy-card" id="item-{item.pk}">')
    assert "<html" not in html
    assert "Tersimpan." in html
    # 160 kg: three sacks if it closed now (150 kg), the Rp9.500 tier; 40 kg more to
    # fill the fourth sack; 150 kg more for Rp9.000 (from 300 kg).
    assert "160 kg" in html and "Rp9.500/kg" in html
    assert "Kurang <strong>40 kg</strong> untuk memenuhi kemasan terakhir" in html
    assert "Kurang <strong>150 kg</strong> lagi untuk harga Rp9.000/kg" in html
    assert 'aria-valuenow="20"' in html          # 10 kg of the last 50 kg sack
    # Closed now, the three sacks go to the other member's 90 kg first, then 60 of
    # hers: 60 kg × Rp9.500 = Rp570.000, plus the 2% fee Rp11.400.
    assert "Rp581.400" in html and "bila ditutup sekarang Anda mendapat 60 kg" in html


@pytest.mark.parametrize("data, error", [
    ({"quantity": "abc"}, "Masukkan angka"),
    ({"quantity": ""}, "Bidang ini tidak boleh kosong"),
    ({"quantity": "-5"}, "Tidak boleh negatif"),
    ({"quantity": "1,2345"}, "Paling banyak tiga angka di belakang koma"),
    ({"quantity": "10", "tolerance": "banyak"}, "Masukkan angka"),
])
def test_a_wrong_commitment_is_refused_in_the_card(coop, board, make_user, data, error):
    round_, item = soy_round(coop, board)
    member, client = member_with_login(coop, make_user)
    response = client.post(url("commit", coop, round_.pk, item.pk), data,
                           HTTP_HX_REQUEST="true")
    html = page(response)
    assert error in html and "Tersimpan." not in html
    assert queue_rows(item, member) == []
    # Without htmx the same refusal comes back as a message on the round's page.
    plain = client.post(url("commit", coop, round_.pk, item.pk), data)
    assert plain.status_code == 302 and error in flashed(plain)[0]


def test_a_decimal_comma_is_understood(coop, board, make_user):
    round_, item = soy_round(coop, board)
    member, client = member_with_login(coop, make_user)
    client.post(url("commit", coop, round_.pk, item.pk), {"quantity": "12,5"})
    assert queue_rows(item, member) == [(D("12.5"), 0)]


def test_a_closed_round_refuses_commitments_and_shows_the_final_bill(coop, board, make_user):
    round_, item = soy_round(coop, board)
    member, client = member_with_login(coop, make_user)
    commit(item, member, 100)
    close_and_receive(round_, board)
    response = client.post(url("commit", coop, round_.pk, item.pk), {"quantity": "150"})
    assert flashed(response) == ["Kedelai impor: Pembelian bersama ini tidak sedang dibuka."]
    assert queue_rows(item, member) == [(100, 0)]
    html = page(client.get(url("my_round", coop, round_.pk)))
    assert "Tagihan Anda" in html and "Ikut pesan" not in html
    # 100 kg at the base price Rp10.000 (100 kg < 150 kg) plus the 2% fee.
    assert "Rp1.020.000" in html


def test_a_person_without_a_member_record_gets_404(coop, board, make_user):
    round_, _item = soy_round(coop, board)
    client = signed_in(make_user(coop, Role.MEMBER))  # the role, but no member record
    assert client.get(url("my_round", coop, round_.pk)).status_code == 404


def test_the_share_link_is_a_whatsapp_link_with_the_round_address(coop, board, make_user):
    round_, _item = soy_round(coop, board)
    _member, client = member_with_login(coop, make_user)
    html = page(client.get(url("my_round", coop, round_.pk)))
    address = f"http%3A%2F%2Ftestserver%2Fk%2F{coop.slug}%2Fsaya%2Fpembelian%2F{round_.pk}%2F"
    assert 'href="https://wa.me/?text=Ayo%20ikut%20pembelian%20bersama' in html
    assert address in html


def test_the_open_rounds_list_shows_what_the_member_ordered(coop, board, make_user):
    round_, item = soy_round(coop, board)
    member, client = member_with_login(coop, make_user)
    commit(item, member, 30)
    html = page(client.get(url("my_rounds", coop)))
    assert round_.title in html and "<strong>30 kg</strong> Kedelai impor" in html


def test_the_pages_total_estimate_follows_the_saved_card(coop, board, make_user):
    round_, item = soy_round(coop, board)
    _member, client = member_with_login(coop, make_user)
    html = page(client.get(url("my_round", coop, round_.pk)))
    assert 'id="estimate-total" hidden' in html
    response = client.post(url("commit", coop, round_.pk, item.pk), {"quantity": "10"},
                           HTTP_HX_REQUEST="true")
    html = page(response)
    # 10 kg × Rp10.000 + 2% fee, swapped into the page's summary out of band.
    assert 'id="estimate-total" hx-swap-oob="true">' in html and "Rp102.000" in html
