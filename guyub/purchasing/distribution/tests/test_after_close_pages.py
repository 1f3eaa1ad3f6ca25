"""The pages after the close: receipt with its shortfalls, the pick-up checklist,
members' payments, and paying the supplier, each refusing wrong input in Indonesian."""

from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.roles import Role
from guyub.ledger.selectors import trial_balance
from guyub.members.simpanan import services as simpanan
from guyub.purchasing.models import (
    Round,
    RoundPayment,
    Share,
    SupplierPayment,
)
from guyub.purchasing.rounds import services
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_pages import (
    commit,
    flashed,
    page,
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
