"""The figures every statement is made of: per account, the debit and credit sums of the
lines before the previous year, in the previous year and in the year, with closing
lines apart. Pure: the selectors fill it from one GROUP BY; the statements read it."""

from dataclasses import dataclass, field
from decimal import Decimal

from guyub.ledger.chart import EXPENSE, INCOME

ZERO = Decimal(0)

# The periods a line falls in, counted from the oldest.
BEFORE, PREVIOUS, CURRENT = 0, 1, 2
# The columns of a comparative statement: the year first, the previous year beside it.
COLUMNS = (CURRENT, PREVIOUS)


@dataclass
class AccountFigures:
    account: object  # guyub.ledger.models.Account
    # (period, closing?) -> [debit, credit]
    sums: dict = field(default_factory=dict)

    def add(self, period: int, closing: bool, debit: Decimal, credit: Decimal) -> None:
        found = self.sums.setdefault((period, closing), [ZERO, ZERO])
        found[0] += debit
        found[1] += credit

    def totals(self, period: int, closing: bool = False) -> tuple[Decimal, Decimal]:
        debit, credit = self.sums.get((period, closing), (ZERO, ZERO))
        return debit, credit

    def flow(self, period: int, closing: bool = False) -> Decimal:
        """The period's movement on the account's normal side (closing lines apart)."""
        return self.account.signed(*self.totals(period, closing))

    def balance(self, through: int) -> Decimal:
        """The balance at the end of period `through` (every line, closing ones too)."""
        return sum((self.flow(p, c) for p in range(through + 1) for c in (False, True)),
                   ZERO)

    def cash_effect(self, period: int) -> Decimal:
        """What the period's non-closing lines on this account did to cash: credits
        bring money in, debits take it out (indirect method)."""
        debit, credit = self.totals(period)
        return credit - debit

    @property
    def is_result(self) -> bool:
        return self.account.type in (INCOME, EXPENSE)


@dataclass
class Books:
    year: int
    accounts: list[AccountFigures]
    first_year: int | None = None

    def by_role(self, *roles: str) -> list[AccountFigures]:
        return [f for f in self.accounts if f.account.role in roles]

    def of_type(self, *types: str, custom_only: bool = False) -> list[AccountFigures]:
        return [f for f in self.accounts if f.account.type in types
                and (not custom_only or not f.account.role)]

    def period_year(self, period: int) -> int:
        return self.year - (CURRENT - period)

    def result_sums(self, period: int):
        """(account, debit, credit) of the period's non-closing income and expense lines."""
        for f in self.accounts:
            if f.is_result:
                yield (f.account, *f.totals(period))
