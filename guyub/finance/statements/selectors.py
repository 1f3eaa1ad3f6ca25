"""Reads of the books for the statements: one GROUP BY over the cooperative's journal
lines gives every account's sums before the previous year, in it and in the year,
closing lines apart (ledger_journalline has the index (cooperative, account, date))."""

import datetime as dt

from django.db.models import Case, IntegerField, Max, Min, Sum, Value, When

from guyub.ledger.models import Account, EntryKind, JournalEntry, JournalLine

from .books import BEFORE, CURRENT, PREVIOUS, ZERO, AccountFigures, Books


def books_for(cooperative, year: int) -> Books:
    """The figures of `year` and the year before, with the opening balances."""
    previous_start, start = dt.date(year - 1, 1, 1), dt.date(year, 1, 1)
    period = Case(When(date__lt=previous_start, then=Value(BEFORE)),
                  When(date__lt=start, then=Value(PREVIOUS)),
                  default=Value(CURRENT), output_field=IntegerField())
    closing = Case(When(kind=EntryKind.CLOSING, then=Value(1)), default=Value(0),
                   output_field=IntegerField())
    rows = (JournalLine.objects
            .filter(cooperative=cooperative, date__lte=dt.date(year, 12, 31))
            .annotate(period=period, closing=closing)
            .values("account_id", "period", "closing")
            .annotate(d=Sum("debit"), c=Sum("credit")).order_by())
    figures = {a.pk: AccountFigures(a) for a in
               Account.objects.filter(cooperative=cooperative).order_by("code")}
    for row in rows:
        figures[row["account_id"]].add(row["period"], bool(row["closing"]),
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
