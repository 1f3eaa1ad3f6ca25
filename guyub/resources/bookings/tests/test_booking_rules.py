"""Who may book what, when: each rule of the booking service refuses with its own
Indonesian message and writes nothing; what passes holds one slot per unit."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.members.models import Member
from guyub.resources.bookings import services
from guyub.resources.bookings.models import Booking, Slot
from guyub.testing.bookings import at, book, make_asset, make_member, qualify, weekday_at

pytestmark = pytest.mark.django_db


def counts(coop):
    with scopes_disabled():
        return (Booking.objects.filter(cooperative=coop).count(),
                Slot.objects.filter(cooperative=coop, active=True).count())


def _training(coop, board):
    asset = make_asset(coop, required_training="Pelatihan sangrai")
    return asset, make_member(coop)


def _cap(coop, board):
    asset = make_asset(coop, weekly_cap_hours=4)
    member = make_member(coop)
    book(asset, member, weekday_at(2, 1, 8), weekday_at(2, 1, 11))  # Tuesday, 3 hours
    return asset, member


def _maintenance(coop, board):
    asset = make_asset(coop)
    with scope(cooperative=coop):
        services.schedule_maintenance(asset=asset, starts_at=at(2, 6), ends_at=at(2, 12),
                                      note="Ganti sabuk", actor=board)
    return asset, make_member(coop)


def _cold_room_full(coop, board):
    asset = make_asset(coop, name="Ruang pendingin", units=3, unit_label="rak")
    book(asset, make_member(coop), at(2, 8), at(2, 10), units=2)
    return asset, make_member(coop)


def _inactive(coop, board):
    return make_asset(coop, active=False), make_member(coop)


def _exited(coop, board):
    member = make_member(coop)
    with scopes_disabled():
        Member.objects.filter(pk=member.pk).update(status=Member.Status.EXITED)
        member.refresh_from_db()
    return make_asset(coop), member


def _plain(coop, board):
    return make_asset(coop), make_member(coop)


# (case, world, start, end, extra arguments, the message's telling words)
REFUSALS = [
    ("untrained member", _training, (2, 8), (2, 10), {}, "pelatihan"),
    ("over the weekly cap", _cap, lambda: weekday_at(2, 3, 8), lambda: weekday_at(2, 3, 10), {},
     "Batas pemakaian"),
    ("during maintenance", _maintenance, (2, 9), (2, 10), {}, "perawatan"),
    ("more units than are free", _cold_room_full, (2, 9), (2, 11), {"units": 2},
     "tinggal 1 dari 3"),
    ("more units than the asset has", _plain, (2, 8), (2, 10), {"units": 2},
     "hanya punya 1"),
    ("inactive asset", _inactive, (2, 8), (2, 10), {}, "tidak dapat dipesan"),
    ("exited member", _exited, (2, 8), (2, 10), {}, "anggota aktif"),
    ("start in the past", _plain, (-1, 8), (-1, 10), {}, "sudah lewat"),
    ("end before start", _plain, (2, 10), (2, 8), {}, "sesudah waktu mulai"),
    ("longer than a month", _plain, (2, 8), (40, 8), {}, "paling lama"),
    ("more than a year ahead", _plain, (400, 8), (400, 10), {}, "satu tahun"),
    ("zero units", _plain, (2, 8), (2, 10), {"units": 0}, "minimal 1"),
    ("note with NUL", _plain, (2, 8), (2, 10), {"note": "a\x00b"}, "NUL"),
    ("too many repeats", _plain, (2, 8), (2, 10), {"repeat_weeks": 53}, "paling banyak"),
]


@pytest.mark.parametrize("case, world, start, end, extra, words", REFUSALS,
                         ids=[row[0] for row in REFUSALS])
def test_refused_booking_says_why_and_writes_nothing(coop, board, case, world, start, end,
                                                     extra, words):
    asset, member = world(coop, board)
    before = counts(coop)
    starts_at = start() if callable(start) else at(*start)
    ends_at = end() if callable(end) else at(*end)
    with pytest.raises(DomainError, match=words):
        book(asset, member, starts_at, ends_at, **extra)
    assert counts(coop) == before


def test_trained_member_books_the_roaster(coop):
    asset, member = make_asset(coop, required_training="Pelatihan sangrai"), make_member(coop)
    qualify(asset, member)
    booking = book(asset, member, at(2, 8), at(2, 10))
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.fee == Decimal("100000")  # two hours at the member rate


def test_cap_counts_only_the_same_iso_week(coop):
    asset, member = _cap(coop, None)
    # The Monday after: the 3 hours already booked count in the week before.
    monday = weekday_at(3, 0, 8)
    assert book(asset, member, monday, monday + dt.timedelta(hours=4)).pk
    # Sunday of the same week as those 3 hours: 1 more hour fits, 2 do not.
    sunday = weekday_at(2, 6, 8)
    assert book(asset, member, sunday, sunday + dt.timedelta(hours=1)).pk
    with pytest.raises(DomainError, match="Batas pemakaian"):
        book(asset, member, sunday + dt.timedelta(hours=2), sunday + dt.timedelta(hours=4))


def test_divisible_asset_gives_distinct_free_units(coop):
    asset = make_asset(coop, name="Gudang", units=5, unit_label="palet")
    first = book(asset, make_member(coop), at(2, 8), at(2, 12), units=2)
    second = book(asset, make_member(coop), at(2, 10), at(2, 14), units=3)
    with scopes_disabled():
        assert sorted(first.slots.values_list("unit_no", flat=True)) == [1, 2]
        assert sorted(second.slots.values_list("unit_no", flat=True)) == [3, 4, 5]


def test_back_to_back_bookings_both_fit(coop):
    asset = make_asset(coop)
    book(asset, make_member(coop), at(2, 8), at(2, 10))
    assert book(asset, make_member(coop), at(2, 10), at(2, 12)).pk


def test_taken_slot_is_refused_as_taken(coop):
    asset = make_asset(coop)
    book(asset, make_member(coop), at(2, 8), at(2, 10))
    with pytest.raises(services.SlotTaken, match="sudah dipesan"):
        book(asset, make_member(coop), at(2, 9), at(2, 11))


def test_numbers_follow_each_other_per_cooperative(coop, other_coop):
    asset, elsewhere = make_asset(coop), make_asset(other_coop)
    numbers = [book(asset, make_member(coop), at(2, h), at(2, h + 1)).number
               for h in (8, 9, 10)]
    assert numbers == [1, 2, 3]
    assert book(elsewhere, make_member(other_coop), at(2, 8), at(2, 9)).number == 1


def test_non_member_renter_pays_the_other_rate(coop, board):
    asset = make_asset(coop)
    with scope(cooperative=coop):
        booking = services.book(asset=asset, renter_name="CV Kopi Kita", starts_at=at(2, 8),
                                ends_at=at(2, 9), actor=board)
    assert booking.fee == Decimal("80000") and booking.member is None
    with scope(cooperative=coop), pytest.raises(DomainError, match="nama penyewa"):
        services.book(asset=asset, starts_at=at(3, 8), ends_at=at(3, 9), actor=board)


def test_a_second_submit_of_the_same_booking_says_it_is_already_booked(coop):
    asset, member = make_asset(coop, units=3, name="Rak pendingin"), make_member(coop)
    first = book(asset, member, at(2, 8), at(2, 10))
    with pytest.raises(DomainError, match=f"sudah memesan .*{first}"):
        book(asset, member, at(2, 8), at(2, 10))
    assert counts(coop) == (1, 1)
