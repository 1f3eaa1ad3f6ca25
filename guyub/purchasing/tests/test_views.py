"""The collective purchasing pages: every form refuses wrong input in Indonesian and
saves nothing, each role gets what the table says, and members commit, lower and raise
their quantities through the page (htmx refreshes the item's card)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.roles import Role
from guyub.ledger.selectors import trial_balance
from guyub.members.simpanan import services as simpanan
from guyub.purchasing import services
from guyub.purchasing.models import (
    Commitment,
    Item,
    PriceList,
    Round,
    RoundPayment,
    Share,
    Supplier,
    SupplierPayment,
)
from guyub.testing.factories import MemberFactory
from guyub.testing.purchasing import supplier_offer

from .page_helpers import (
    close_and_receive,
    commit,
    flashed,
    member_with_login,
    signed_in,
    snapshot,
    soy_round,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_pdf_layout(monkeypatch):
    # The pages are tested here; the documents themselves in test_pdfs.py.
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **kw: b"%PDF-1.7 uji")


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- suppliers, items, price lists -------------------------------------------------------


def test_a_supplier_is_saved_with_its_portal_login(board_client, coop, make_user):
    login = make_user(coop, Role.SUPPLIER)
    response = board_client.post(url("supplier_create", coop), {
        "name": "  CV   Sumber Kemasan ", "user": login.pk, "phone": "081234567890"})
    with scope(cooperative=coop):
        supplier = Supplier.objects.get()
    assert response.status_code == 302
    assert (supplier.name, supplier.user) == ("CV Sumber Kemasan", login)


@pytest.mark.parametrize("data, error", [
    ({"name": ""}, "Bidang ini tidak boleh kosong"),
    ({"name": "PT Kedelai Nusantara"}, "Pemasok dengan nama ini sudah ada."),
    ({"name": "CV Baru", "email": "bukan-email"}, "alamat email yang valid"),
    ({"name": "CV Baru", "user": "ANGGOTA"}, "Masukkan pilihan yang valid"),
])
def test_a_wrong_supplier_form_is_refused_in_indonesian(board_client, coop, board, make_user,
                                                        data, error):
    with scope(cooperative=coop):
        supplier_offer(coop, board)
    if data.get("user") == "ANGGOTA":  # a login without the supplier role
        data = {**data, "user": make_user(coop, Role.MEMBER).pk}
    before = snapshot(coop)
    response = board_client.post(url("supplier_create", coop), data)
    assert error in page(response)
    assert snapshot(coop) == before


def test_one_login_serves_one_supplier(board_client, coop, make_user):
    login = make_user(coop, Role.SUPPLIER)
    with scopes_disabled():
        Supplier.objects.create(cooperative=coop, name="CV Lama", user=login)
    response = board_client.post(url("supplier_create", coop), {"name": "CV Baru",
                                                                 "user": login.pk})
    assert "sudah terhubung ke pemasok lain" in page(response)


def test_a_supplier_with_price_lists_is_not_deleted(board_client, coop, board):
    with scope(cooperative=coop):
        supplier = supplier_offer(coop, board).supplier
    response = board_client.post(url("supplier_delete", coop, supplier.pk))
    assert response.status_code == 302
    assert "tidak dapat dihapus" in flashed(response)[0]
    with scope(cooperative=coop):
        assert Supplier.objects.filter(pk=supplier.pk).exists()


@pytest.mark.parametrize("price, error", [
    ("", "Bidang ini tidak boleh kosong"),
    ("abc", "Tulis jumlah rupiah dengan angka, misalnya 90.000."),
    ("-5000", "Jumlah tidak boleh negatif."),
])
def test_a_wrong_item_is_refused(board_client, coop, price, error):
    response = board_client.post(url("item_create", coop), {
        "name": "Gula aren", "unit": "kg", "retail_reference_price": price})
    assert error in page(response)
    with scope(cooperative=coop):
        assert not Item.objects.exists()


def test_an_item_keeps_its_retail_reference_typed_the_indonesian_way(board_client, coop):
    response = board_client.post(url("item_create", coop), {
        "name": "Gula aren", "unit": "kg", "retail_reference_price": "Rp30.000"})
    assert response.status_code == 302
    with scope(cooperative=coop):
        assert Item.objects.get().retail_reference_price == 30000


def price_list_data(the_item, *tiers, **changes) -> dict:
    data = {"item": the_item.pk, "pack_size": "50", "min_order_qty": "100",
            "valid_from": "2026-01-01", "valid_until": "2026-12-31",
            "tier-TOTAL_FORMS": "4", "tier-INITIAL_FORMS": "0",
            "tier-MIN_NUM_FORMS": "0", "tier-MAX_NUM_FORMS": "10"}
    for i, (from_qty, price) in enumerate(tiers):
        data[f"tier-{i}-from_qty"], data[f"tier-{i}-unit_price"] = from_qty, price
    return {**data, **changes}


@pytest.fixture
def supplier_and_item(coop):
    with scopes_disabled():
        supplier = Supplier.objects.create(cooperative=coop, name="UD Tani Makmur")
        item = Item.objects.create(cooperative=coop, name="Kedelai", unit="kg",
                                   retail_reference_price=D(12000))
    return supplier, item


def test_a_price_list_is_saved_with_its_tiers(board_client, coop, supplier_and_item):
    supplier, item = supplier_and_item
    response = board_client.post(url("price_list_create", coop, supplier.pk), price_list_data(
        item, ("250", "9.500"), ("0", "10.000"), ("1000", "9000")))
    assert response.status_code == 302
    with scope(cooperative=coop):
        prices = PriceList.objects.get()
        assert prices.tier_table() == [(0, 10000), (250, 9500), (1000, 9000)]
        assert (prices.supplier, prices.pack_size, prices.min_order_qty) == (supplier, 50, 100)


@pytest.mark.parametrize("tiers, changes, error", [
    ([("0", "10000"), ("250", "10500")], {}, "Harga harus turun ketika jumlah naik"),
    ([("0", "10000"), ("250", "10000")], {}, "Harga harus turun ketika jumlah naik"),
    ([("100", "10000")], {}, "harus mulai dari jumlah 0"),
    ([("0", "10000"), ("0", "9000")], {}, "mulai dari jumlah yang sama"),
    ([], {}, "Isi paling sedikit satu harga"),
    ([("0", "10000"), ("50", "")], {}, "Isi jumlah dan harganya"),
    ([("0", "10000")], {"pack_size": "0"}, "Isi per kemasan harus lebih dari 0"),
    ([("0", "10000")], {"pack_size": "-5"}, "Tidak boleh negatif"),
    ([("0", "10000")], {"pack_size": "karung"}, "Masukkan angka"),
    ([("0", "10000")], {"valid_until": "2025-12-31"}, "tidak boleh sebelum tanggal mulai"),
    ([("0", "10000")], {"valid_from": "31-31-2026"}, "Masukkan tanggal yang valid"),
    ([("0", "10000")], {"item": ""}, "Bidang ini tidak boleh kosong"),
])
def test_a_wrong_price_list_is_refused_in_indonesian(board_client, coop, supplier_and_item,
                                                     tiers, changes, error):
    supplier, item = supplier_and_item
    before = snapshot(coop)
    response = board_client.post(url("price_list_create", coop, supplier.pk),
                                 price_list_data(item, *tiers, **changes))
    assert error in page(response)
    assert snapshot(coop) == before


def test_a_price_list_a_round_uses_cannot_be_changed(board_client, coop, board):
    round_, item = soy_round(coop, board)
    prices = item.price_list
    response = board_client.post(url("price_list_edit", coop, prices.pk), price_list_data(
        prices.item, ("0", "5000")))
    assert "sudah dipakai pembelian bersama" in page(response)
    with scope(cooperative=coop):
        assert PriceList.objects.get(pk=prices.pk).tier_table()[0] == (0, 10000)


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


def rows(item, member) -> list[tuple]:
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
    assert rows(item, member) == [(40, 10)]
    client.post(target, {"quantity": "55", "tolerance": "5"})
    assert rows(item, member) == [(40, 5), (15, 0)]
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
    assert rows(item, member) == []
    # Without htmx the same refusal comes back as a message on the round's page.
    plain = client.post(url("commit", coop, round_.pk, item.pk), data)
    assert plain.status_code == 302 and error in flashed(plain)[0]


def test_a_decimal_comma_is_understood(coop, board, make_user):
    round_, item = soy_round(coop, board)
    member, client = member_with_login(coop, make_user)
    client.post(url("commit", coop, round_.pk, item.pk), {"quantity": "12,5"})
    assert rows(item, member) == [(D("12.5"), 0)]


def test_a_closed_round_refuses_commitments_and_shows_the_final_bill(coop, board, make_user):
    round_, item = soy_round(coop, board)
    member, client = member_with_login(coop, make_user)
    commit(item, member, 100)
    close_and_receive(round_, board)
    response = client.post(url("commit", coop, round_.pk, item.pk), {"quantity": "150"})
    assert flashed(response) == ["Kedelai impor: Pembelian bersama ini tidak sedang dibuka."]
    assert rows(item, member) == [(100, 0)]
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


# --- after the close: receipt, pick-up, payment, supplier ----------------------------------


@pytest.fixture
def closed(coop, board):
    """Early 100 kg, late 40 kg + 10 kg tolerance: 150 kg, three sacks, Rp9.500/kg."""
    round_, item = soy_round(coop, board, transport_cost=D(30000))
    early, late = (MemberFactory(cooperative=coop, owner_name=n, phone=p) for n, p in
                   [("Bu Siti", "+6281200000001"), ("Pak Budi", "+6281200000002")])
    commit(item, early, 100)
    commit(item, late, 40, 10)
    with scope(cooperative=coop):
        services.close_round(round_=round_, actor=board)
        item.refresh_from_db()
    return round_, item, early, late


@pytest.mark.parametrize("data, error", [
    ({"received_qty": "140", "note": ""}, "Tuliskan keterangan kekurangan atau kerusakan."),
    ({"received_qty": "200", "note": ""}, "melebihi jumlah yang dipesan"),
    ({"received_qty": "seratus", "note": ""}, "Masukkan angka"),
    ({"received_qty": "", "note": "x"}, "Bidang ini tidak boleh kosong"),
])
def test_a_wrong_receipt_is_refused(board_client, coop, closed, data, error):
    round_, item, *_ = closed
    before = snapshot(coop)
    response = board_client.post(url("round_receive", coop, round_.pk), {
        "item": item.pk, **{f"i{item.pk}-{k}": v for k, v in data.items()}})
    assert error in page(response)
    assert snapshot(coop) == before


def test_a_shortfall_is_shared_out_and_the_members_to_tell_are_listed(board_client, coop,
                                                                      closed):
    round_, item, early, late = closed
    response = board_client.post(url("round_receive", coop, round_.pk), {
        "item": item.pk, f"i{item.pk}-received_qty": "140",
        f"i{item.pk}-note": "1 karung sobek, 10 kg rusak"})
    assert response.status_code == 302
    with scopes_disabled():
        shares = {s.member_id: s.quantity for s in Share.objects.filter(round_item=item)}
        assert Round.objects.get(pk=round_.pk).status == "received"
    assert shares == {early.pk: 100, late.pk: 40}  # the tolerance gave way
    html = page(board_client.get(url("round_receive", coop, round_.pk)))
    assert "Pak Budi" in html and "Bu Siti" not in html
    assert 'href="https://wa.me/6281200000002?text=' in html


def test_pick_up_is_ticked_per_share(board_client, coop, board, closed):
    round_, item, early, late = closed
    receive_all(round_, board)
    nothing = board_client.post(url("round_pickup", coop, round_.pk), {})
    assert flashed(nothing) == ["Centang paling sedikit satu barang yang diambil."]
    with scopes_disabled():
        siti = Share.objects.get(round_item=item, member=early)
        budi = Share.objects.get(round_item=item, member=late)
    board_client.post(url("round_pickup", coop, round_.pk), {"shares": [siti.pk]})
    with scopes_disabled():
        assert Round.objects.get(pk=round_.pk).status == "received"
    twice = board_client.post(url("round_pickup", coop, round_.pk), {"shares": [siti.pk]})
    assert "sudah diambil atau bukan dari pembelian ini" in flashed(twice)[-1]
    board_client.post(url("round_pickup", coop, round_.pk), {"shares": [budi.pk]})
    with scopes_disabled():
        assert Round.objects.get(pk=round_.pk).status == "distributed"
        assert Share.objects.filter(picked_up_at__isnull=True).count() == 0


def receive_all(round_, board):
    with scope(cooperative=round_.cooperative):
        for item in round_.items.all():
            services.receive_goods(round_item=item, received_qty=item.ordered_qty, actor=board)


def test_a_supervisor_sees_the_pick_up_list_but_cannot_tick(coop, board, make_user, closed):
    round_, item, *_ = closed
    receive_all(round_, board)
    supervisor = signed_in(make_user(coop, Role.SUPERVISOR))
    html = page(supervisor.get(url("round_pickup", coop, round_.pk)))
    assert 'name="shares"' not in html
    with scopes_disabled():
        share = Share.objects.filter(round_item=item).first()
    response = supervisor.post(url("round_pickup", coop, round_.pk), {"shares": [share.pk]})
    assert response.status_code == 403


def test_paying_from_too_little_sukarela_is_refused_in_indonesian(board_client, coop, board,
                                                                  closed):
    round_, _item, early, late = closed
    receive_all(round_, board)
    with scope(cooperative=coop):
        simpanan.deposit_sukarela(member=early, actor=board, date=timezone.localdate(),
                                  amount=D(50000))
    before = snapshot(coop)
    response = board_client.post(url("round_pay", coop, round_.pk),
                                 {"member": early.pk, "method": "sukarela"})
    assert response.status_code == 302
    message = flashed(response)[0]
    assert message.startswith("Bu Siti: Saldo simpanan sukarela tidak cukup: saldo Rp50.000")
    assert snapshot(coop) == before


def test_paying_cash_settles_the_bill_and_posts_it(board_client, coop, board, closed):
    round_, _item, early, _late = closed
    receive_all(round_, board)
    response = board_client.post(url("round_pay", coop, round_.pk),
                                 {"member": early.pk, "method": "cash"})
    assert flashed(response) == ["Pembayaran Bu Siti dicatat."]
    with scopes_disabled():
        payment = RoundPayment.objects.get()
    # 100 kg × Rp9.500 + 2/3 of Rp30.000 transport + 2% fee on the goods.
    assert payment.amount == 950000 + 20000 + 19000
    html = page(board_client.get(url("round_invoices", coop, round_.pk)))
    assert "Lunas" in html
    again = board_client.post(url("round_pay", coop, round_.pk),
                              {"member": early.pk, "method": "cash"})
    assert "Tidak ada tagihan yang belum dibayar." in flashed(again)[0]


@pytest.mark.parametrize("data, error", [
    ({"method": "hutang"}, "Masukkan pilihan yang valid"),
    ({"method": ""}, "Bidang ini tidak boleh kosong"),
    ({"member": "abc", "method": "cash"}, "Masukkan bilangan bulat, tanpa koma"),
])
def test_a_wrong_payment_form_is_refused(board_client, coop, board, closed, data, error):
    round_, _item, early, _late = closed
    receive_all(round_, board)
    before = snapshot(coop)
    response = board_client.post(url("round_pay", coop, round_.pk),
                                 {"member": early.pk, **data})
    assert error in " ".join(flashed(response))
    assert snapshot(coop) == before


def test_payment_before_the_goods_are_in_is_refused(board_client, coop, closed):
    round_, _item, early, _late = closed
    response = board_client.post(url("round_pay", coop, round_.pk),
                                 {"member": early.pk, "method": "cash"})
    assert flashed(response) == ["Bu Siti: Tagihan dibuat setelah barang diterima."]


def test_the_supplier_is_paid_from_the_bank_and_never_beyond_the_debt(board_client, coop,
                                                                      board, closed):
    round_, item, *_ = closed
    receive_all(round_, board)
    target = url("supplier_payments", coop, round_.pk)
    supplier = str(item.price_list.supplier_id)
    for data, error in [
        ({"payee": supplier, "amount": "2.000.000", "method": "bank"}, "melebihi sisa utang"),
        ({"payee": supplier, "amount": "0", "method": "bank"}, "Jumlah paling sedikit Rp1."),
        ({"payee": supplier, "amount": "lunas", "method": "bank"},
         "Tulis jumlah rupiah dengan angka"),
        ({"payee": "999", "amount": "1000", "method": "bank"}, "Masukkan pilihan yang valid"),
        ({"payee": supplier, "amount": "1000", "method": "cek"}, "Masukkan pilihan yang valid"),
    ]:
        before = snapshot(coop)
        assert error in page(board_client.post(target, data)), data
        assert snapshot(coop) == before
    # Owed: 150 kg × Rp9.500 = Rp1.425.000; paid in two parts.
    board_client.post(target, {"payee": supplier, "amount": "1.000.000", "method": "bank",
                               "reference": "TRF 0042"})
    board_client.post(target, {"payee": supplier, "amount": "425000", "method": "cash"})
    board_client.post(target, {"payee": "costs", "amount": "30000", "method": "cash"})
    with scopes_disabled():
        payments = list(SupplierPayment.objects.order_by("id"))
    assert [p.amount for p in payments] == [1000000, 425000, 30000]
    assert payments[0].reference == "TRF 0042" and payments[2].supplier is None
    with scope(cooperative=coop):
        balances = {r.account.role: r.balance for r in trial_balance(as_of=timezone.localdate())
                    if r.account.role}
    assert balances.get("payable_suppliers", 0) == 0
    html = page(board_client.get(target))
    assert "Catat pembayaran" not in html  # nothing left to pay


def test_staff_cannot_pay_a_supplier_before_the_goods_are_in(board_client, coop, closed):
    round_, item, *_ = closed
    html = page(board_client.get(url("supplier_payments", coop, round_.pk)))
    assert "pemasok dibayar setelah barang diterima" in html


def test_a_tampered_receipt_item_is_404_not_an_error(board_client, coop, closed):
    round_, item, *_ = closed
    for tampered in ("abc", "", "999999"):
        response = board_client.post(url("round_receive", coop, round_.pk), {
            "item": tampered, f"i{item.pk}-received_qty": "150"})
        assert response.status_code == 404, tampered
    with scopes_disabled():
        assert Round.objects.get(pk=round_.pk).status == "closed"


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
