"""The year's result from the books: income from members and from non-members apart
(SAK EP for cooperatives), other income, expenses, and the SHU split into the part
earned with members (shared out by the by-laws) and the part earned with non-members
(UU 25/1992: not shared out to members).

The split rule: the SHU is apportioned by participation income. Expenses and other
income are not traced to who the business was with, so they follow the income: the
non-member part is SHU × non-member income ÷ (member + non-member income), rounded to
the rupiah; the member part is the rest, so the two add up exactly. A deficit has no
member or non-member part to share.

Closing entries (kind "closing") are left out: the year's result is what the year
earned, whether or not it has been closed."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from guyub.ledger.chart import EXPENSE, INCOME
from guyub.ledger.models import Account, EntryKind, JournalLine

ZERO = Decimal(0)

# Participation income (pendapatan partisipasi anggota) and income from non-members.
MEMBER_INCOME = ("income_members", "income_commission", "loan_interest", "asset_fees_members")
NON_MEMBER_INCOME = ("income_non_members", "asset_fees_non_members")


@dataclass(frozen=True)
class YearResult:
    year: int
    income_members: Decimal
    income_non_members: Decimal
    income_other: Decimal
    expenses: Decimal

    @property
    def income(self) -> Decimal:
        return self.income_members + self.income_non_members + self.income_other

    @property
    def surplus(self) -> Decimal:
        """The year's SHU (negative: a deficit)."""
        return self.income - self.expenses

    @property
    def non_member_surplus(self) -> Decimal:
        business = self.income_members + self.income_non_members
        if self.surplus <= 0 or business <= 0:
            return ZERO
        return (self.surplus * self.income_non_members / business).quantize(
            Decimal(1), rounding=ROUND_HALF_UP)

    @property
    def member_surplus(self) -> Decimal:
        return max(self.surplus, ZERO) - self.non_member_surplus


def year_result(cooperative, year: int) -> YearResult:
    """One GROUP BY over the year's income and expense lines (closing lines left out)."""
    accounts = {a.pk: a for a in Account.objects.filter(cooperative=cooperative,
                                                        type__in=(INCOME, EXPENSE))}
    sums = (JournalLine.objects
            .filter(cooperative=cooperative, account_id__in=list(accounts),
                    date__year=year)
            .exclude(kind=EntryKind.CLOSING)
            .values("account_id").annotate(d=Sum("debit"), c=Sum("credit")).order_by())
    return result_of(year, ((accounts[row["account_id"]], row["d"] or ZERO, row["c"] or ZERO)
                            for row in sums))


def result_of(year: int, sums) -> YearResult:
    """The year's result from (account, debit, credit) sums of its income and expense
    accounts (other accounts are ignored): the one place that says which income is
    participation income, so the statements and the SHU read the same figures."""
    members = non_members = other = expenses = ZERO
    for account, debit, credit in sums:
        amount = account.signed(debit, credit)
        if account.type == EXPENSE:
            expenses += amount
        elif account.type != INCOME:
            continue
        elif account.role in MEMBER_INCOME:
            members += amount
        elif account.role in NON_MEMBER_INCOME:
            non_members += amount
        else:
            other += amount
    return YearResult(year=year, income_members=members, income_non_members=non_members,
                      income_other=other, expenses=expenses)
