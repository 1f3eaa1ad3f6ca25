"""Cart and checkout in the storefront: minimum quantities and stock with clear
messages, guests and buyer accounts, wholesale prices for business buyers, all or
nothing written, and the order page that opens only with its key."""

from decimal import Decimal

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from guyub.catalog.models import Product
from guyub.core.roles import Role
from guyub.sales.models import Buyer, FulfilmentLine, Order
from guyub.sales.tests.store_helpers import bundle, product, put_in_cart, reload, tiers
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

GUEST = {"name": "Rina Wulandari", "email": "rina@contoh.id", "phone": "0812-2233-4455",
         "country": "ID", "province": "34", "city": "Kota Yogyakarta",
         "address": "Jl. Prawirotaman 12"}


@pytest.fixture
def shelf(coop):
    kopi_maker = MemberFactory(cooperative=coop, owner_name="Bambang Suryo",
                               business_name="Kopi Turgo")
    batik_maker = MemberFactory(cooperative=coop, owner_name="Siti Rahayu",
                                business_name="Batik Sekar")
    kopi = product(coop, "Kopi Arabika Merapi", member=kopi_maker, price=55_000, stock=10)
    batik = product(coop, "Kain Batik Tulis", member=batik_maker, price=350_000, stock=2)
    keripik = product(coop, "Keripik Tempe", price=15_000, stock=100, min_order_qty=10,
                      unit=Product.Unit.PACK)
    hamper = bundle(coop, "Hampers Jogja", 420_000, [(kopi, 2, 100_000), (batik, 1, 320_000)])
    return {"kopi": kopi, "batik": batik, "keripik": keripik, "hamper": hamper}


def add(client, kind, item, quantity, follow=True):
    return client.post("/toko/maju/keranjang/tambah/",
                       {"kind": kind, "id": item.pk, "quantity": quantity}, follow=follow)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def cart_of(client, coop) -> dict:
    return client.session.get(f"cart:{coop.pk}", {})


def counts():
    with scopes_disabled():
        return (Order.objects.count(), Buyer.objects.count(), FulfilmentLine.objects.count())


# --- the cart -----------------------------------------------------------------------------


def test_a_product_goes_into_the_cart(client, coop, shelf):
    response = add(client, "product", shelf["kopi"], 2)
    assert "Kopi Arabika Merapi masuk keranjang." in messages_of(response)
    assert cart_of(client, coop) == {f"product:{shelf['kopi'].pk}": 2}
    html = response.content.decode()
    assert "Rp110.000" in html and 'id="cart-count">1<' in html


def test_less_than_the_minimum_order_is_refused_with_the_minimum_named(client, coop, shelf):
    response = add(client, "product", shelf["keripik"], 4)
    assert messages_of(response) == ["Minimal pembelian Keripik Tempe adalah 10 pak."]
    assert cart_of(client, coop) == {}


def test_more_than_the_stock_is_refused_with_what_is_left(client, coop, shelf):
    response = add(client, "product", shelf["batik"], 3)
    assert messages_of(response) == ["Stok Kain Batik Tulis tinggal 2 buah."]
    add(client, "product", shelf["batik"], 2)
    response = add(client, "product", shelf["batik"], 1)  # 3 in all
    assert messages_of(response) == ["Stok Kain Batik Tulis tinggal 2 buah."]
    assert cart_of(client, coop) == {f"product:{shelf['batik'].pk}": 2}


def test_a_bundle_and_its_components_share_the_stock(client, coop, shelf):
    add(client, "product", shelf["batik"], 2)
    response = add(client, "bundle", shelf["hamper"], 1)  # needs a third batik
    assert messages_of(response) == [
        "Stok Kain Batik Tulis (isi paket ini) tidak cukup untuk semua isi keranjang; "
        "kurangi jumlahnya."]
    assert f"bundle:{shelf['hamper'].pk}" not in cart_of(client, coop)


def test_the_cart_page_marks_a_line_whose_stock_ran_out_and_offers_no_checkout(
        client, coop, shelf):
    add(client, "product", shelf["batik"], 2)
    with scope(cooperative=coop):
        Product.objects.filter(pk=shelf["batik"].pk).update(stock=1)
    html = client.get("/toko/maju/keranjang/").content.decode()
    assert "Stok Kain Batik Tulis tinggal 1 buah." in html
    assert "/toko/maju/pesan/" not in html


def test_quantities_are_changed_and_lines_removed_on_the_cart_page(client, coop, shelf):
    add(client, "product", shelf["kopi"], 1)
    add(client, "bundle", shelf["hamper"], 1)
    kopi, hamper = f"product:{shelf['kopi'].pk}", f"bundle:{shelf['hamper'].pk}"
    client.post("/toko/maju/keranjang/", {f"qty-{kopi}": "3", f"qty-{hamper}": "1"})
    assert cart_of(client, coop) == {kopi: 3, hamper: 1}
    client.post("/toko/maju/keranjang/", {f"qty-{kopi}": "3", f"qty-{hamper}": "1",
                                          "remove": hamper})
    assert cart_of(client, coop) == {kopi: 3}


