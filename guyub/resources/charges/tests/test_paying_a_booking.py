"""Paying a booking's charged fee: cash, bank or simpanan sukarela, by staff or by the
member; each payment one balanced entry that clears the member's receivable, once."""

from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.ledger.selectors import member_balance
from guyub.members.simpanan.models import SimpananAccount
from guyub.resources.bookings.models import Booking
from guyub.resources.charges import services
from guyub.testing.resources import at, books, confirmed_booking, entry_count

FEE = Decimal("100000")


def owed(member):
    with scope(cooperative=member.cooperative):
        return member_balance(member=member, role="receivable_members")


def test_the_fee_is_on_the_members_account_until_paid(booked, tani):
    assert booked.fee == FEE
    assert owed(tani) == FEE
    assert books(booked.cooperative)["asset_fees_members"] == FEE


@pytest.mark.parametrize("method, account", [("cash", "cash"), ("bank", "bank")])
def test_staff_record_a_cash_or_bank_payment(booked, tani, board, method, account):
    with scope(cooperative=booked.cooperative):
        paid = services.pay_booking(booking=booked, actor=board, method=method)
    assert paid.payment == method and paid.paid_entry_id
    assert owed(tani) == 0
    balances = books(booked.cooperative)
    assert balances[account] == FEE
    assert balances["asset_fees_members"] == FEE


def test_paid_from_sukarela_the_savings_go_down_and_the_debt_is_cleared(booked, tani, board,
                                                                        fund):
    fund(tani, 150000)
    with scope(cooperative=booked.cooperative):
        services.pay_booking(booking=booked, actor=board, method="sukarela")
        account = SimpananAccount.objects.get(member=tani, kind="sukarela")
    assert account.balance == Decimal("50000")
    assert owed(tani) == 0
    assert books(booked.cooperative)["simpanan_sukarela"] == Decimal("50000")


def test_not_enough_sukarela_is_refused_and_nothing_is_written(booked, tani, board, fund):
    fund(tani, 99999)
    before = entry_count(booked.cooperative)
    with scope(cooperative=booked.cooperative), pytest.raises(DomainError) as refused:
        services.pay_booking(booking=booked, actor=board, method="sukarela")
    assert "tidak cukup" in str(refused.value.message)
    assert entry_count(booked.cooperative) == before
    with scope(cooperative=booked.cooperative):
        again = Booking.objects.get(pk=booked.pk)
        assert SimpananAccount.objects.get(member=tani, kind="sukarela").balance == 99999
    assert again.paid_entry_id is None and again.payment == ""
    assert owed(tani) == FEE


def test_a_fee_is_paid_once(booked, board):
    with scope(cooperative=booked.cooperative):
        services.pay_booking(booking=booked, actor=board, method="cash")
        with pytest.raises(DomainError, match="sudah dibayar"):
            services.pay_booking(booking=booked, actor=board, method="bank")
    assert books(booked.cooperative)["cash"] == FEE
    assert books(booked.cooperative).get("bank", 0) == 0


def test_an_unknown_method_and_a_non_members_sukarela_are_refused(machine, board, tomorrow):
    renter = confirmed_booking(machine, starts_at=at(tomorrow, 13), ends_at=at(tomorrow, 14),
                               actor=board, renter_name="CV Kopi Tamu")
    assert renter.fee == Decimal("80000")  # the non-member rate
    with scope(cooperative=machine.cooperative):
        with pytest.raises(DomainError):
            services.pay_booking(booking=renter, actor=board, method="cek")
        with pytest.raises(DomainError, match="non-anggota"):
            services.pay_booking(booking=renter, actor=board, method="sukarela")
        services.pay_booking(booking=renter, actor=board, method="cash")
    balances = books(machine.cooperative)
    assert balances["asset_fees_non_members"] == Decimal("80000")
    assert balances.get("receivable_buyers", 0) == 0


def test_a_released_fee_cannot_be_paid(booked, board):
    with scope(cooperative=booked.cooperative):
        services.release_charge(booking=booked, actor=board, reason="Batal tepat waktu")
        with pytest.raises(DomainError, match="Tidak ada biaya"):
            services.pay_booking(booking=booked, actor=board, method="cash")


def test_the_staff_pay_page_records_the_payment(client, booked, board, tani):
    client.force_login(board)
    url = f"/k/{booked.cooperative.slug}/sumber-daya/pemesanan/{booked.pk}/bayar/"
    page = client.get(url)
    assert page.status_code == 200 and b"Rp100.000" in page.content
    assert client.post(url, {"method": "nope"}).status_code == 200
    assert owed(tani) == FEE
    response = client.post(url, {"method": "bank"})
    assert response.status_code == 302
    assert owed(tani) == 0
    again = client.post(url, {"method": "bank"})
    assert again.status_code == 200
    assert books(booked.cooperative)["bank"] == FEE


def test_a_member_pays_their_own_booking_from_sukarela(client, booked, tani, fund):
    fund(tani, 100000)
    client.force_login(tani.user)
    url = f"/k/{booked.cooperative.slug}/saya/sumber-daya/pemesanan/{booked.pk}/bayar/"
    assert b"Rp100.000" in client.get(url).content
    assert client.post(url).status_code == 302
    assert owed(tani) == 0
    assert "sudah dibayar" in client.get(url).content.decode()


def test_a_member_cannot_open_or_pay_anothers_booking(client, coop, make_user, booked, tani,
                                                      fund):
    from guyub.testing.factories import MemberFactory

    other = make_user(coop, "member")
    MemberFactory(cooperative=coop, user=other)
    fund(tani, 100000)
    client.force_login(other)
    url = f"/k/{coop.slug}/saya/sumber-daya/pemesanan/{booked.pk}/bayar/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert owed(tani) == FEE


def test_my_bookings_links_the_unpaid_fee_to_its_payment_page(client, booked, tani):
    client.force_login(tani.user)
    page = client.get(f"/k/{booked.cooperative.slug}/saya/pemesanan/").content.decode()
    assert f"/saya/sumber-daya/pemesanan/{booked.pk}/bayar/" in page
