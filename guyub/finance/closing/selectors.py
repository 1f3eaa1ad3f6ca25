"""Reads of the year-end: which years have books, which are closed, what each year's
income and expense accounts hold, and why a year cannot be closed yet."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.finance.shu.models import ShuPlan
from guyub.finance.statements.results import YearResult, year_result
from guyub.ledger.chart import EXPENSE, INCOME
from guyub.ledger.models import ZERO, Account, EntryKind, JournalEntry, JournalLine

from .models import Adjustment, YearClose

# A year the calendar can hold (dt.date) with room for its 31 December; a URL's <int:year>
# may be anything.
FIRST_YEAR, LAST_YEAR = 1900, 9998


def valid_year(year: int) -> bool:
    return isinstance(year, int) and FIRST_YEAR <= year <= LAST_YEAR


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def net_balances(cooperative, lines) -> dict[Account, Decimal]:
    """{income or expense account: debit − credit} of `lines` (a JournalLine queryset),
    accounts whose lines cancel out left out."""
    accounts = {a.pk: a for a in Account.objects.filter(cooperative=cooperative,
                                                        type__in=(INCOME, EXPENSE))}
    sums = (lines.filter(account_id__in=list(accounts))
            .values("account_id").annotate(d=Sum("debit"), c=Sum("credit")).order_by())
    nets = {accounts[row["account_id"]]: (row["d"] or ZERO) - (row["c"] or ZERO)
            for row in sums}
    return {account: net for account, net in sorted(nets.items(), key=lambda i: i[0].code)
            if net}


def year_balances(cooperative, year: int) -> dict[Account, Decimal]:
    """What the closing entry moves: each income and expense account's balance for the
    year from its regular and adjusting lines (closing lines left out)."""
    lines = (JournalLine.objects.filter(cooperative=cooperative, date__year=year)
             .exclude(kind=EntryKind.CLOSING))
    return net_balances(cooperative, lines)


def first_entry_date(cooperative) -> dt.date | None:
    return (JournalEntry.objects.filter(cooperative=cooperative)
            .aggregate(d=Min("date"))["d"])


def years_with_entries(cooperative) -> list[int]:
    return sorted({d.year for d in JournalEntry.objects.filter(cooperative=cooperative)
                   .dates("date", "year")})


def closed_years(cooperative) -> set[int]:
    return set(YearClose.objects.filter(cooperative=cooperative)
               .values_list("year", flat=True))


def shu_posted(cooperative, year: int) -> bool:
    return ShuPlan.objects.filter(cooperative=cooperative, year=year,
                                  status=ShuPlan.Status.POSTED).exists()


def close_refusal(cooperative, year: int) -> str | None:
    """Why `year` cannot be closed now, in words for the board; None when it can."""
    today = timezone.localdate()
    if not valid_year(year) or year_end(year) >= today:
        return _("Tahun buku %(year)s belum berakhir; tutup buku dapat dilakukan mulai "
                 "1 Januari tahun berikutnya.") % {"year": year}
    if YearClose.objects.filter(cooperative=cooperative, year=year).exists():
        return _("Tahun buku %(year)s sudah ditutup.") % {"year": year}
    first = first_entry_date(cooperative)
    if first is None or year < first.year:
        return _("Tahun buku %(year)s sebelum transaksi pertama koperasi; tidak ada yang "
                 "ditutup.") % {"year": year}
    closed = closed_years(cooperative)
    still_open = [y for y in years_with_entries(cooperative) if y < year and y not in closed]
    if still_open:
        return _("Tahun buku %(open)s masih terbuka. Tutup buku dilakukan berurutan: tutup "
                 "dulu tahun %(open)s.") % {"open": still_open[0]}
    return None


def adjustment_refusal(close: YearClose) -> str | None:
    """Why the closed year cannot take an adjustment; None when it can."""
    if shu_posted(close.cooperative, close.year):
        # The SHU was shared out from the closed figure; changing that figure now would
        # leave members paid from a number the books no longer show.
        return _("SHU tahun buku %(year)s sudah dibukukan dan dibagikan, jadi angkanya "
                 "tidak dapat diubah lagi. Catat koreksinya sebagai transaksi tahun "
                 "berjalan.") % {"year": close.year}
    return None


@dataclass
class YearRow:
    """One year of books on the closing page."""

    year: int
    result: YearResult
    close: YearClose | None
    adjustments: list[Adjustment] = field(default_factory=list)
    refusal: str | None = None

    @property
    def can_close(self) -> bool:
        return self.close is None and self.refusal is None


def year_rows(cooperative) -> list[YearRow]:
    """Every year with entries or a close, newest first."""
    closes = {c.year: c for c in YearClose.objects.filter(cooperative=cooperative)
              .select_related("closed_by", "entry")}
    adjustments: dict[int, list[Adjustment]] = {}
    for adjustment in (Adjustment.objects.filter(cooperative=cooperative)
                       .select_related("close", "entry", "closing_entry", "recorded_by")):
        adjustments.setdefault(adjustment.close.year, []).append(adjustment)
    years = sorted(set(years_with_entries(cooperative)) | set(closes), reverse=True)
    return [YearRow(year=y, result=year_result(cooperative, y), close=closes.get(y),
                    adjustments=adjustments.get(y, []),
                    refusal=None if y in closes else close_refusal(cooperative, y))
            for y in years]