def test_a_product_no_longer_on_sale_leaves_the_cart_with_a_notice(client, coop, shelf):
    add(client, "product", shelf["kopi"], 1)
    with scope(cooperative=coop):
        Product.objects.filter(pk=shelf["kopi"].pk).update(status=Product.Status.SUBMITTED)
    response = client.get("/toko/maju/keranjang/")
    assert any("tidak tersedia lagi" in m for m in messages_of(response))
    assert cart_of(client, coop) == {}


def test_a_cart_belongs_to_one_cooperative(client, coop, other_coop, shelf):
    add(client, "product", shelf["kopi"], 1)
    html = client.get("/toko/lain/keranjang/").content.decode()
    assert "Keranjang masih kosong." in html
    # Another cooperative's product id does not exist here.
    response = client.post("/toko/lain/keranjang/tambah/",
                           {"kind": "product", "id": shelf["kopi"].pk, "quantity": 1},
                           follow=True)
    assert messages_of(response) == ["Barang ini tidak tersedia lagi."]


# --- checkout -----------------------------------------------------------------------------


def test_a_guest_orders_and_lands_on_the_order_page(client, coop, shelf):
    add(client, "product", shelf["kopi"], 1)
    add(client, "bundle", shelf["hamper"], 1)
    response = client.post("/toko/maju/pesan/", GUEST)
    assert response.status_code == 302
    with scope(cooperative=coop):
        order = Order.objects.get()
    assert response["Location"] == f"/toko/maju/pesanan/{order.access_key}/"
    assert order.total == Decimal("475000") and order.buyer.phone == "+6281222334455"
    assert order.buyer.user is None and order.city == "Kota Yogyakarta"
    assert reload(Product, shelf["kopi"]).stock == 7
    assert reload(Product, shelf["batik"]).stock == 1
    assert cart_of(client, coop) == {}
    html = client.get(response["Location"]).content.decode()
    assert order.display_number in html and "Rp475.000" in html
    assert "Cara membayar" in html and f"<strong>{order.display_number}</strong>" in html


@pytest.mark.parametrize("change, field, message", [
    ({"province": ""}, "province", "Pilih provinsi tujuan."),
    ({"email": "bukan-email"}, "email", "Masukkan alamat email yang valid."),
    ({"phone": "12"}, "phone", "Nomor telepon tidak valid."),
    ({"address": ""}, "address", "Bidang ini tidak boleh kosong."),
])
def test_invalid_checkout_data_is_a_form_error_and_nothing_is_written(
        client, coop, shelf, change, field, message):
    add(client, "product", shelf["kopi"], 1)
    before = counts()
    response = client.post("/toko/maju/pesan/", {**GUEST, **change})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert counts() == before
    assert reload(Product, shelf["kopi"]).stock == 10


def test_stock_gone_between_cart_and_checkout_is_a_form_error_and_nothing_is_written(
        client, coop, shelf):
    add(client, "product", shelf["batik"], 2)
    with scope(cooperative=coop):
        Product.objects.filter(pk=shelf["batik"].pk).update(stock=1)  # someone else bought one
    before = counts()
    response = client.post("/toko/maju/pesan/", GUEST)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Stok Kain Batik Tulis tinggal 1."]
    assert counts() == before  # not even the buyer row
    assert reload(Product, shelf["batik"]).stock == 1


def test_an_order_abroad_needs_products_ready_for_export(client, coop, shelf):
    add(client, "product", shelf["kopi"], 1)
    before = counts()
    abroad = {**GUEST, "country": "NL", "province": "", "city": "Amsterdam",
              "phone": "+31 20 123 4567"}
    response = client.post("/toko/maju/pesan/", abroad)
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error.startswith("Kopi Arabika Merapi belum dapat dikirim lewat saluran Ekspor:")
    assert "kode HS" in error and counts() == before
    with scope(cooperative=coop):
        Product.objects.filter(pk=shelf["kopi"].pk).update(barcode="8991234567895",
                                                           hs_code="090121")
    response = client.post("/toko/maju/pesan/", abroad)
    assert response.status_code == 302
    with scope(cooperative=coop):
        order = Order.objects.get()
        assert (order.country, order.province, order.channel.code) == ("NL", "", "ekspor")


def test_an_empty_cart_cannot_be_checked_out(client, coop, shelf):
    response = client.post("/toko/maju/pesan/", GUEST)
    assert response.status_code == 302 and response["Location"] == "/toko/maju/"
    assert counts() == (0, 0, 0)


