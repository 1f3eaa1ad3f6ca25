"""The calendar's day cut into segments (pure): free time, a divisible asset's units
left, maintenance over everything, the member's own booking marked."""

import datetime as dt

from guyub.resources.bookings.rules import Hold, segments

DAY = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)


def h(hour):
    return DAY + dt.timedelta(hours=hour)


def states(segs):
    return [(s.starts_at.hour, s.ends_at.hour if s.ends_at.day == 7 else 24, s.state, s.free)
            for s in segs]


def test_a_free_day_is_one_free_segment():
    assert states(segments(h(0), h(24), [], 1)) == [(0, 24, "free", 1)]


def test_bookings_and_maintenance_cut_the_day():
    holds = [Hold(h(8), h(10), 1, "booking"), Hold(h(10), h(12), 1, "booking", mine=True),
             Hold(h(14), h(16), 1, "maintenance")]
    segs = segments(h(0), h(24), holds, 1)
    assert states(segs) == [(0, 8, "free", 1), (8, 10, "full", 0), (10, 12, "full", 0),
                            (12, 14, "free", 1), (14, 16, "maintenance", 0),
                            (16, 24, "free", 1)]
    assert [s.mine for s in segs] == [False, False, True, False, False, False]


def test_divisible_asset_shows_units_left():
    holds = [Hold(h(8), h(12), 2, "booking"), Hold(h(10), h(14), 1, "booking")]
    assert states(segments(h(0), h(24), holds, 3)) == [
        (0, 8, "free", 3), (8, 10, "partly", 1), (10, 12, "full", 0), (12, 14, "partly", 2),
        (14, 24, "free", 3)]


def test_a_booking_over_midnight_is_cut_at_the_day():
    holds = [Hold(h(-2), h(3), 1, "booking")]
    assert states(segments(h(0), h(24), holds, 1)) == [(0, 3, "full", 0), (3, 24, "free", 1)]
