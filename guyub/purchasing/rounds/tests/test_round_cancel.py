"""Calling off a round before its close: the reason is required and logged, members'
commitments stay as the record, nothing is ordered, billed or posted, the pages say
"Dibatalkan" with the reason, and the scheduled close leaves the round alone."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.core.jobs.tasks import run_job
from guyub.core.models import AuditLog
from guyub.core.roles import Role
from guyub.ledger.models import JournalEntry
from guyub.purchasing.models import Commitment, Round, Share, Supplier
from guyub.purchasing.rounds import schedule, services
from guyub.testing.purchase_pages import (
    close_and_receive,
    commit,
    flashed,
    member_with_login,
    signed_in,
    snapshot,
    soy_round,
    url,
)
from guyub.testing.purchase_rounds import HOUR, make_round

pytestmark = pytest.mark.django_db
Status = Round.Status


def status_of(round_) -> str:
    with scopes_disabled():
        return Round.objects.get(pk=round_.pk).status


def cancel_logs(coop) -> list[AuditLog]:
    with scopes_disabled():
        return list(AuditLog.objects.filter(cooperative=coop, action="purchase.cancelled"))


# --- the service ------------------------------------------------------------------------------


@pytest.mark.parametrize("opens", [-HOUR, HOUR], ids=["open", "scheduled"])
def test_an_open_or_scheduled_round_is_cancelled_and_the_reason_logged(coop, board, opens):
    round_, (item,) = make_round(coop, opens=opens, closes=48 * HOUR)
    with scope(cooperative=coop):
        result = services.cancel_round(round_=round_, actor=board,
                                       reason="  Pemasok   menaikkan harga ")
    assert result.status == Status.CANCELLED
    assert status_of(round_) == Status.CANCELLED
    (log,) = cancel_logs(coop)
    assert (log.actor, log.object_id, log.data["reason"]) == (
        board, str(round_.pk), "Pemasok menaikkan harga")


def test_members_commitments_stay_as_the_record_and_nothing_is_billed(coop, board, make_user):
    round_, item = soy_round(coop, board)
    siti, _client = member_with_login(coop, make_user)
    commit(item, siti, 60, 10)
    with scope(cooperative=coop):
        services.cancel_round(round_=round_, actor=board, reason="Harga kedelai naik")
        assert list(Commitment.objects.filter(round_item=item)
                    .values_list("member", "quantity", "tolerance")) == [(siti.pk, 60, 10)]
        assert not Share.objects.exists()
        assert not JournalEntry.objects.filter(source_type="purchasing.round").exists()
        # And the member can no longer change it.
        with pytest.raises(DomainError) as refused:
            services.set_commitment(round_item=item, member=siti, quantity=D(80))
        assert refused.value.code == "transition"
    assert cancel_logs(coop)[0].data["members"] == 1


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_cancel_without_a_reason_is_refused(coop, board, reason):
    round_, _items = make_round(coop)
    with scope(cooperative=coop):
        with pytest.raises(DomainError) as refused:
            services.cancel_round(round_=round_, actor=board, reason=reason)
    assert (refused.value.field, str(refused.value.message)) == (
        "reason", "Tuliskan alasan pembatalan.")
    assert status_of(round_) == Status.OPEN
    assert cancel_logs(coop) == []


@pytest.mark.parametrize("status", [Status.CLOSED, Status.RECEIVED, Status.DISTRIBUTED])
def test_a_round_past_its_close_cannot_be_cancelled(coop, board, status):
    round_, _items = make_round(coop, status=status)
    with scope(cooperative=coop):
        with pytest.raises(DomainError) as refused:
            services.cancel_round(round_=round_, actor=board, reason="Terlambat")
    assert refused.value.code == "transition"
    assert "sudah ditutup tidak dapat dibatalkan" in str(refused.value.message)
    assert status_of(round_) == status


def test_a_cancelled_round_can_be_neither_cancelled_again_nor_closed(coop, board):
    round_, _items = make_round(coop)
    with scope(cooperative=coop):
        services.cancel_round(round_=round_, actor=board, reason="Batal")
        with pytest.raises(DomainError, match="sudah dibatalkan"):
            services.cancel_round(round_=round_, actor=board, reason="Lagi")
        with pytest.raises(DomainError, match="sudah dibatalkan"):
            services.close_round(round_=round_, actor=board)
    assert status_of(round_) == Status.CANCELLED
    assert len(cancel_logs(coop)) == 1


def test_the_scheduled_close_skips_a_cancelled_round(coop, board, make_user):
    round_, item = soy_round(coop, board)
    siti, _client = member_with_login(coop, make_user)
    commit(item, siti, 100)
    with scope(cooperative=coop):
        services.cancel_round(round_=round_, actor=board, reason="Gudang banjir")
    with scopes_disabled():
        Round.objects.filter(pk=round_.pk).update(
            closes_at=timezone.now() - dt.timedelta(minutes=5))
    assert run_job.apply(("close_due_rounds",), task_id="beat-1").get() == 0
    with scope(cooperative=coop):
        assert schedule.close_due_rounds() == []
        assert not Share.objects.exists()
    assert status_of(round_) == Status.CANCELLED


# --- the pages ------------------------------------------------------------------------------


def test_staff_cancel_a_round_from_its_page_with_a_reason(coop, board, make_user):
    round_, item = soy_round(coop, board, title="Kedelai Mei")
    siti, member_client = member_with_login(coop, make_user, owner_name="Siti Aminah")
    commit(item, siti, 60)
    staff = signed_in(make_user(coop, Role.STAFF))
    before = staff.get(url("round", coop, round_.pk)).content.decode()
    assert 'id="cancel-round"' in before and "Batalkan pembelian bersama" in before

    response = staff.post(url("round_cancel", coop, round_.pk),
                          {"reason": "Pemasok tidak sanggup mengirim bulan ini"})
    assert response.status_code == 302
    assert flashed(response) == ["Pembelian bersama dibatalkan. Pesanan anggota disimpan "
                                 "sebagai catatan; tidak ada yang dipesan atau ditagih."]
    assert status_of(round_) == Status.CANCELLED

    page = staff.get(url("round", coop, round_.pk)).content.decode()
    assert "Dibatalkan" in page and 'id="cancelled"' in page
    assert "Alasan: Pemasok tidak sanggup mengirim bulan ini" in page
    assert "Siti Aminah" in page                       # the commitment, kept as the record
    assert 'id="cancel-round"' not in page             # nothing more to cancel
    assert url("round_close", coop, round_.pk) not in page
    assert "Pesanan pembelian" not in page             # no purchase order for a cancelled round

    mine = member_client.get(url("my_round", coop, round_.pk)).content.decode()
    assert "Pembelian bersama ini dibatalkan." in mine
    assert "Alasan: Pemasok tidak sanggup mengirim bulan ini" in mine
    assert "tidak diproses" in mine
    assert "commit-form" not in mine                   # no more changing the order


def test_a_cancel_without_a_reason_changes_nothing_and_says_why(board_client, coop, board):
    round_, _item = soy_round(coop, board)
    before = snapshot(coop)
    response = board_client.post(url("round_cancel", coop, round_.pk), {"reason": " "})
    assert response.status_code == 302
    assert flashed(response) == ["Tuliskan alasan pembatalan."]
    assert status_of(round_) == Status.OPEN
    assert snapshot(coop) == before


def test_a_received_round_cannot_be_cancelled_from_the_page(board_client, coop, board,
                                                          make_user):
    round_, item = soy_round(coop, board)
    commit(item, member_with_login(coop, make_user)[0], 100)
    close_and_receive(round_, board)
    page = board_client.get(url("round", coop, round_.pk)).content.decode()
    assert 'id="cancel-round"' not in page
    response = board_client.post(url("round_cancel", coop, round_.pk), {"reason": "Coba"})
    assert flashed(response) == ["Pembelian bersama yang sudah ditutup tidak dapat "
                                 "dibatalkan."]
    assert status_of(round_) == Status.RECEIVED


def test_a_member_cannot_cancel_a_round(coop, board, make_user):
    round_, _item = soy_round(coop, board)
    _siti, member_client = member_with_login(coop, make_user)
    response = member_client.post(url("round_cancel", coop, round_.pk), {"reason": "Saya"})
    assert response.status_code == 403
    assert status_of(round_) == Status.OPEN


@pytest.mark.parametrize("name, extra", [
    ("round_receive", []), ("round_pickup", []), ("pickup_pdf", []), ("round_invoices", []),
    ("round_pay", None), ("supplier_payments", []), ("round_savings", []),
])
def test_a_cancelled_round_has_no_receipt_pickup_bills_or_payments(coop, board, make_user,
                                                                    name, extra):
    round_, item = soy_round(coop, board)
    with scope(cooperative=coop):
        services.cancel_round(round_=round_, actor=board, reason="Pemasok mundur")
    staff = signed_in(make_user(coop, Role.STAFF))
    target = url(name, coop, round_.pk)
    response = staff.post(target, {}) if extra is None else staff.get(target)
    assert response.status_code == 302
    assert response["Location"] == url("round", coop, round_.pk)
    assert flashed(response) == ["Pembelian bersama ini dibatalkan: tidak ada penerimaan, "
                                 "pengambilan, tagihan atau pembayaran."]


def test_a_cancelled_rounds_purchase_order_is_gone_for_the_supplier(coop, board, make_user):
    round_, item = soy_round(coop, board)
    login = make_user(coop, Role.SUPPLIER)
    with scope(cooperative=coop):
        Supplier.objects.filter(pk=item.price_list.supplier_id).update(user=login)
        services.cancel_round(round_=round_, actor=board, reason="Pemasok mundur")
    response = signed_in(login).get(url("po_pdf", coop, round_.pk,
                                        item.price_list.supplier_id))
    assert response.status_code == 404
