"""The dashboards' periods (pure: no database). A period is whole months, so every
figure per month lines up with the picker, and its comparison is the period of the same
length just before it (the previous month, the previous year)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

THIS_MONTH, THIS_YEAR, LAST_YEAR = "bulan-ini", "tahun-ini", "tahun-lalu"
CHOICES = [(THIS_MONTH, _("Bulan ini")), (THIS_YEAR, _("Tahun ini")),
           (LAST_YEAR, _("Tahun lalu"))]
# This year: the monthly charts have months to show, and it stays small for the
# queries early in the year.
DEFAULT = THIS_YEAR


def month_start(day: dt.date, back: int = 0) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - back, 12)
    return dt.date(year, month + 1, 1)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive; today at the latest for the running month or year

    @property
    def months(self) -> list[dt.date]:
        """The first day of each month of the period, in order."""
        out, month = [], month_start(self.start)
        while month <= self.end:
            out.append(month)
            month = month_start(month, -1)
        return out

    def bounds(self, tz) -> tuple[dt.datetime, dt.datetime]:
        """Local (WIB) midnights: a sale paid at 23:30 on the last day counts."""
        return (dt.datetime.combine(self.start, dt.time.min, tzinfo=tz),
                dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz))


def resolve(choice: str, today: dt.date) -> tuple[Period, Period]:
    """(the period, the one it is compared with). The running month or year ends today;
    its comparison covers the same days of the one before, so the two are like for like."""
    if choice == THIS_MONTH:
        start = month_start(today)
        before = month_start(today, 1)
        day = min(today.day, (start - dt.timedelta(days=1)).day)
        return Period(start, today), Period(before, before.replace(day=day))
    if choice == THIS_YEAR:
        start = dt.date(today.year, 1, 1)
        last = _same_day(today, today.year - 1)
        return Period(start, today), Period(dt.date(today.year - 1, 1, 1), last)
    if choice == LAST_YEAR:
        year = today.year - 1
        return (Period(dt.date(year, 1, 1), dt.date(year, 12, 31)),
                Period(dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31)))
    raise ValueError(choice)


def _same_day(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)
