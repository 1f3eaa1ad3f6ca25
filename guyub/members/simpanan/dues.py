"""Simpanan wajib dues (pure functions, no database)."""

import datetime as dt


def months_due(join_date: dt.date | None, as_of: dt.date) -> int:
    """Monthly dues owed from the month of joining through the month of `as_of`, inclusive."""
    if join_date is None or join_date > as_of:
        return 0
    return (as_of.year - join_date.year) * 12 + (as_of.month - join_date.month) + 1


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def first_due_date(join_date: dt.date, due_day: int) -> dt.date:
    """The first due day on or after joining: a member who joins after this month's due
    day pays the joining month together with the next one."""
    if join_date.day <= due_day:
        return join_date.replace(day=due_day)
    year, month = _add_months(join_date.year, join_date.month, 1)
    return dt.date(year, month, due_day)


def months_overdue(join_date: dt.date | None, as_of: dt.date, due_day: int) -> int:
    """Monthly dues whose due date has passed by `as_of`: the month of joining through
    the last month whose due day is before `as_of` (on the due day itself it is not late
    yet). The month of joining is due on `first_due_date`."""
    if join_date is None or join_date > as_of:
        return 0
    if first_due_date(join_date, due_day) >= as_of:
        return 0
    last_year, last_month = as_of.year, as_of.month
    if as_of.day <= due_day:  # this month's dues are not late yet
        last_year, last_month = _add_months(as_of.year, as_of.month, -1)
    return max((last_year - join_date.year) * 12 + (last_month - join_date.month) + 1, 0)


def months_in_arrears(join_date: dt.date | None, as_of: dt.date, months_paid: int, *,
                      due_day: int) -> int:
    """Months past their due day and not yet paid. Paying ahead is allowed, so it never
    goes below zero. `due_day` comes from the by-laws (Cooperative.simpanan_wajib_due_day)."""
    return max(months_overdue(join_date, as_of, due_day) - months_paid, 0)
