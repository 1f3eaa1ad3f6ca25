"""The accountability RAT's deadline: six months after the fiscal year ends, for a
fiscal year starting in January and one starting in July."""

import datetime as dt

import pytest

from guyub.governance.meetings import rules

D = dt.date


@pytest.mark.parametrize("year, start_month, year_end, deadline", [
    (2025, 1, D(2025, 12, 31), D(2026, 6, 30)),
    (2024, 1, D(2024, 12, 31), D(2025, 6, 30)),
    (2025, 7, D(2026, 6, 30), D(2026, 12, 31)),
    (2023, 7, D(2024, 6, 30), D(2024, 12, 31)),
    # April start: the year ends in March, the RAT is due by the end of September.
    (2025, 4, D(2026, 3, 31), D(2026, 9, 30)),
])
def test_the_rat_is_due_six_months_after_the_year_ends(year, start_month, year_end,
                                                       deadline):
    assert rules.fiscal_year_end(year, start_month) == year_end
    assert rules.rat_deadline(year, start_month) == deadline


@pytest.mark.parametrize("today, start_month, year", [
    (D(2026, 1, 1), 1, 2025),
    (D(2025, 12, 31), 1, 2024),   # 2025 has not ended yet
    (D(2026, 7, 1), 7, 2025),     # FY 2025 (Jul 2025 - Jun 2026) ended yesterday
    (D(2026, 6, 30), 7, 2024),
    (D(2026, 3, 15), 7, 2024),
])
def test_the_last_ended_fiscal_year(today, start_month, year):
    assert rules.last_ended_fiscal_year(today, start_month) == year
