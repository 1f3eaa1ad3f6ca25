"""Simpanan wajib dues (pure functions, no database)."""

import datetime as dt


def months_due(join_date: dt.date | None, as_of: dt.date) -> int:
    """Monthly dues owed from the month of joining through the month of `as_of`, inclusive."""
    if join_date is None or join_date > as_of:
        return 0
    return (as_of.year - join_date.year) * 12 + (as_of.month - join_date.month) + 1


def months_in_arrears(join_date: dt.date | None, as_of: dt.date, months_paid: int) -> int:
    """Months not yet paid. Paying ahead is allowed, so it never goes below zero."""
    return max(months_due(join_date, as_of) - months_paid, 0)
