"""The instalment schedule of a member loan, and what settling it early costs. Pure: no
database, Decimal rupiah only.

Two methods, as Indonesian cooperatives name them:

- "flat" (bunga flat / tetap): each month's interest is the monthly rate on the ORIGINAL
  principal, the same every month;
- "declining" (bunga menurun / efektif-sliding): each month's interest is the monthly rate
  on the principal still outstanding at the start of that month, so it falls as the
  loan is repaid.

In both the principal is repaid in equal monthly parts. A rupiah cannot be split, so the
parts are whole rupiah that add up exactly to the loan: the left-over rupiah go one each
to the earliest instalments (largest remainder, ties to the earlier part). Interest is
rounded half up to the rupiah per instalment. The balance never goes negative and the
last instalment brings it to exactly zero.
"""

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass
from decimal import Decimal

from guyub.core.money import split_largest_remainder, to_rupiah

FLAT = "flat"
DECLINING = "declining"
METHODS = (FLAT, DECLINING)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Instalment:
    seq: int
    due: dt.date
    principal: Decimal
    interest: Decimal
    balance_after: Decimal  # principal still owed once this instalment is paid

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later, kept to the month's end when that month is shorter
    (31 January + 1 → 28/29 February, + 2 → 31 March: counted from `start` each time,
    so a short month does not pull every later date forward)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, monthrange(year, month)[1]))


def schedule(principal: Decimal, months: int, monthly_rate: Decimal, method: str,
             first_due: dt.date) -> list[Instalment]:
    """The monthly instalments of a loan of `principal` rupiah over `months` months at
    `monthly_rate` (a fraction: 0.015 is 1.5 % a month), the first due on `first_due`.

    Raises ValueError on input no loan can have (the services refuse it in words first).
    """
    principal = Decimal(principal)
    monthly_rate = Decimal(monthly_rate)
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    if not principal.is_finite() or principal <= 0 or principal != principal.to_integral_value():
        raise ValueError("principal must be whole rupiah above zero")
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        raise ValueError("months must be a positive integer")
    if not monthly_rate.is_finite() or monthly_rate < 0:
        raise ValueError("monthly_rate must not be negative")
    parts = split_largest_remainder(principal, [Decimal(1)] * months)
    rows, balance = [], principal
    for seq, part in enumerate(parts, start=1):
        base = principal if method == FLAT else balance
        interest = to_rupiah(base * monthly_rate)
        balance -= part
        rows.append(Instalment(seq=seq, due=add_months(first_due, seq - 1), principal=part,
                               interest=interest, balance_after=balance))
    return rows


def early_payoff(unpaid: list[Instalment], on: dt.date) -> tuple[Decimal, Decimal]:
    """(principal, interest) that settle a loan on `on`, given its unpaid instalments.

    The rule (documented to members on the loan page): all the principal still owed,
    plus the interest of every unpaid instalment already due on `on` and of the one
    instalment of the month in progress (the next due after `on`); the interest of the
    later months is waived. With nothing unpaid, nothing is owed.
    """
    principal = sum((row.principal for row in unpaid), ZERO)
    due = [row for row in unpaid if row.due <= on]
    coming = sorted((row for row in unpaid if row.due > on), key=lambda row: row.due)[:1]
    interest = sum((row.interest for row in due + coming), ZERO)
    return principal, interest
