"""Consignment payouts: each member is paid their sales minus the cooperative's commission,
exactly what the books owe them; a sale is paid once; cancelled orders are left out;
statements per member, an Excel export, and members see only their own."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from guyub.core.errors import DomainError
from guyub.core.roles import Role
from guyub.ledger.models import JournalEntry, JournalLine
from guyub.ledger.selectors import member_balance, trial_balance
from guyub.sales.models import FulfilmentLine, PayoutBatch, PayoutLine
from guyub.sales.orders import services as ordering
from guyub.sales.payouts import services as payouts
from guyub.sales.tests.fulfilment_helpers import category, flashed, local, order, product
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def url(name, coop, *args):
    return reverse(f"sales:{name}", args=[coop.slug, *args])


@pytest.fixture
def makers(coop, make_user):
    return {"wulan": MemberFactory(cooperative=coop, owner_name="Wulan Puspitasari",
                                   user=make_user(coop, Role.MEMBER)),
            "siti": MemberFactory(cooperative=coop, owner_name="Siti Rahayu",
                                  user=make_user(coop, Role.MEMBER))}


@pytest.fixture
def goods(coop, makers):
    batik = category(coop, "Batik", commission_pct=Decimal(15))
    return {
        # The by-laws' 10% for coffee, 15% for batik, a special 5% on the luwak.
        "kopi": product(coop, makers["wulan"], "Kopi Arabika Merapi 250 g", price=65_000),
        "luwak": product(coop, makers["wulan"], "Kopi Luwak 100 g", price=185_000,
                         commission_pct=Decimal(5)),
        "batik": product(coop, makers["siti"], "Batik Cap Kawung", price=225_000, cat=batik),
    }


@pytest.fixture
def sales(coop, goods):
    """Three paid orders last week and one unpaid one."""
    last_week = TODAY() - dt.timedelta(days=7)
    return [
        order(coop, [(goods["kopi"], 3), (goods["batik"], 1)], paid_at=local(last_week)),
        order(coop, [(goods["luwak"], 2)], paid_at=local(last_week, 15)),
        order(coop, [(goods["batik"], 2), (goods["kopi"], 1)], paid_at=local(last_week, 16)),
        order(coop, [(goods["kopi"], 10)], paid=False),
    ]


def _period(days_back=30, **extra):
    return {"start": (TODAY() - dt.timedelta(days=days_back)).isoformat(),
            "end": TODAY().isoformat(), "method": "bank", **extra}


def _owed(coop, member):
    with scope(cooperative=coop):
        return member_balance(member=member, role="payable_members")


def _confirm(client, coop, **data):
    preview = client.get(url("payout_create", coop), _period(**data))
    total = preview.context["totals"]["amount"]
    return preview, client.post(url("payout_create", coop),
                                {**_period(**data), "expected": str(total)})


def test_the_preview_shows_what_each_member_gets_and_confirming_pays_exactly_that(
        board_client, coop, makers, sales):
    wulan, siti = makers["wulan"], makers["siti"]
    # Wulan: 4 × 65.000 at 10% and 2 × 185.000 at 5%; Siti: 3 × 225.000 at 15%.
    wulan_due = Decimal(260_000) - 26_000 + Decimal(370_000) - 18_500
    siti_due = Decimal(675_000) - Decimal("101250")
    assert (_owed(coop, wulan), _owed(coop, siti)) == (wulan_due, siti_due)

    preview, response = _confirm(board_client, coop)

    rows = {r.member.pk: (r.sales, r.commission, r.amount) for r in preview.context["rows"]}
    assert rows == {wulan.pk: (Decimal(630_000), Decimal(44_500), wulan_due),
                    siti.pk: (Decimal(675_000), Decimal(101_250), siti_due)}
    assert "Konfirmasi pembayaran" in preview.content.decode()
    with scopes_disabled():
        batch = PayoutBatch.objects.get(cooperative=coop)
        paid = {x.member_id: (x.sales, x.commission, x.amount) for x in batch.lines.all()}
        entry = JournalEntry.objects.get(pk=batch.entry_id)
        lines = list(JournalLine.objects.filter(entry=entry).select_related("account"))
    assert response["Location"] == url("payout", coop, batch.pk)
    assert paid == rows
    # The books: what each member was owed is now zero, and the entry balances.
    assert _owed(coop, wulan) == 0 and _owed(coop, siti) == 0
    assert sum(x.debit for x in lines) == sum(x.credit for x in lines) == wulan_due + siti_due
    assert {(x.account.role, x.member_id, x.debit) for x in lines if x.debit} == {
        ("payable_members", wulan.pk, wulan_due), ("payable_members", siti.pk, siti_due)}
    with scope(cooperative=coop):
        rows_tb = trial_balance(as_of=TODAY())
        assert sum(r.debit for r in rows_tb) == sum(r.credit for r in rows_tb)


def test_a_sale_is_paid_only_once(board_client, coop, board, makers, sales):
    _confirm(board_client, coop)
    with scopes_disabled():
        assert not FulfilmentLine.objects.filter(cooperative=coop, payout__isnull=True,
                                                 order__paid_at__isnull=False).exists()

    again = board_client.get(url("payout_create", coop), _period())
    assert again.context["rows"] == []
    assert ("Tidak ada hasil penjualan yang belum dibayarkan pada periode ini."
            in again.content.decode())
    with scope(cooperative=coop), pytest.raises(DomainError):
        payouts.create_payout(cooperative=coop, start=TODAY() - dt.timedelta(days=60),
                               end=TODAY(), actor=board)
    with scopes_disabled():
        assert PayoutBatch.objects.filter(cooperative=coop).count() == 1
        assert _owed(coop, makers["wulan"]) == 0


def test_a_new_sale_after_the_payout_goes_into_the_next_one(board_client, coop, makers, goods,
                                                           sales):
    _confirm(board_client, coop)
    order(coop, [(goods["kopi"], 2)])
    _preview, response = _confirm(board_client, coop)
    with scopes_disabled():
        second = PayoutBatch.objects.get(cooperative=coop, number=2)
        assert [(x.member_id, x.amount) for x in second.lines.all()] == [
            (makers["wulan"].pk, Decimal(117_000))]


def test_cancelled_and_unpaid_orders_are_left_out(board_client, coop, board, makers, goods,
                                                 sales):
    with scope(cooperative=coop):
        ordering.cancel_order(order=sales[1], actor=board, reason="Pembeli membatalkan")
    preview, _response = _confirm(board_client, coop)
    rows = {r.member.pk: r.sales for r in preview.context["rows"]}
    assert rows[makers["wulan"].pk] == Decimal(260_000)  # the luwak order was cancelled
    with scopes_disabled():
        unpaid_lines = FulfilmentLine.objects.filter(order__in=[sales[1], sales[3]])
        assert not unpaid_lines.filter(payout__isnull=False).exists()
    assert _owed(coop, makers["wulan"]) == 0


def test_a_preview_that_changed_before_confirming_pays_nothing(board_client, coop, goods,
                                                               sales):
    preview = board_client.get(url("payout_create", coop), _period())
    order(coop, [(goods["kopi"], 1)])  # a sale comes in meanwhile
    response = board_client.post(url("payout_create", coop), {
        **_period(), "expected": str(preview.context["totals"]["amount"])})
    assert response.status_code == 200
    assert "Ada penjualan yang berubah sejak pratinjau" in response.content.decode()
    with scopes_disabled():
        assert not PayoutBatch.objects.filter(cooperative=coop).exists()


@pytest.mark.parametrize("data, field, message", [
    ({"start": "", "end": ""}, "start", "Tanggal awal wajib diisi."),
    ({"start": "32-13-2025"}, "start", "Masukkan tanggal yang valid."),
    ({"start": "2026-03-10", "end": "2026-03-01"}, "end",
     "Tanggal akhir harus sesudah tanggal awal."),
    ({"end": "2999-01-01"}, "end", "Penjualan yang belum terjadi tidak dapat dibayarkan."),
    ({"start": "2001-01-01"}, "start", "Periode pembayaran paling panjang tiga tahun."),
    ({"method": "emas"}, "method", None),
    ({"expected": "bukan angka"}, None, "Ada penjualan yang berubah sejak pratinjau"),
    ({"expected": "１２"}, None, "Ada penjualan yang berubah sejak pratinjau"),
])
def test_wrong_payout_input_is_refused_in_indonesian_and_pays_nothing(
        board_client, coop, sales, data, field, message):
    total = board_client.get(url("payout_create", coop), _period()).context["totals"]["amount"]
    response = board_client.post(url("payout_create", coop),
                                 {**_period(), "expected": str(total), **data})
    assert response.status_code == 200
    errors = response.context["form"].errors
    if field:
        assert errors[field] and (message is None or message in errors[field])
    else:
        assert any(message in e for e in errors["__all__"])
    with scopes_disabled():
        assert not PayoutBatch.objects.filter(cooperative=coop).exists()
    assert "Periksa kembali" in response.content.decode() or message in response.content.decode()


def test_a_period_where_the_cooperative_keeps_everything_pays_nothing_and_says_why(
        coop, board, makers):
    # A sample pack the cooperative takes in full (100% commission): nothing to pay.
    sample = product(coop, makers["wulan"], "Sampel Kopi", price=10_000,
                     commission_pct=Decimal(100))
    order(coop, [(sample, 2)], paid_at=local(TODAY() - dt.timedelta(days=2)))

    with scope(cooperative=coop), pytest.raises(DomainError,
                                                match="menjadi komisi koperasi"):
        payouts.create_payout(cooperative=coop, actor=board, start=TODAY() - dt.timedelta(7),
                               end=TODAY())
    with scopes_disabled():
        assert not PayoutBatch.objects.exists()
        assert not FulfilmentLine.objects.filter(payout__isnull=False).exists()


def test_staff_cannot_pay_members(client, coop, make_user, sales):
    client.force_login(make_user(coop, Role.STAFF))
    assert client.get(url("payout_create", coop), _period()).status_code == 403
    assert client.post(url("payout_create", coop), _period(expected="0")).status_code == 403
    assert client.get(url("payouts", coop)).status_code == 200  # but may see them
    with scopes_disabled():
        assert not PayoutBatch.objects.filter(cooperative=coop).exists()


@pytest.fixture
def batch(coop, board, sales):
    with scope(cooperative=coop):
        return payouts.create_payout(cooperative=coop, start=TODAY() - dt.timedelta(days=30),
                                      end=TODAY(), actor=board)


def _line(batch, member):
    with scopes_disabled():
        return PayoutLine.objects.get(batch=batch, member=member)


def test_a_member_downloads_their_own_statement_but_not_anothers(
        client, coop, makers, batch, rendered):
    wulan, siti = makers["wulan"], makers["siti"]
    client.force_login(wulan.user)

    own = client.get(url("payout_statement", coop, _line(batch, wulan).pk))

    assert own.status_code == 200
    assert own["Content-Type"] == "application/pdf" and own.content.startswith(b"%PDF")
    html = rendered[-1]
    assert "Slip Pembayaran Hasil Titip Jual" in html and "Wulan Puspitasari" in html
    assert "Kopi Luwak 100 g" in html and "Batik Cap Kawung" not in html
    assert "Rp585.500" in html  # 630.000 − 44.500
    assert client.get(url("payout_statement", coop, _line(batch, siti).pk)).status_code == 403


def test_a_statement_of_another_cooperative_does_not_exist(client, coop, other_coop, makers,
                                                           make_user, batch):
    outsider = make_user(other_coop, *Role.values)
    client.force_login(outsider)
    assert client.get(url("payout_statement", other_coop,
                          _line(batch, makers["wulan"]).pk)).status_code == 404
    assert client.get(url("payout_statement", coop,
                          _line(batch, makers["wulan"]).pk)).status_code == 404


def test_officers_see_every_statement(client, coop, make_user, makers, batch):
    client.force_login(make_user(coop, Role.SUPERVISOR))
    assert client.get(url("payout_statement", coop,
                          _line(batch, makers["siti"]).pk)).status_code == 200


def test_the_batch_page_and_export_show_each_member_and_the_total(board_client, coop, makers,
                                                                  batch):
    page = board_client.get(url("payout", coop, batch.pk)).content.decode()
    assert "BYR-00001" in page and "Wulan Puspitasari" in page and "Siti Rahayu" in page
    assert 'id="batch-total">Rp1.159.250<' in page

    response = board_client.get(url("payout_export", coop, batch.pk))
    assert response["Content-Disposition"].startswith(
        'attachment; filename="pembayaran-BYR-00001-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("No. anggota", "Nama", "Usaha", "Telepon", "Penjualan (Rp)",
                       "Komisi koperasi (Rp)", "Dibayarkan (Rp)")
    amounts = {r[1]: r[6] for r in rows[1:-1]}
    assert amounts == {"Wulan Puspitasari": 585_500, "Siti Rahayu": 573_750}
    assert rows[-1][0] == "Jumlah" and rows[-1][6] == 1_159_250


def test_members_see_their_payouts_and_what_is_still_owed(client, coop, makers, goods, batch):
    order(coop, [(goods["kopi"], 1)])  # sold after the payout: owed 58.500
    client.force_login(makers["wulan"].user)
    page = client.get(reverse("reports:my_sales", args=[coop.slug])).content.decode()
    assert "BYR-00001" in page and "Rp585.500" in page
    assert 'id="owed">Rp58.500<' in page
    assert url("payout_statement", coop, _line(batch, makers["wulan"]).pk) in page
    assert url("payout_statement", coop, _line(batch, makers["siti"]).pk) not in page
    portal = client.get(reverse("members:portal", args=[coop.slug])).content.decode()
    assert "BYR-00001" in portal and "Rp58.500" in portal


def test_the_list_shows_batches_with_their_totals(board_client, coop, batch):
    response = board_client.get(url("payouts", coop))
    [listed] = list(response.context["page"])
    assert (listed.members, listed.total) == (2, Decimal(1_159_250))
    assert "Rp1.159.250" in response.content.decode()
    assert flashed(response) == []
