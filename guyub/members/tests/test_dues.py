"""members.dues: how many monthly simpanan wajib dues are owed (pure, no database)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guyub.members.dues import months_due, months_in_arrears

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31))


@pytest.mark.parametrize("join, as_of, due", [
    (dt.date(2025, 3, 5), dt.date(2025, 3, 5), 1),     # the month of joining counts
    (dt.date(2025, 3, 31), dt.date(2025, 4, 1), 2),    # so does a day into the next month
    (dt.date(2025, 3, 5), dt.date(2025, 6, 30), 4),    # March to June
    (dt.date(2024, 11, 20), dt.date(2025, 2, 1), 4),   # across the new year
    (dt.date(2020, 1, 1), dt.date(2024, 12, 31), 60),
    (dt.date(2025, 3, 5), dt.date(2025, 3, 4), 0),     # not yet a member
    (None, dt.date(2025, 3, 4), 0),                    # never joined
])
def test_dues_run_from_the_month_of_joining_through_the_month_asked(join, as_of, due):
    assert months_due(join, as_of) == due


@pytest.mark.parametrize("paid, arrears", [(0, 4), (2, 2), (4, 0), (10, 0)])
def test_arrears_are_the_dues_not_yet_paid_and_never_negative(paid, arrears):
    assert months_in_arrears(dt.date(2025, 3, 5), dt.date(2025, 6, 30), paid) == arrears


@given(join=dates, as_of=dates, paid=st.integers(min_value=0, max_value=1000))
def test_arrears_never_exceed_the_dues_nor_go_below_zero(join, as_of, paid):
    arrears = months_in_arrears(join, as_of, paid)
    assert 0 <= arrears <= months_due(join, as_of)
    assert arrears == max(months_due(join, as_of) - paid, 0)


@given(join=dates, first=dates, second=dates)
def test_dues_only_grow_as_time_passes(join, first, second):
    earlier, later = sorted([first, second])
    assert months_due(join, earlier) <= months_due(join, later)
    # Once a member, every calendar month that passes adds exactly one month due.
    if join <= earlier:
        step = (later.year - earlier.year) * 12 + later.month - earlier.month
        assert months_due(join, later) - months_due(join, earlier) == step