def test_a_cart_changed_by_hand_still_meets_the_minimum_at_checkout(client, coop, shelf):
    put_in_cart(client, coop, "product", shelf["keripik"].pk, 3)
    response = client.post("/toko/maju/pesan/", GUEST)
    assert response.context["form"].non_field_errors() == [
        "Keripik Tempe: minimal pembelian 10 pak."]
    assert counts() == (0, 0, 0)


# --- buyer accounts -----------------------------------------------------------------------


@pytest.fixture
def business_buyer(coop, make_user):
    user = make_user(coop, Role.BUYER)
    Buyer.objects.create(cooperative=coop, user=user, kind=Buyer.Kind.BUSINESS,
                         name="Harun Prasetyo", company="Toko Oleh-Oleh Malioboro",
                         email="harun@contoh.id", phone="+6281234567002")
    return user


def test_a_business_buyer_sees_and_pays_the_wholesale_tier_price(client, coop, shelf,
                                                                 business_buyer):
    tiers(coop, shelf["keripik"], (20, 13_000), (50, 11_500))
    client.force_login(business_buyer)
    response = add(client, "product", shelf["keripik"], 50)
    assert "Rp575.000" in response.content.decode()  # 50 × 11.500
    destination = {k: GUEST[k] for k in ("country", "province", "city", "address")}
    response = client.post("/toko/maju/pesan/", destination)
    assert response.status_code == 302
    with scope(cooperative=coop):
        order = Order.objects.get()
        line = order.lines.get()
    assert order.buyer.company == "Toko Oleh-Oleh Malioboro"
    assert (line.unit_price, order.total) == (Decimal("11500"), Decimal("575000"))


def test_a_retail_guest_pays_the_retail_price_whatever_the_quantity(client, coop, shelf):
    tiers(coop, shelf["keripik"], (20, 13_000))
    add(client, "product", shelf["keripik"], 50)
    client.post("/toko/maju/pesan/", GUEST)
    with scope(cooperative=coop):
        assert Order.objects.get().total == Decimal("750000")


def test_a_buyer_account_finds_its_orders_under_my_orders(coop, shelf, make_user):
    user = make_user(coop, Role.BUYER)
    client = Client()
    client.force_login(user)
    add(client, "product", shelf["kopi"], 1)
    assert client.post("/toko/maju/pesan/", GUEST).status_code == 302  # first order: details
    add(client, "product", shelf["kopi"], 2)
    destination = {k: GUEST[k] for k in ("country", "province", "city", "address")}
    assert client.post("/toko/maju/pesan/", destination).status_code == 302  # then known
    stranger = Client()
    add(stranger, "product", shelf["batik"], 1)
    stranger.post("/toko/maju/pesan/", {**GUEST, "name": "Orang Lain"})

    with scope(cooperative=coop):
        mine = list(Order.objects.filter(buyer__user=user))
        assert len(mine) == 2 and len({o.buyer_id for o in mine}) == 1
        other = Order.objects.exclude(buyer__user=user).get()
    html = client.get("/k/maju/pesanan-saya/").content.decode()
    for order in mine:
        assert order.display_number in html and order.access_key in html
    assert other.display_number not in html
    assert 'href="/k/maju/pesanan-saya/"' in client.get("/k/maju/").content.decode()


def test_my_orders_is_for_buyer_accounts(client, coop, board):
    client.force_login(board)
    assert client.get("/k/maju/pesanan-saya/").status_code == 403


# --- the order page -----------------------------------------------------------------------


@pytest.fixture
def placed(client, coop, shelf):
    add(client, "bundle", shelf["hamper"], 1)
    client.post("/toko/maju/pesan/", GUEST)
    with scope(cooperative=coop):
        return Order.objects.get()


def test_the_order_page_opens_only_with_its_key(coop, other_coop, placed):
    anyone = Client()
    assert anyone.get(f"/toko/maju/pesanan/{placed.access_key}/").status_code == 200
    # One character changed (never to itself: the key may already end in "x").
    wrong = placed.access_key[:-1] + ("y" if placed.access_key.endswith("x") else "x")
    assert anyone.get(f"/toko/maju/pesanan/{wrong}/").status_code == 404
    assert anyone.get(f"/toko/maju/pesanan/{placed.number}/").status_code == 404
    assert anyone.get(f"/toko/lain/pesanan/{placed.access_key}/").status_code == 404
    assert anyone.get(f"/toko/maju/pesanan/{placed.access_key}/faktur.pdf").status_code == 200
    assert anyone.get("/toko/maju/pesanan/x/faktur.pdf").status_code == 404


def test_the_order_page_shows_the_payment_once_recorded(client, coop, placed, board):
    from guyub.sales.orders import payments
    with scope(cooperative=coop):
        payments.record_payment(order=placed, amount=placed.total, method="bank_transfer",
                                reference="BCA-771", actor=board)
    html = client.get(f"/toko/maju/pesanan/{placed.access_key}/").content.decode()
    assert "Dibayar" in html and "Cara membayar" not in html
    assert "Pembayaran Rp420.000 diterima" in html
