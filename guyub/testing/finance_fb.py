"""Books for the year-end close tests: a year's income and expenses posted through the
ledger, and the sums the tests compare."""

import datetime as dt
from decimal import Decimal

from django.db.models import Sum
from django_scopes import scope

from guyub.ledger.models import ZERO, Account, EntryKind, JournalEntry, JournalLine
from guyub.ledger.services import Line, post_entry


def book(coop, day: dt.date, debit: str, credit: str, amount, *,
         kind: str = EntryKind.REGULAR, member=None) -> JournalEntry:
    """One two-line entry: `amount` from `debit` to `credit` (roles)."""
    with scope(cooperative=coop):
        return post_entry(cooperative=coop, date=day, description="Uji tutup buku", kind=kind,
                          lines=[Line(account=debit, debit=Decimal(amount), member=member),
                                 Line(account=credit, credit=Decimal(amount), member=member)])


def book_year(coop, year: int, *, members=0, non_members=0, other=0, cost=0,
              expenses=0) -> None:
    """A year of business: sales to members and non-members, other income, the cost
    of sales and operating expenses, each one entry dated in `year`."""
    for day, debit, credit, amount in (
            ((3, 10), "cash", "income_members", members),
            ((4, 2), "cash", "income_non_members", non_members),
            ((5, 20), "bank", "income_other", other),
            ((6, 30), "cost_of_sales", "inventory", cost),
            ((9, 1), "operating_expense", "cash", expenses)):
        if amount:
            book(coop, dt.date(year, *day), debit, credit, amount)


def balance(coop, role: str, *, year: int | None = None, kinds=None) -> Decimal:
    """An account's balance on its normal side: all lines, or `year`'s, of `kinds`."""
    with scope(cooperative=coop):
        account = Account.objects.get(cooperative=coop, role=role)
        lines = JournalLine.objects.filter(account=account)
        if year is not None:
            lines = lines.filter(date__year=year)
        if kinds is not None:
            lines = lines.filter(kind__in=kinds)
        sums = lines.aggregate(d=Sum("debit"), c=Sum("credit"))
        return account.signed(sums["d"] or ZERO, sums["c"] or ZERO)


def income_and_expense_balances(coop, year: int) -> dict[str, Decimal]:
    """{role: balance} of every income and expense account for `year`, all kinds."""
    with scope(cooperative=coop):
        roles = list(Account.objects.filter(cooperative=coop, type__in=("income", "expense"))
                     .values_list("role", flat=True))
    return {role: balance(coop, role, year=year) for role in roles}
