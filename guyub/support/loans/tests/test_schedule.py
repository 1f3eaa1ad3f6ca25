"""The instalment schedule: textbook cases and the properties every schedule keeps
(the principal adds up to the loan, the balance never goes negative, the last
instalment closes it)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guyub.support.loans.schedule import (
    DECLINING,
    FLAT,
    Instalment,
    add_months,
    early_payoff,
    schedule,
)

D = Decimal


def test_flat_textbook_case():
    # Rp12.000.000 over 12 months at 1 % a month, flat: 1.000.000 principal and 120.000
    # interest every month, Rp1.440.000 interest in all.
    rows = schedule(D(12_000_000), 12, D("0.01"), FLAT, dt.date(2026, 1, 10))
    assert {row.principal for row in rows} == {D(1_000_000)}
    assert {row.interest for row in rows} == {D(120_000)}
    assert sum(row.interest for row in rows) == D(1_440_000)
    assert [row.balance_after for row in rows[:2]] == [D(11_000_000), D(10_000_000)]


def test_declining_textbook_case():
    # Rp3.000.000 over 3 months at 2 %: interest 60.000, 40.000, 20.000.
    rows = schedule(D(3_000_000), 3, D("0.02"), DECLINING, dt.date(2026, 1, 10))
    assert [row.interest for row in rows] == [D(60_000), D(40_000), D(20_000)]
    assert [row.total for row in rows] == [D(1_060_000), D(1_040_000), D(1_020_000)]
    assert rows[-1].balance_after == 0


def test_left_over_rupiah_go_to_the_first_instalments():
    rows = schedule(D(1_000_001), 3, D(0), FLAT, dt.date(2026, 1, 10))
    assert [row.principal for row in rows] == [D(333_334), D(333_334), D(333_333)]


def test_interest_is_rounded_half_up_to_the_rupiah():
    rows = schedule(D(150), 1, D("0.01"), FLAT, dt.date(2026, 1, 10))
    assert rows[0].interest == D(2)  # 1,5 → 2


def test_due_dates_keep_the_day_and_the_month_end():
    rows = schedule(D(400_000), 4, D("0.01"), FLAT, dt.date(2026, 1, 31))
    assert [row.due for row in rows] == [dt.date(2026, 1, 31), dt.date(2026, 2, 28),
                                         dt.date(2026, 3, 31), dt.date(2026, 4, 30)]
    assert add_months(dt.date(2027, 11, 15), 3) == dt.date(2028, 2, 15)


@pytest.mark.parametrize("args", [
    (D(0), 12, D("0.01"), FLAT), (D(-5), 12, D("0.01"), FLAT), (D("10.5"), 2, D(0), FLAT),
    (D("NaN"), 2, D(0), FLAT), (D(1000), 0, D(0), FLAT), (D(1000), 2, D(-1), FLAT),
    (D(1000), 2, D(0), "balloon"),
])
def test_impossible_loans_are_refused(args):
    with pytest.raises(ValueError):
        schedule(*args, dt.date(2026, 1, 1))


def test_early_payoff_charges_only_the_month_in_progress():
    rows = schedule(D(3_000_000), 3, D("0.02"), DECLINING, dt.date(2026, 1, 10))
    # On 20 January, the first instalment paid: the rest of the principal and the
    # interest of February (the month in progress); March's interest is waived.
    assert early_payoff(rows[1:], dt.date(2026, 1, 20)) == (D(2_000_000), D(40_000))
    # On 15 March with February unpaid: February's interest (overdue) and March's.
    assert early_payoff(rows[1:], dt.date(2026, 3, 15)) == (D(2_000_000), D(60_000))
    assert early_payoff([], dt.date(2026, 3, 15)) == (0, 0)


# A schedule of 120 rows is quick to check, but the machine is shared: no time limits.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(principal=st.integers(min_value=1, max_value=10**12),
       months=st.integers(min_value=1, max_value=120),
       rate=st.decimals(min_value=0, max_value=D("0.1"), places=4),
       method=st.sampled_from([FLAT, DECLINING]),
       first_due=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)))
def test_every_schedule_adds_up_and_closes(principal, months, rate, method, first_due):
    rows = schedule(D(principal), months, rate, method, first_due)
    assert all(isinstance(row, Instalment) for row in rows)
    assert len(rows) == months
    assert sum(row.principal for row in rows) == principal
    assert all(row.principal >= 0 and row.interest >= 0 and row.balance_after >= 0
               for row in rows)
    assert all(row.principal == row.principal.to_integral_value() for row in rows)
    assert all(row.interest == row.interest.to_integral_value() for row in rows)
    assert rows[-1].balance_after == 0
    # Each balance is the one before less this instalment's principal.
    balance = D(principal)
    for row in rows:
        balance -= row.principal
        assert row.balance_after == balance
    # Parts differ by at most one rupiah; due dates rise month by month.
    assert max(r.principal for r in rows) - min(r.principal for r in rows) <= 1
    assert all(a.due < b.due for a, b in zip(rows, rows[1:], strict=False))
    if method == DECLINING:
        assert all(a.interest >= b.interest for a, b in zip(rows, rows[1:], strict=False))
    else:
        assert len({row.interest for row in rows}) == 1
