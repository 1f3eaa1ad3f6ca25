"""The sales API: the public storefront search, placing and reading orders, and the
payment notification that records one payment however often it arrives."""

import json
from decimal import Decimal

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from guyub.catalog.models import Product
from guyub.core import services as core_services
from guyub.core.money import format_rupiah
from guyub.core.roles import Role
from guyub.ledger.models import JournalEntry
from guyub.sales.models import Buyer, Order, Payment
from guyub.sales.orders import services as ordering
from guyub.sales.tests.store_helpers import bundle, product, reload, tiers
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/cooperatives/maju"
DESTINATION = {"address": "Jl. Malioboro 52", "city": "Kota Yogyakarta", "province": "34"}
BUYER = {"name": "Toko Bu Tini", "email": "tini@contoh.id", "phone": "081234500001"}


def token_client(coop, user) -> Client:
    with scopes_disabled():
        _token, key = core_services.issue_token(cooperative=coop, actor=None, user=user,
                                                name="Integrasi")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def post(client, url, body):
    return client.post(url, data=json.dumps(body, default=str), content_type="application/json")


@pytest.fixture
def shelf(coop):
    maker = MemberFactory(cooperative=coop, business_name="Kopi Turgo")
    kopi = product(coop, "Kopi Arabika Merapi", member=maker, price=55_000, stock=10)
    keripik = product(coop, "Keripik Tempe", price=15_000, stock=100, min_order_qty=10)
    hamper = bundle(coop, "Hampers Jogja", 100_000, [(kopi, 1, 50_000), (keripik, 2, 50_000)])
    return {"kopi": kopi, "keripik": keripik, "hamper": hamper}


@pytest.fixture
def staff(coop, make_user):
    return token_client(coop, make_user(coop, Role.STAFF))


# --- the public search --------------------------------------------------------------------


def test_the_search_needs_no_token_and_pages_bundles_then_products(shelf):
    response = Client().get(f"{BASE}/storefront/search", {"page_size": 2})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["pages"]) == (3, 2)
    assert [i["kind"] for i in body["items"]] == ["bundle", "product"]
    first = body["items"][0]
    assert first["name"] == "Hampers Jogja" and first["stock"] == 10
    assert first["url"] == f"/toko/maju/paket/{shelf['hamper'].pk}/"
    second = Client().get(f"{BASE}/storefront/search", {"page_size": 2, "page": 2}).json()
    assert [i["name"] for i in second["items"]] == ["Kopi Arabika Merapi"]
    assert second["items"][0]["makers"][0]["business_name"] == "Kopi Turgo"


def test_a_bad_search_parameter_is_a_422_in_indonesian(shelf):
    response = Client().get(f"{BASE}/storefront/search", {"page": 0})
    assert response.status_code == 422
    assert response.json()["errors"]["page"] == ["Minimal 1."]
    response = Client().get(f"{BASE}/storefront/search", {"category": 999_999})
    assert response.status_code == 422 and "category" in response.json()["errors"]
    # A plain text search is checked as the page's search box checks it.
    response = Client().get(f"{BASE}/storefront/search", {"q": "kopi\x00"})
    assert response.status_code == 422
    assert response.json()["errors"]["q"] == ["Karakter null tidak diizinkan."]
    response = Client().get(f"{BASE}/storefront/search", {"q": "k" * 101})
    assert response.status_code == 422 and "q" in response.json()["errors"]


# --- placing orders -----------------------------------------------------------------------


