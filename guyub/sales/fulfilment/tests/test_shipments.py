"""Shipments: paid orders whose goods are all in the warehouse are grouped by destination,
sent together, the cost shared by weight (the shares add up to the cost), tracked until
delivered; a packing list per shipment."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from hypothesis import given
from hypothesis import strategies as st

from guyub.core.fields import RupiahField
from guyub.core.roles import Role
from guyub.ledger.models import JournalEntry
from guyub.ledger.selectors import trial_balance
from guyub.members import pdf
from guyub.sales.fulfilment import services as fulfilment
from guyub.sales.models import Order, Shipment
from guyub.sales.splits import shipping_shares
from guyub.sales.tests.fulfilment_helpers import flashed, hand_over_all, order, product
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


def url(name, coop, *args):
    return reverse(f"sales:{name}", args=[coop.slug, *args])


@pytest.fixture
def goods(coop):
    maker = MemberFactory(cooperative=coop, owner_name="Bambang Sutrisno")
    return {"kopi": product(coop, maker, "Kopi Robusta 500 g", price=75_000, grams=500),
            "vas": product(coop, maker, "Vas Gerabah Kasongan", price=95_000, grams=1500)}


@pytest.fixture
def ready(coop, goods):
    """Two orders to Yogyakarta (2 kg and 3 kg), one to Surabaya, all goods in."""
    return {
        "jogja_a": hand_over_all(coop, order(coop, [(goods["kopi"], 4)])),
        "jogja_b": hand_over_all(coop, order(coop, [(goods["vas"], 2)])),
        "sby": hand_over_all(coop, order(coop, [(goods["kopi"], 1)], city="Kota Surabaya",
                                         province="35")),
    }


def _counts(coop):
    with scopes_disabled():
        return (Shipment.objects.filter(cooperative=coop).count(),
                JournalEntry.objects.filter(cooperative=coop).count(),
                Order.objects.filter(cooperative=coop, shipment__isnull=False).count())


def test_ready_orders_are_grouped_by_destination_and_waiting_ones_are_not_offered(
        board_client, coop, goods, ready):
    waiting = order(coop, [(goods["kopi"], 1)])  # paid, goods not yet in
    unpaid = order(coop, [(goods["kopi"], 1)], paid=False)

    response = board_client.get(url("shipments", coop))

    assert response.status_code == 200
    groups = {d.key: [o.pk for o in d.orders] for d in response.context["destinations"]}
    assert groups == {"Kota Surabaya, Jawa Timur": [ready["sby"].pk],
                      "Kota Yogyakarta, DI Yogyakarta": [ready["jogja_a"].pk,
                                                         ready["jogja_b"].pk]}
    assert [o.pk for o in response.context["waiting"]] == [waiting.pk]
    page = response.content.decode()
    assert unpaid.display_number not in page
    assert "1 pesanan masih menunggu barang anggota" in page


def test_a_shipment_shares_its_cost_by_weight_and_the_shares_add_up(board_client, coop,
                                                                     ready):
    a, b = ready["jogja_a"], ready["jogja_b"]
    response = board_client.post(url("shipment_create", coop), {
        "orders": [a.pk, b.pk], "carrier": "JNE", "cost": "Rp 30.001", "method": "bank"})

    with scopes_disabled():
        shipment = Shipment.objects.get(cooperative=coop)
        shares = dict(Order.objects.filter(shipment=shipment)
                      .values_list("pk", "shipping_cost_share"))
    assert response.status_code == 302
    assert response["Location"] == url("shipment", coop, shipment.pk)
    assert shipment.destination == "Kota Yogyakarta, DI Yogyakarta"
    assert shipment.cost == Decimal("30001")
    # 2 kg and 3 kg: 12.000,4 and 18.000,6 -> the odd rupiah goes to the larger remainder.
    assert shares == {a.pk: Decimal("12000"), b.pk: Decimal("18001")}
    assert sum(shares.values()) == shipment.cost
    with scope(cooperative=coop):
        rows = trial_balance(as_of=timezone.localdate(shipment.created_at))
        assert sum(r.debit for r in rows) == sum(r.credit for r in rows)
        expense = next(r for r in rows if r.account.role == "shipping_expense")
        assert expense.debit == Decimal("30001")

    detail = board_client.get(url("shipment", coop, shipment.pk)).content.decode()
    assert "Rp12.000" in detail and "Rp18.001" in detail
    assert 'id="shares-total">Rp30.001<' in detail


@given(cost=st.integers(min_value=0, max_value=10**9),
       weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30))
def test_shipping_shares_always_add_up_to_the_cost(cost, weights):
    shares = shipping_shares(Decimal(cost), weights)
    assert sum(shares) == cost
    assert all(s >= 0 for s in shares)
    total = sum(weights)
    for share, weight in zip(shares, weights, strict=True):
        exact = (Decimal(cost) * weight / total) if total else Decimal(cost) / len(weights)
        assert abs(share - exact) < 1


@pytest.mark.parametrize("changes, message", [
    ({"cost": "-5000"}, "Ongkos kirim (Rp): Ongkos kirim tidak boleh negatif."),
    ({"cost": "tiga puluh ribu"},
     "Ongkos kirim (Rp): Tulis jumlah rupiah dengan angka, misalnya 90.000."),
    ({"cost": "12,5"},
     "Ongkos kirim (Rp): Tulis jumlah rupiah tanpa sen, misalnya 90.000."),
    ({"cost": ""}, "Ongkos kirim (Rp): Ongkos kirim wajib diisi (0 bila gratis)."),
    ({"cost": "1" * 20},
     "Ongkos kirim (Rp): Jumlah paling banyak Rp99.999.999.999.999."),
    ({"carrier": "  "}, "Ekspedisi: Ekspedisi wajib diisi."),
    ({"method": "emas"}, None),
    ({"orders": []}, "Pesanan: Pilih pesanan yang akan dikirim."),
    ({"orders": ["abc"]}, "Pesanan: Pesanan yang dipilih belum siap dikirim."),
    ({"orders": "mixed"}, "Pesanan: Satu pengiriman hanya untuk satu tujuan."),
    ({"orders": "waiting"}, "Pesanan: Pesanan yang dipilih belum siap dikirim."),
])
def test_wrong_shipment_input_is_refused_in_indonesian_and_saves_nothing(
        board_client, coop, goods, ready, changes, message):
    data = {"orders": [ready["jogja_a"].pk], "carrier": "JNE", "cost": "20000",
            "method": "cash", **changes}
    if data["orders"] == "mixed":
        data["orders"] = [ready["jogja_a"].pk, ready["sby"].pk]
    elif data["orders"] == "waiting":
        data["orders"] = [order(coop, [(goods["kopi"], 1)]).pk]
    before = _counts(coop)

    response = board_client.post(url("shipment_create", coop), data)

    assert response.status_code == 302
    assert response["Location"] == url("shipments", coop)
    [flash] = flashed(response)
    if message:
        assert flash == message
    else:
        assert flash.startswith("Dibayar dari: Masukkan pilihan yang valid.")
    assert _counts(coop) == before


def test_an_order_already_in_a_shipment_cannot_go_twice(board_client, coop, board, ready):
    with scope(cooperative=coop):
        fulfilment.create_shipment(cooperative=coop, orders=[ready["sby"]], actor=board)
    before = _counts(coop)
    response = board_client.post(url("shipment_create", coop), {
        "orders": [ready["sby"].pk], "carrier": "JNE", "cost": "0", "method": "cash"})
    assert flashed(response) == ["Pesanan: Pesanan yang dipilih belum siap dikirim."]
    assert _counts(coop) == before


@pytest.fixture
def shipment(coop, board, ready):
    with scope(cooperative=coop):
        return fulfilment.create_shipment(cooperative=coop, actor=board, carrier="J&T Express",
                                        orders=[ready["jogja_a"], ready["jogja_b"]],
                                        cost=Decimal("45000"))


def _status(shipment):
    with scopes_disabled():
        fresh = Shipment.objects.get(pk=shipment.pk)
        return fresh.status, fresh.tracking_number, sorted(
            fresh.orders.values_list("status", flat=True))


def test_a_shipment_leaves_with_its_tracking_number_and_is_then_delivered(
        board_client, coop, shipment):
    missing = board_client.post(url("shipment_ship", coop, shipment.pk), {"tracking_number": " "})
    assert flashed(missing) == ["Nomor resi wajib diisi."]
    assert _status(shipment) == ("preparing", "", ["fulfilling", "fulfilling"])

    early = board_client.post(url("shipment_deliver", coop, shipment.pk))
    assert flashed(early)[-1] == "Pengiriman ini belum berangkat atau sudah diterima."

    shipped = board_client.post(url("shipment_ship", coop, shipment.pk),
                                {"tracking_number": "JT9912045567"})
    assert shipped.status_code == 302
    assert _status(shipment) == ("shipped", "JT9912045567", ["shipped", "shipped"])
    again = board_client.post(url("shipment_ship", coop, shipment.pk),
                              {"tracking_number": "LAIN"})
    assert flashed(again)[-1] == "Pengiriman ini sudah berangkat."
    assert _status(shipment)[1] == "JT9912045567"

    board_client.post(url("shipment_deliver", coop, shipment.pk))
    assert _status(shipment) == ("delivered", "JT9912045567", ["delivered", "delivered"])
    page = board_client.get(url("shipments", coop)).content.decode()
    assert "KRM-00001" in page and "Diterima" in page


def test_a_supervisor_sees_shipments_but_cannot_send_them(client, coop, make_user, shipment):
    client.force_login(make_user(coop, Role.SUPERVISOR))
    page = client.get(url("shipment", coop, shipment.pk)).content.decode()
    assert "KRM-00001" in page
    assert url("shipment_ship", coop, shipment.pk) not in page
    assert client.post(url("shipment_ship", coop, shipment.pk),
                       {"tracking_number": "X1"}).status_code == 403
    assert _status(shipment)[0] == "preparing"


def test_the_packing_list_names_orders_addresses_quantities_and_weights(
        board_client, coop, shipment, monkeypatch):
    rendered = []
    original = pdf.render_to_string

    def spy(*args, **kwargs):
        rendered.append(original(*args, **kwargs))
        return rendered[-1]

    monkeypatch.setattr(pdf, "render_to_string", spy)
    response = board_client.get(url("shipment_pdf", coop, shipment.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'inline; filename="daftar-kemas-KRM-00001.pdf"'
    html = rendered[-1]
    assert "Daftar Kemas KRM-00001" in html
    assert "PSN-000001" in html and "PSN-000002" in html
    assert "Jl. Malioboro 52" in html and "Kota Yogyakarta, DI Yogyakarta" in html
    assert "Kopi Robusta 500 g" in html and "Vas Gerabah Kasongan" in html
    assert "<td class=\"num\">4</td>" in html  # four bags of coffee
    assert "5 kg" in html  # 2 kg + 3 kg


@pytest.mark.parametrize("typed, value", [
    ("30000", 30000), ("30.000", 30000), ("Rp30.000", 30000), ("Rp 1.250.000", 1250000),
    ("30.000,00", 30000), ("0", 0),
])
def test_shipping_cost_is_read_the_way_people_write_rupiah(typed, value):
    assert RupiahField().clean(typed) == value


@pytest.mark.parametrize("typed", ["30.00", "3.0000", "12,5", "1e5", "30 ribu", "--5"])
def test_ambiguous_amounts_are_refused(typed):
    with pytest.raises(ValidationError):
        RupiahField().clean(typed)
