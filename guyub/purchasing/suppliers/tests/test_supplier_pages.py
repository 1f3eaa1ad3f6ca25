"""The supplier, item and price list pages: every form refuses wrong input in
Indonesian and saves nothing; a price list a round uses is never changed."""

from decimal import Decimal as D

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.roles import Role
from guyub.purchasing.models import (
    Item,
    PriceList,
    Supplier,
)
from guyub.testing.purchase_pages import (
    flashed,
    page,
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
