"""The officers' pages with what browsers (and people) really send: a good check, bad
input of every kind answered in Bahasa Indonesia without writing anything, double
submits, the delivery to the buyer, paying members, and the by-law setting."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.contracts.models import (
    BuyerInvoice,
    ContractSettings,
    Delivery,
    MemberPayment,
    Receipt,
)
from guyub.ledger.models import JournalEntry
from guyub.testing.contracts_deliveries import check_all, photo_upload


def check_url(coop, delivery):
    return f"/k/{coop.slug}/kontrak/pengiriman/{delivery.pk}/periksa/"


def check_data(allotment, **values):
    data = {"received": allotment.quantity, "accepted": allotment.quantity, "rejected": 0,
            "reason": "", "returned": 0, **values}
    return {"allotment": str(allotment.pk),
            **{f"a{allotment.pk}-{k}": v for k, v in data.items()}}


def written():
    with scopes_disabled():
        return (Receipt.objects.count(), MemberPayment.objects.count(),
                JournalEntry.objects.count())


def test_the_check_page_lists_each_allotment_with_its_form(board_client, coop, delivery,
                                                           rows):
    page = board_client.get(check_url(coop, delivery)).content.decode()
    for row in rows:
        assert f'id="allotment-{row.pk}"' in page
        assert row.member.owner_name in page
    assert f'name="a{rows[0].pk}-received"' in page


def test_a_rejection_with_reason_and_photo_is_recorded_through_the_page(
        board_client, coop, delivery, rows):
    data = check_data(rows[1], received=600, accepted=500, rejected=100,
                      reason="Kadar air 14 %", returned=100)
    data[f"a{rows[1].pk}-photo"] = photo_upload()
    response = board_client.post(check_url(coop, delivery), data)
    assert response.status_code == 302
    with scopes_disabled():
        receipt = Receipt.objects.get(allotment=rows[1])
    assert (receipt.accepted, receipt.rejected, receipt.reason) == (500, 100, "Kadar air 14 %")
    assert receipt.photo


@pytest.mark.parametrize("values, message", [
    ({"received": 600, "accepted": 500, "rejected": 50, "reason": "x"},
     "Lolos uji mutu ditambah ditolak"),
    ({"received": 700, "accepted": 700}, "lebih dari bagian anggota"),
    ({"received": 600, "accepted": 500, "rejected": 100}, "Tuliskan alasan penolakan"),
])
def test_an_impossible_check_is_answered_in_indonesian_and_writes_nothing(
        board_client, coop, delivery, rows, values, message):
    before = written()
    response = board_client.post(check_url(coop, delivery), check_data(rows[1], **values))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert written() == before == (0, 0, before[2])


@pytest.mark.parametrize("field, value", [
    ("received", "99999999999999999999"), ("received", "-5"), ("received", "enam ratus"),
    ("accepted", "1.5"), ("reason", "x" * 2001),
])
def test_bad_input_marks_its_field_and_writes_nothing(board_client, coop, delivery, rows,
                                                      field, value):
    before = written()
    data = check_data(rows[1], **{"received": 600, "accepted": 500, "rejected": 100,
                                  "reason": "Basah", field: value})
    response = board_client.post(check_url(coop, delivery), data)
    assert response.status_code == 200
    widget = re.search(rf'<(input|textarea)[^>]*name="a{rows[1].pk}-{field}"[^>]*>',
                       response.content.decode())
    assert 'aria-invalid="true"' in widget.group(0)
    assert written() == before


def test_a_nul_byte_is_refused_before_anything_is_written(board_client, coop, delivery, rows):
    before = written()
    data = check_data(rows[1], received=600, accepted=500, rejected=100, reason="ba\x00sah")
    assert board_client.post(check_url(coop, delivery), data).status_code == 400
    assert written() == before


def test_a_photo_that_is_not_an_image_is_refused_by_the_page(board_client, coop, delivery,
                                                             rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = check_data(rows[1], received=600, accepted=500, rejected=100, reason="Basah")
    data[f"a{rows[1].pk}-photo"] = SimpleUploadedFile("foto.jpg", b"GIF89a bukan",
                                                      content_type="image/jpeg")
    response = board_client.post(check_url(coop, delivery), data)
    assert response.status_code == 200
    with scopes_disabled():
        assert not Receipt.objects.exists()


@pytest.mark.parametrize("allotment", ["", "abc", "99999999999999999999999", "0"])
def test_an_unknown_allotment_is_not_found(board_client, coop, delivery, allotment):
    response = board_client.post(check_url(coop, delivery), {"allotment": allotment})
    assert response.status_code == 404


def test_a_double_submitted_check_is_booked_once(board_client, coop, delivery, rows):
    data = check_data(rows[0])
    assert board_client.post(check_url(coop, delivery), data).status_code == 302
    again = board_client.post(check_url(coop, delivery), data, follow=True)
    assert "sudah diperiksa" in again.content.decode()
    with scopes_disabled():
        assert Receipt.objects.count() == 1
        assert MemberPayment.objects.count() == 1


def test_the_delivery_goes_to_the_buyer_once(board_client, coop, delivery, board):
    check_all(delivery, board)
    url = f"/k/{coop.slug}/kontrak/pengiriman/{delivery.pk}/kirim/"
    assert board_client.post(url).status_code == 302
    again = board_client.post(url, follow=True)
    assert "hanya sekali" in again.content.decode()
    with scopes_disabled():
        assert BuyerInvoice.objects.count() == 1
        assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.DELIVERED


def test_the_board_pays_members_from_the_page_once(board_client, coop, delivery, board):
    check_all(delivery, board)
    with scopes_disabled():
        ids = list(MemberPayment.objects.values_list("pk", flat=True))
    url = f"/k/{coop.slug}/kontrak/pembayaran-anggota/"
    page = board_client.get(url).content.decode()
    assert all(f'id="payment-{pk}"' in page for pk in ids)
    data = {"payments": ids, "paid_on": timezone.localdate().isoformat(), "method": "bank"}
    assert board_client.post(url, data).status_code == 302
    entries = written()[2]
    again = board_client.post(url, data, follow=True)
    assert "sudah dibayar" in again.content.decode()
    assert written()[2] == entries
    with scopes_disabled():
        assert set(MemberPayment.objects.values_list("status", flat=True)) == {"paid"}


@pytest.mark.parametrize("paid_on", ["2026-02-30", "", "9999-12-31", "99999-01-01"])
def test_an_impossible_payment_date_pays_nobody(board_client, coop, delivery, board, paid_on):
    check_all(delivery, board)
    with scopes_disabled():
        ids = list(MemberPayment.objects.values_list("pk", flat=True))
    response = board_client.post(f"/k/{coop.slug}/kontrak/pembayaran-anggota/",
                                 {"payments": ids, "paid_on": paid_on, "method": "bank"},
                                 follow=True)
    assert response.status_code == 200
    with scopes_disabled():
        assert set(MemberPayment.objects.values_list("status", flat=True)) == {"due"}


def test_overdue_member_payments_are_flagged(board_client, coop, delivery, board):
    check_all(delivery, board)
    with scopes_disabled():
        late = MemberPayment.objects.order_by("pk").first()
        MemberPayment.objects.filter(pk=late.pk).update(
            due_on=timezone.localdate() - dt.timedelta(days=1))
    page = board_client.get(f"/k/{coop.slug}/kontrak/pembayaran-anggota/").content.decode()
    assert f'id="payment-{late.pk}" class="overdue"' in page
    assert "1 pembayaran sudah lewat jatuh tempo" in page


def test_the_board_sets_the_payment_days_and_margin(board_client, coop):
    url = f"/k/{coop.slug}/kontrak/pengaturan-pembayaran/"
    assert board_client.get(url).status_code == 200
    assert board_client.post(url, {"member_payment_days": "5",
                                   "fee_pct": "6.5"}).status_code == 302
    with scopes_disabled():
        settings = ContractSettings.objects.get(cooperative=coop)
    assert (settings.member_payment_days, settings.fee_pct) == (5, Decimal("6.5"))


@pytest.mark.parametrize("data", [{"member_payment_days": "91", "fee_pct": "5"},
                                  {"member_payment_days": "7", "fee_pct": "50.01"},
                                  {"member_payment_days": "7", "fee_pct": "-1"},
                                  {"member_payment_days": "7\x00", "fee_pct": "5"},
                                  {"member_payment_days": "7", "fee_pct": "1e400"}])
def test_a_bad_setting_is_refused(board_client, coop, data):
    response = board_client.post(f"/k/{coop.slug}/kontrak/pengaturan-pembayaran/", data)
    # The NUL byte is turned away at the door (400); the rest get their form errors.
    assert response.status_code == (400 if "\x00" in data["member_payment_days"] else 200)
    with scopes_disabled():
        assert not ContractSettings.objects.filter(cooperative=coop).exists()
