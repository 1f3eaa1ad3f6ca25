"""Pure date rules of members' meetings (no database): when the accountability RAT of
a fiscal year is due.

A fiscal year is named by the calendar year it starts in: with the cooperative's
`fiscal_year_start_month` m, fiscal year Y runs from the 1st of month m of Y to the
day before the 1st of month m of Y + 1 (m = 1: the calendar year Y). The RAT that
accounts for it is due within six months after its end (UU 25/1992 and the usual
by-laws), i.e. by the day before the 1st of month m + 6 after the year ends."""

import datetime as dt

RAT_DUE_MONTHS = 6
# How many days before the deadline the board is reminded.
REMIND_DAYS = 30


def _first_of(year: int, month: int) -> dt.date:
    """The 1st of `month` of `year`, with months past 12 rolling into later years."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, 1)


def fiscal_year_end(year: int, start_month: int) -> dt.date:
    return _first_of(year + 1, start_month) - dt.timedelta(days=1)


def rat_deadline(year: int, start_month: int) -> dt.date:
    """The last day the accountability RAT of fiscal year `year` may be held."""
    return _first_of(year + 1, start_month + RAT_DUE_MONTHS) - dt.timedelta(days=1)


def last_ended_fiscal_year(today: dt.date, start_month: int) -> int:
    """The most recent fiscal year that has ended by `today` (its end is before it)."""
    year = today.year if today.month >= start_month else today.year - 1  # the running one
    return year - 1
