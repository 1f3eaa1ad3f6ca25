"""Recurring series (all or nothing, the clashing week named) and the waiting list
(first come first served, the freed time booked for the first member it fits)."""

import datetime as dt

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.notifications.models import Notice
from guyub.resources.bookings import services
from guyub.resources.bookings.models import Booking, WaitlistEntry
from guyub.resources.notices import BOOKING_WAITLISTED, SLOT_FREED
from guyub.testing.bookings import at, book, make_asset, make_member

pytestmark = pytest.mark.django_db
WEEK = dt.timedelta(weeks=1)


def test_series_books_the_same_slot_each_week(coop):
    asset, member = make_asset(coop), make_member(coop)
    first = book(asset, member, at(2, 8), at(2, 10), repeat_weeks=3)
    with scopes_disabled():
        series = list(Booking.objects.filter(series=first).order_by("starts_at"))
    assert [b.starts_at for b in series] == [at(2, 8) + n * WEEK for n in range(4)]
    assert [b.number for b in series] == [1, 2, 3, 4]


def test_series_with_a_clashing_week_books_nothing_and_names_it(coop):
    asset = make_asset(coop)
    book(asset, make_member(coop), at(2, 9) + 2 * WEEK, at(2, 11) + 2 * WEEK)
    member = make_member(coop)
    with pytest.raises(DomainError, match="Minggu ke-3") as refusal:
        book(asset, member, at(2, 8), at(2, 10), repeat_weeks=3)
    assert (at(2, 8) + 2 * WEEK).strftime("%d-%m-%Y") in str(refusal.value.message)
    with scopes_disabled():
        assert not Booking.objects.filter(member=member).exists()


def wait(asset, member, start, end, units=1):
    with scope(cooperative=asset.cooperative):
        return services.join_waitlist(asset=asset, member=member, starts_at=start,
                                      ends_at=end, units=units, actor=member.user)


def test_waitlist_only_for_a_full_time_and_tells_the_position(coop):
    asset = make_asset(coop)
    holder = make_member(coop)
    with pytest.raises(DomainError, match="masih kosong"):
        wait(asset, make_member(coop), at(2, 8), at(2, 10))
    book(asset, holder, at(2, 8), at(2, 10))
    first, second = make_member(coop), make_member(coop)
    assert wait(asset, first, at(2, 8), at(2, 10)).position == 1
    assert wait(asset, second, at(2, 9), at(2, 10)).position == 2
    with pytest.raises(DomainError, match="sudah di daftar tunggu"):
        wait(asset, second, at(2, 9), at(2, 10))
    with scopes_disabled():
        notice = Notice.objects.get(topic=BOOKING_WAITLISTED, user=second.user)
        assert notice.params["position"] == "2"


def test_cancellation_books_the_freed_time_for_the_first_waiting_member(coop):
    asset = make_asset(coop)
    holder = make_member(coop)
    booking = book(asset, holder, at(2, 8), at(2, 10))
    first, second = make_member(coop), make_member(coop)
    wait(asset, first, at(2, 8), at(2, 10))
    wait(asset, second, at(2, 8), at(2, 10))
    with scope(cooperative=coop):
        services.cancel(booking=booking, actor=holder.user)
    with scopes_disabled():
        got = Booking.objects.get(member=first)
        assert got.status == Booking.Status.CONFIRMED and got.starts_at == at(2, 8)
        assert not Booking.objects.filter(member=second).exists()
        assert WaitlistEntry.objects.get(member=first).status == WaitlistEntry.Status.BOOKED
        assert WaitlistEntry.objects.get(member=second).status == WaitlistEntry.Status.WAITING
        assert Notice.objects.filter(topic=SLOT_FREED, user=first.user).exists()
        assert not Notice.objects.filter(topic=SLOT_FREED, user=second.user).exists()


def test_a_wish_that_does_not_fit_lets_the_next_one_have_it(coop):
    # The first waiting member wants 8–12, but only 8–10 frees (10–12 stays booked): the
    # second, who wants 8–10, gets it.
    asset = make_asset(coop)
    early, late = make_member(coop), make_member(coop)
    freed = book(asset, early, at(2, 8), at(2, 10))
    book(asset, late, at(2, 10), at(2, 12))
    greedy, modest = make_member(coop), make_member(coop)
    wait(asset, greedy, at(2, 8), at(2, 12))
    wait(asset, modest, at(2, 8), at(2, 10))
    with scope(cooperative=coop):
        services.cancel(booking=freed, actor=early.user)
    with scopes_disabled():
        assert not Booking.objects.filter(member=greedy).exists()
        assert Booking.objects.get(member=modest).starts_at == at(2, 8)


def test_cancelled_maintenance_frees_time_for_the_waiting_list(coop, board):
    asset = make_asset(coop)
    holder, member = make_member(coop), make_member(coop)
    booking = book(asset, holder, at(3, 8), at(3, 10))
    wait(asset, member, at(3, 8), at(3, 12))
    with scope(cooperative=coop):
        window = services.schedule_maintenance(asset=asset, starts_at=at(3, 10),
                                               ends_at=at(3, 12), note="Servis", actor=board)
        services.cancel(booking=booking, actor=holder.user)
    with scopes_disabled():  # 10–12 is still under maintenance: the wish does not fit yet
        assert not Booking.objects.filter(member=member).exists()
    with scope(cooperative=coop):
        services.cancel_maintenance(window=window, actor=board)
    with scopes_disabled():
        assert Booking.objects.get(member=member).ends_at == at(3, 12)


def test_expired_entries_are_not_offered(coop, monkeypatch):
    from django.utils import timezone

    asset = make_asset(coop)
    holder = make_member(coop)
    book(asset, holder, at(2, 8), at(2, 10))
    member = make_member(coop)
    entry = wait(asset, member, at(2, 8), at(2, 10))
    later = at(2, 9)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with scope(cooperative=coop):
        expired = services.expire_waitlist(cooperative=coop)
    assert [e.pk for e in expired] == [entry.pk]
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.EXPIRED


def test_maintenance_refused_over_a_booking_names_it(coop, board):
    asset = make_asset(coop)
    booking = book(asset, make_member(coop), at(3, 8), at(3, 10))
    with scope(cooperative=coop), pytest.raises(DomainError, match=str(booking)):
        services.schedule_maintenance(asset=asset, starts_at=at(3, 6), ends_at=at(3, 12),
                                      note="", actor=board)
