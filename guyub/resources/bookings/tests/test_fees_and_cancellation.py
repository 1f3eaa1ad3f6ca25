"""The money of a booking through the ledger: charged when confirmed, released when
cancelled in the free period or refused, kept when cancelled late; the books balance
after every step. Approval: a requested booking holds the time but costs nothing yet."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.ledger.selectors import member_balance
from guyub.notifications.models import Notice
from guyub.resources.bookings import services
from guyub.resources.bookings.models import Booking, Slot
from guyub.resources.notices import BOOKING_DECIDED, BOOKING_REQUESTED
from guyub.testing.bookings import at, book, make_asset, make_member
from guyub.testing.purchase_rounds import assert_books_balance

pytestmark = pytest.mark.django_db


def owed(member) -> Decimal:
    with scope(cooperative=member.cooperative):
        return member_balance(member=member, role="receivable_members")


def active_slots(booking) -> int:
    with scopes_disabled():
        return Slot.objects.filter(booking=booking, active=True).count()


def test_confirmed_booking_charges_the_fee_to_the_member(coop):
    member = make_member(coop)
    booking = book(make_asset(coop), member, at(3, 8), at(3, 11))
    assert booking.fee == Decimal("150000") and booking.charge_entry_id
    assert owed(member) == Decimal("150000")
    with scope(cooperative=coop):
        assert_books_balance()


# (hours before the start when cancelled, free_cancel_hours, fee still owed)
WINDOW = [(48, 24, Decimal(0)), (25, 24, Decimal(0)), (23, 24, Decimal("50000")),
          (2, 0, Decimal(0)), (1, 4, Decimal("50000"))]


@pytest.mark.parametrize("hours_before, free_hours, still_owed", WINDOW)
def test_cancellation_is_free_until_the_window(coop, monkeypatch, hours_before, free_hours,
                                               still_owed):
    member = make_member(coop)
    asset = make_asset(coop, free_cancel_hours=free_hours)
    booking = book(asset, member, at(5, 8), at(5, 9))
    later = booking.starts_at - dt.timedelta(hours=hours_before)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with scope(cooperative=coop):
        services.cancel(booking=booking, actor=member.user, reason="Tidak jadi")
        assert_books_balance()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert active_slots(booking) == 0
    assert owed(member) == still_owed


def test_started_booking_cannot_be_cancelled(coop, monkeypatch):
    member = make_member(coop)
    booking = book(make_asset(coop), member, at(5, 8), at(5, 9))
    monkeypatch.setattr(timezone, "now", lambda: booking.starts_at + dt.timedelta(minutes=1))
    with scope(cooperative=coop), pytest.raises(DomainError, match="sudah dimulai"):
        services.cancel(booking=booking, actor=member.user)
    assert active_slots(booking) == 1


def test_cancelled_twice_is_refused_the_second_time(coop):
    member = make_member(coop)
    booking = book(make_asset(coop), member, at(5, 8), at(5, 9))
    with scope(cooperative=coop):
        services.cancel(booking=booking, actor=member.user)
        with pytest.raises(DomainError, match="tidak dapat dibatalkan lagi"):
            services.cancel(booking=booking, actor=member.user)
        assert_books_balance()
    assert owed(member) == 0


def test_requested_booking_waits_for_staff_and_is_charged_on_approval(coop, board):
    member = make_member(coop)
    asset = make_asset(coop, requires_approval=True)
    booking = book(asset, member, at(4, 8), at(4, 10))
    assert booking.status == Booking.Status.REQUESTED and owed(member) == 0
    assert active_slots(booking) == 1  # the time is held while staff decide
    with scopes_disabled():
        assert Notice.objects.filter(topic=BOOKING_REQUESTED, user=board).exists()
    with scope(cooperative=coop):
        services.approve(booking=booking, actor=board)
        with pytest.raises(DomainError, match="tidak sedang menunggu"):
            services.approve(booking=booking, actor=board)
        assert_books_balance()
    assert owed(member) == Decimal("100000")
    with scopes_disabled():
        assert Notice.objects.filter(topic=BOOKING_DECIDED, user=member.user).exists()


def test_rejected_booking_frees_its_slots_and_owes_nothing(coop, board):
    member = make_member(coop)
    asset = make_asset(coop, requires_approval=True)
    booking = book(asset, member, at(4, 8), at(4, 10))
    with scope(cooperative=coop):
        services.reject(booking=booking, actor=board, reason="Mesin dipinjam panitia")
        assert_books_balance()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REJECTED and active_slots(booking) == 0
    assert owed(member) == 0
    # The time is free again.
    assert book(asset, make_member(coop), at(4, 8), at(4, 10)).pk


def _balance(coop, role) -> Decimal:
    from django.db.models import Sum

    from guyub.ledger.models import JournalLine
    with scope(cooperative=coop):
        sums = JournalLine.objects.filter(entry__cooperative=coop, account__role=role).aggregate(
            d=Sum("debit"), c=Sum("credit"))
    return (sums["d"] or 0) - (sums["c"] or 0)


@pytest.mark.parametrize("method", ["cash", "bank"])
def test_a_paid_fee_is_handed_back_when_cancelled_in_time(coop, method):
    from guyub.resources.charges.services import pay_booking
    member = make_member(coop)
    booking = book(make_asset(coop), member, at(3, 8), at(3, 11))
    with scope(cooperative=coop):
        pay_booking(booking=booking, actor=member.user, method=method)
        services.cancel(booking=Booking.objects.get(pk=booking.pk), actor=member.user,
                        reason="Tidak jadi")
        assert_books_balance()
    # No fee income is kept, the money went back out the way it came, nothing is owed.
    assert _balance(coop, "asset_fees_members") == 0
    assert _balance(coop, method) == 0
    assert owed(member) == 0


def test_a_fee_paid_from_sukarela_stays_as_a_credit_when_cancelled_in_time(coop):
    from guyub.members.simpanan.services import deposit_sukarela
    from guyub.resources.charges.services import pay_booking
    member = make_member(coop)
    booking = book(make_asset(coop), member, at(3, 8), at(3, 11))
    with scope(cooperative=coop):
        deposit_sukarela(member=member, actor=None, date=timezone.localdate(),
                         amount=Decimal(500_000))
        pay_booking(booking=booking, actor=member.user, method="sukarela")
        services.cancel(booking=Booking.objects.get(pk=booking.pk), actor=member.user,
                        reason="Tidak jadi")
        assert_books_balance()
    assert _balance(coop, "asset_fees_members") == 0
    assert owed(member) == -booking.fee  # the cooperative owes the member the fee
