"""Reads of the books for the statements: one GROUP BY over the cooperative's journal
lines gives every account's sums before the previous year, in it and in the year,
closing lines apart (ledger_journalline has the index (cooperative, account, date))."""

import datetime as dt

from django.db.models import Case, IntegerField, Max, Min, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.ledger.models import Account, EntryKind, JournalEntry, JournalLine

from .books import BEFORE, CURRENT, PREVIOUS, ZERO, AccountFigures, Books


def books_for(cooperative, year: int) -> Books:
    """The figures of `year` and the year before, with the opening balances."""
    previous_start, start = dt.date(year - 1, 1, 1), dt.date(year, 1, 1)
    period = Case(When(date__lt=previous_start, then=Value(BEFORE)),
                  When(date__lt=start, then=Value(PREVIOUS)),
                  default=Value(CURRENT), output_field=IntegerField())
    rows = (JournalLine.objects
            .filter(cooperative=cooperative, date__lte=dt.date(year, 12, 31))
            .annotate(period=period)
            .values("account_id", "period", "kind")
            .annotate(d=Sum("debit"), c=Sum("credit")).order_by())
    figures = {a.pk: AccountFigures(a) for a in
               Account.objects.filter(cooperative=cooperative).order_by("code")}
    for row in rows:
        figures[row["account_id"]].add(row["period"], row["kind"] == EntryKind.CLOSING,
                                       row["d"] or ZERO, row["c"] or ZERO)
    return Books(year=year, accounts=list(figures.values()),
                 first_year=years_with_books(cooperative)[0])


def years_with_books(cooperative) -> tuple[int | None, int | None]:
    """The years of the first and the last journal entry (None, None: no entry yet)."""
    found = JournalEntry.objects.filter(cooperative=cooperative).aggregate(
        first=Min("date"), last=Max("date"))
    if found["first"] is None:
        return None, None
    return found["first"].year, found["last"].year


# The statements put the previous year beside the year, so the earliest is 1901.
EARLIEST, LATEST = 1901, 9999


def year_refusal(cooperative, year: int) -> str | None:
    """Why `year` has no statements to show (None: it has): not yet begun, or before
    the cooperative's books began. The page says so instead of showing empty columns."""
    first, _last = years_with_books(cooperative)
    today = timezone.localdate()
    if year > today.year:
        return _("Tahun buku %(year)s belum dimulai.") % {"year": year}
    if first is None:
        return _("Belum ada transaksi di buku koperasi ini.")
    if year < first:
        return _("Buku koperasi ini dimulai tahun %(first)s; tahun %(year)s belum ada "
                 "transaksinya.") % {"first": first, "year": year}
    return None


def years_offered(cooperative) -> list[int]:
    """The years the picker offers, newest first: from the first entry to this year."""
    first, _last = years_with_books(cooperative)
    this_year = timezone.localdate().year
    return list(range(this_year, (first or this_year) - 1, -1))