def test_staff_place_an_order_for_a_buyer(coop, shelf, staff):
    response = post(staff, f"{BASE}/orders", {
        "items": [{"kind": "product", "id": shelf["kopi"].pk, "quantity": 2},
                  {"kind": "bundle", "id": shelf["hamper"].pk, "quantity": 1}],
        "buyer": BUYER, "destination": DESTINATION, "note": "Ditelepon"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["display_number"] == "PSN-000001" and body["status"] == "placed"
    assert Decimal(body["total"]) == Decimal("210000")
    assert [line["kind"] for line in body["lines"]] == ["product", "bundle"]
    assert body["order_url"].startswith("/toko/maju/pesanan/")
    with scope(cooperative=coop):
        order = Order.objects.get()
        assert order.buyer.phone == "+6281234500001" and order.buyer.user is None
    assert reload(Product, shelf["kopi"]).stock == 7


def test_staff_may_order_at_wholesale_prices_for_a_business_buyer(shelf, staff, coop):
    tiers(coop, shelf["keripik"], (20, 13_000))
    response = post(staff, f"{BASE}/orders", {
        "items": [{"kind": "product", "id": shelf["keripik"].pk, "quantity": 20}],
        "buyer": {**BUYER, "kind": "business", "company": "CV Oleh-Oleh"},
        "destination": DESTINATION})
    assert response.status_code == 201
    assert Decimal(response.json()["total"]) == Decimal("260000")


def test_a_buyer_token_orders_for_the_buyers_own_account(coop, shelf, make_user):
    user = make_user(coop, Role.BUYER)
    client = token_client(coop, user)
    items = [{"kind": "product", "id": shelf["kopi"].pk, "quantity": 1}]
    response = post(client, f"{BASE}/orders", {"items": items, "destination": DESTINATION})
    assert response.status_code == 422
    assert response.json()["errors"] == {"buyer": ["Data pembeli wajib diisi."]}
    first = post(client, f"{BASE}/orders", {"items": items, "buyer": BUYER,
                                            "destination": DESTINATION})
    assert first.status_code == 201
    again = post(client, f"{BASE}/orders", {"items": items, "destination": DESTINATION,
                                            "buyer": {**BUYER, "kind": "business"}})
    assert again.status_code == 201
    with scope(cooperative=coop):
        buyer = Buyer.objects.get(user=user)
        assert buyer.kind == Buyer.Kind.RETAIL  # a buyer cannot make themselves wholesale
        assert buyer.orders.count() == 2


@pytest.mark.parametrize("body, field, message", [
    ({"destination": {**DESTINATION, "province": ""}}, "destination.province",
     "Pilih provinsi tujuan."),
    ({"buyer": {**BUYER, "email": "tini"}}, "buyer.email", "Masukkan alamat email yang valid."),
    ({"buyer": {**BUYER, "phone": "12"}}, "buyer.phone", "Nomor telepon tidak valid."),
    ({"destination": {**DESTINATION, "country": "XX"}}, "destination.country", None),
    ({"items": [{"kind": "sepeda", "id": 1, "quantity": 1}]}, "items.0.kind",
     "Pilih product atau bundle."),
    ({"items": [{"kind": "product", "id": 1, "quantity": 0}]}, "items.0.quantity", "Minimal 1."),
    ({"items": [{"kind": "product", "id": 1, "quantity": 1}] * 101}, "items",
     "Terlalu banyak (maksimal 100)."),
])
def test_invalid_order_data_is_a_422_with_indonesian_field_messages(
        coop, shelf, staff, body, field, message):
    payload = {"items": [{"kind": "product", "id": shelf["kopi"].pk, "quantity": 1}],
               "buyer": BUYER, "destination": DESTINATION, **body}
    response = post(staff, f"{BASE}/orders", payload)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert field in errors
    if message:
        assert errors[field] == [message]
    with scopes_disabled():
        assert (Order.objects.count(), Buyer.objects.count()) == (0, 0)


@pytest.mark.parametrize("items, message", [
    ([{"kind": "product", "id": "KOPI", "quantity": 11}], "Stok Kopi Arabika Merapi tinggal 10."),
    ([{"kind": "product", "id": "KERIPIK", "quantity": 5}],
     "Keripik Tempe: minimal pembelian 10 buah."),
    ([{"kind": "product", "id": 999_999, "quantity": 1}], "Produk tidak tersedia."),
    ([], "Keranjang kosong."),
])
def test_an_order_the_stock_or_rules_refuse_is_a_400_and_writes_nothing(
        coop, shelf, staff, items, message):
    ids = {"KOPI": shelf["kopi"].pk, "KERIPIK": shelf["keripik"].pk}
    items = [{**i, "id": ids.get(i["id"], i["id"])} for i in items]
    response = post(staff, f"{BASE}/orders", {"items": items, "buyer": BUYER,
                                              "destination": DESTINATION})
    assert response.status_code == 400
    assert response.json()["errors"] == {"items": [message]}
    with scopes_disabled():
        assert (Order.objects.count(), Buyer.objects.count()) == (0, 0)


def test_a_member_cannot_place_orders_through_the_api(coop, shelf, make_user):
    member = make_user(coop, Role.MEMBER)
    response = post(token_client(coop, member), f"{BASE}/orders", {
        "items": [{"kind": "product", "id": shelf["kopi"].pk, "quantity": 1}],
        "buyer": BUYER, "destination": DESTINATION})
    assert response.status_code == 403


# --- reading an order ---------------------------------------------------------------------


def test_an_order_is_read_by_staff_and_by_its_own_buyer_only(coop, shelf, staff, make_user):
    owner, stranger = make_user(coop, Role.BUYER), make_user(coop, Role.BUYER)
    response = post(token_client(coop, owner), f"{BASE}/orders", {
        "items": [{"kind": "product", "id": shelf["kopi"].pk, "quantity": 1}],
        "buyer": BUYER, "destination": DESTINATION})
    url = f"{BASE}/orders/{response.json()['id']}"
    assert staff.get(url).status_code == 200
    assert token_client(coop, owner).get(url).json()["buyer_name"] == "Toko Bu Tini"
    denied = token_client(coop, stranger).get(url)
    assert denied.status_code == 403 and denied.json()["detail"]
    assert staff.get(f"{BASE}/orders/999999").status_code == 404


# --- payment notifications ----------------------------------------------------------------


@pytest.fixture
def order(coop, shelf):
    with scope(cooperative=coop):
        buyer = Buyer.objects.create(cooperative=coop, **{**BUYER, "phone": "+6281234500001"})
        return ordering.place_order(cooperative=coop, buyer=buyer, address="Jl. Malioboro 52",
                                    city="Kota Yogyakarta", province="34",
                                    items=[ordering.Item("product", shelf["kopi"].pk, 2)]).order


def notify(client, order, **changes):
    body = {"order_number": order.display_number, "amount": str(order.total),
            "method": "bank_transfer", "reference": "BCA-20261128-0001", **changes}
    return post(client, f"{BASE}/payments/notify", body)


def book(coop):
    with scope(cooperative=coop):
        return Payment.objects.count(), JournalEntry.objects.count()


def test_the_same_notification_twice_records_one_payment_and_one_journal_entry(
        coop, order, staff):
    first = notify(staff, order)
    assert first.status_code == 201, first.content
    assert first.json()["created"] is True and first.json()["order_status"] == "paid"
    after_first = book(coop)
    second = notify(staff, order)
    assert second.status_code == 200
    assert second.json()["created"] is False
    assert second.json()["payment"]["reference"] == "BCA-20261128-0001"
    assert book(coop) == after_first == (1, after_first[1])
    with scope(cooperative=coop):
        payment = Payment.objects.get()
        assert JournalEntry.objects.filter(pk=payment.entry_id).count() == 1
        assert Order.objects.get(pk=order.pk).status == "paid"


def test_a_deposit_then_the_rest_shows_paid_and_balance_due(coop, order, staff):
    total = order.total
    first = notify(staff, order, amount="30000", reference="DP-1")
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["order_status"] == "placed"
    assert (Decimal(body["amount_paid"]), Decimal(body["balance_due"])) == (30000, total - 30000)
    read = staff.get(f"{BASE}/orders/{order.pk}").json()
    assert (Decimal(read["amount_paid"]), Decimal(read["balance_due"])) == (30000, total - 30000)
    over = notify(staff, order, amount=str(total), reference="TRF-2")
    assert over.status_code == 400
    assert over.json()["errors"]["amount"] == [
        f"Jumlah {format_rupiah(total)} melebihi sisa tagihan. "
        f"Sisa tagihan {format_rupiah(total - 30000)}."]
    rest = notify(staff, order, amount=str(total - 30000), reference="TRF-3").json()
    assert rest["order_status"] == "paid" and Decimal(rest["balance_due"]) == 0


def test_the_staff_page_records_a_deposit_and_both_pages_show_the_balance(
        coop, order, board_client):
    from django.urls import reverse

    staff_page = reverse("sales:order", args=[coop.slug, order.pk])
    response = board_client.post(reverse("sales:order_payment", args=[coop.slug, order.pk]), {
        "amount": "Rp 30.000", "method": "cash", "reference": "KW-001"}, follow=True)
    html = response.content.decode()
    assert "Pembayaran dicatat." in html
    rest = format_rupiah(order.total - 30000)
    assert 'id="order-paid">Rp30.000<' in html and f'id="order-balance">{rest}<' in html
    # The form offers what is left as the next payment.
    assert f'value="{order.total - 30000}"' in html or f'value="{rest[2:]}"' in html
    buyer_html = board_client.get(reverse("store:order", args=[coop.slug, order.access_key]))
    assert f'id="order-balance">{rest}<' in buyer_html.content.decode()
    over = board_client.post(reverse("sales:order_payment", args=[coop.slug, order.pk]), {
        "amount": str(order.total), "method": "cash", "reference": "KW-002"}, follow=True)
    assert f"Sisa tagihan {rest}." in over.content.decode()
    assert board_client.get(staff_page).status_code == 200


def test_the_order_number_may_come_without_its_prefix(coop, order, staff):
    assert notify(staff, order, order_number=str(order.number)).status_code == 201


def test_a_reference_reused_for_another_order_is_a_409(coop, shelf, order, staff):
    assert notify(staff, order).status_code == 201
    with scope(cooperative=coop):
        other = ordering.place_order(cooperative=coop, buyer=order.buyer, city="Sleman",
                                     province="34", address="Jl. Kaliurang",
                                     items=[ordering.Item("product", shelf["kopi"].pk, 1)]).order
    before = book(coop)
    response = notify(staff, other)
    assert response.status_code == 409
    assert response.json()["errors"] == {
        "reference": ["Referensi BCA-20261128-0001 sudah dipakai untuk pembayaran lain."]}
    assert book(coop) == before


@pytest.mark.parametrize("changes, status, field", [
    ({"amount": "9999999"}, 400, "amount"),  # more than the balance due
    ({"amount": "110000.50"}, 422, "amount"),
    ({"order_number": "PSN-999999"}, 422, "order_number"),
    ({"order_number": "bukan nomor"}, 422, "order_number"),
    ({"method": "cek"}, 400, "method"),
    ({"reference": "  "}, 400, "reference"),
    ({"reference": "BCA\x00-1"}, 422, "reference"),  # PostgreSQL refuses NUL: not a 500
])
def test_a_wrong_notification_is_refused_in_indonesian_and_writes_nothing(
        coop, order, staff, changes, status, field):
    response = notify(staff, order, **changes)
    assert response.status_code == status, response.content
    assert field in response.json()["errors"]
    assert book(coop)[0] == 0


def test_a_cancelled_order_takes_no_payment(coop, order, staff, board):
    with scope(cooperative=coop):
        ordering.cancel_order(order=order, actor=board, reason="Pembeli batal")
    response = notify(staff, order)
    assert response.status_code == 409
    assert response.json()["detail"] == "Pesanan ini tidak sedang menunggu pembayaran."


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.MEMBER, Role.BUYER])
def test_only_staff_and_board_tokens_notify_payments(coop, order, make_user, role):
    response = notify(token_client(coop, make_user(coop, role)), order)
    assert response.status_code == 403
    assert book(coop)[0] == 0
