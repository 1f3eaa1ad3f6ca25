"""members.dues: how many monthly simpanan wajib dues are owed (pure, no database)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guyub.members.simpanan.dues import (
    first_due_date,
    months_due,
    months_in_arrears,
    months_overdue,
)

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
    assert months_in_arrears(dt.date(2025, 3, 5), dt.date(2025, 6, 30), paid,
                             due_day=10) == arrears


@given(join=dates, as_of=dates, paid=st.integers(min_value=0, max_value=1000),
       due_day=st.integers(min_value=1, max_value=28))
def test_arrears_never_exceed_the_dues_nor_go_below_zero(join, as_of, paid, due_day):
    arrears = months_in_arrears(join, as_of, paid, due_day=due_day)
    assert 0 <= arrears <= months_overdue(join, as_of, due_day) <= months_due(join, as_of)
    assert arrears == max(months_overdue(join, as_of, due_day) - paid, 0)


# --- the due day of the by-laws --------------------------------------------------------

@pytest.mark.parametrize("join, as_of, overdue", [
    # Joined on the 5th, due on the 10th: the joining month is late from the 11th.
    (dt.date(2025, 3, 5), dt.date(2025, 3, 5), 0),     # approved today: nothing late
    (dt.date(2025, 3, 5), dt.date(2025, 3, 10), 0),    # the due day itself: not late yet
    (dt.date(2025, 3, 5), dt.date(2025, 3, 11), 1),
    (dt.date(2025, 3, 5), dt.date(2025, 4, 10), 1),
    (dt.date(2025, 3, 5), dt.date(2025, 4, 11), 2),
    (dt.date(2025, 3, 5), dt.date(2025, 6, 30), 4),
    # Joined on the 10th: due that very day, late from the 11th.
    (dt.date(2025, 3, 10), dt.date(2025, 3, 10), 0),
    (dt.date(2025, 3, 10), dt.date(2025, 3, 11), 1),
    # Joined after the due day: the joining month is due with the next one.
    (dt.date(2025, 3, 20), dt.date(2025, 3, 31), 0),
    (dt.date(2025, 3, 20), dt.date(2025, 4, 10), 0),
    (dt.date(2025, 3, 20), dt.date(2025, 4, 11), 2),
    # Across the new year, and the 2nd of a month (the demo's "36 of 40 in arrears").
    (dt.date(2024, 12, 15), dt.date(2025, 1, 10), 0),
    (dt.date(2024, 12, 15), dt.date(2025, 1, 11), 2),
    (dt.date(2024, 1, 15), dt.date(2025, 3, 2), 14),   # Jan 2024 through Feb 2025
    (dt.date(2025, 3, 5), dt.date(2025, 3, 4), 0),     # not yet a member
    (None, dt.date(2025, 3, 4), 0),
])
def test_a_month_is_late_only_after_the_due_day(join, as_of, overdue):
    assert months_overdue(join, as_of, 10) == overdue


def test_the_first_due_date_is_the_first_due_day_on_or_after_joining():
    assert first_due_date(dt.date(2025, 3, 5), 10) == dt.date(2025, 3, 10)
    assert first_due_date(dt.date(2025, 3, 10), 10) == dt.date(2025, 3, 10)
    assert first_due_date(dt.date(2025, 12, 11), 10) == dt.date(2026, 1, 10)
    assert first_due_date(dt.date(2025, 1, 31), 28) == dt.date(2025, 2, 28)


@given(join=dates, as_of=dates, due_day=st.integers(min_value=1, max_value=28))
def test_a_member_is_never_late_on_the_day_they_join_or_before_the_first_due_date(
        join, as_of, due_day):
    assert months_overdue(join, join, due_day) == 0
    if as_of <= first_due_date(join, due_day):
        assert months_overdue(join, as_of, due_day) == 0
    else:
        assert months_overdue(join, as_of, due_day) >= 1


@given(join=dates, first=dates, second=dates, due_day=st.integers(min_value=1, max_value=28))
def test_overdue_months_only_grow_as_time_passes(join, first, second, due_day):
    earlier, later = sorted([first, second])
    assert months_overdue(join, earlier, due_day) <= months_overdue(join, later, due_day)


@given(join=dates, first=dates, second=dates)
def test_dues_only_grow_as_time_passes(join, first, second):
    earlier, later = sorted([first, second])
    assert months_due(join, earlier) <= months_due(join, later)
    # Once a member, every calendar month that passes adds exactly one month due.
    if join <= earlier:
        step = (later.year - earlier.year) * 12 + later.month - earlier.month
        assert months_due(join, later) - months_due(join, earlier) == step
