"""No double booking, ever (PostgreSQL: parallel connections, and raw SQL that goes
around the services). 50 members booking the same slot at the same moment: exactly one
gets it, the others are told it is taken, and no two active slots overlap."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.resources.bookings import services
from guyub.resources.bookings.models import Booking, Slot
from guyub.testing.bookings import at, make_asset, make_member, weekday_at
from guyub.testing.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

OVERLAPS = """
SELECT count(*) FROM resources_slot a JOIN resources_slot b
  ON a.asset_id = b.asset_id AND a.unit_no = b.unit_no AND a.id < b.id
 WHERE a.active AND b.active
   AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
"""


def overlaps() -> int:
    with connection.cursor() as cursor:
        cursor.execute(OVERLAPS)
        return cursor.fetchone()[0]


def test_fifty_members_booking_one_slot_at_once_one_wins(coop):
    asset = make_asset(coop)
    members = [make_member(coop) for _ in range(50)]

    def attempt(member):
        return lambda: services.book(asset=asset, member=member, starts_at=at(2, 8),
                                     ends_at=at(2, 10), actor=member.user).pk

    results = at_once(coop, [attempt(m) for m in members])

    kinds = [kind for kind, _ in results]
    assert kinds.count("ok") == 1 and kinds.count("refused") == 49, results
    assert all("sudah dipesan" in message for kind, message in results if kind == "refused")
    with scopes_disabled():
        assert Booking.objects.filter(cooperative=coop).count() == 1
        assert Booking.objects.get(cooperative=coop).number == 1
    assert overlaps() == 0


def test_divisible_asset_under_parallel_bookings_never_exceeds_its_units(coop):
    asset = make_asset(coop, name="Ruang pendingin", units=5, unit_label="rak")
    members = [make_member(coop) for _ in range(12)]

    def attempt(member):
        return lambda: services.book(asset=asset, member=member, starts_at=at(2, 8),
                                     ends_at=at(2, 10), units=2, actor=member.user).pk

    results = at_once(coop, [attempt(m) for m in members])

    assert [kind for kind, _ in results].count("ok") == 2, results
    assert not [r for r in results if r[0] == "error"], results
    with scopes_disabled():
        assert Slot.objects.filter(asset=asset, active=True).count() == 4
        numbers = sorted(Booking.objects.filter(cooperative=coop)
                         .values_list("number", flat=True))
    assert numbers == [1, 2] and overlaps() == 0


def test_parallel_bookings_of_one_member_never_pass_the_weekly_cap(coop):
    asset = make_asset(coop, weekly_cap_hours=3)
    member = make_member(coop)

    # Two hours each, on four days of one ISO week: only one fits under 3 hours.
    results = at_once(coop, [lambda d=d: services.book(
        asset=asset, member=member, starts_at=weekday_at(2, d, 8),
        ends_at=weekday_at(2, d, 10), actor=member.user).pk for d in range(4)])

    assert [kind for kind, _ in results].count("ok") == 1, results
    assert all("Batas pemakaian" in m for kind, m in results if kind == "refused")


def test_raw_insert_of_an_overlapping_active_slot_is_refused_by_the_database(coop):
    asset = make_asset(coop)
    member = make_member(coop)
    booking = services_book(asset, member)
    sql = ("INSERT INTO resources_slot (cooperative_id, asset_id, unit_no, starts_at, "
           "ends_at, booking_id, active) VALUES (%s, %s, 1, %s, %s, %s, %s)")
    with pytest.raises(IntegrityError, match="slot_no_overlap"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [coop.pk, asset.pk, at(2, 9), at(2, 11), booking.pk, True])
    # An inactive slot, or one that starts when the other ends, is allowed.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [coop.pk, asset.pk, at(2, 9), at(2, 11), booking.pk, False])
        cursor.execute(sql, [coop.pk, asset.pk, at(2, 10), at(2, 11), booking.pk, True])
    assert overlaps() == 0


def services_book(asset, member):
    with scope(cooperative=asset.cooperative):
        return services.book(asset=asset, member=member, starts_at=at(2, 8),
                             ends_at=at(2, 10), actor=member.user)


def test_reactivating_a_cancelled_slot_over_a_new_booking_is_refused(coop):
    asset = make_asset(coop)
    first = services_book(asset, make_member(coop))
    with scope(cooperative=coop):
        services.cancel(booking=first, actor=None)
    second = services_book(asset, make_member(coop))
    assert second.pk and timezone.now() < second.starts_at
    with pytest.raises(IntegrityError, match="slot_no_overlap"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE resources_slot SET active = true WHERE booking_id = %s",
                           [first.pk])
