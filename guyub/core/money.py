"""Money: Decimal rupiah, rounded in one place, shown the Indonesian way."""

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from babel.numbers import format_decimal

RUPIAH = Decimal("1")


def to_rupiah(value) -> Decimal:
    """Round to whole rupiah (half up): the smallest amount we post or pay."""
    return Decimal(value).quantize(RUPIAH, rounding=ROUND_HALF_UP)


def format_rupiah(value, locale: str = "id_ID") -> str:
    """Rp1.250.000 — whole rupiah, the grouping of the locale, minus sign first."""
    if value is None:
        return "–"
    amount = to_rupiah(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{format_decimal(abs(amount), format='#,##0', locale=locale)}"


def split_largest_remainder(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split `total` whole rupiah in proportion to `weights` so the parts add up to it.

    Each part is first rounded down; the rupiah left over go one each to the
    parts with the largest fractional remainders (ties to the earlier part).
    """
    total = to_rupiah(total)
    weight_sum = sum(weights, Decimal(0))
    if not weights:
        # Returning no parts for a non-zero total would lose the whole amount.
        if total:
            raise ValueError("cannot split a non-zero total among no weights")
        return []
    # A negative weight would still "add up" while taking money from one share to
    # pay another; a share of a total is never negative.
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    if weight_sum <= 0:
        raise ValueError("weights must have a positive sum")
    # Exact fractions, not Decimal: 2 x 4/6 = 1.333…3 (27 threes after the point) and
    # 2 x 1/6 = 0.333…3 (28 threes) would make equal remainders look unequal and hand
    # the left-over rupiah to a later part, breaking the tie rule above.
    exact = [Fraction(int(total)) * Fraction(w) / Fraction(weight_sum) for w in weights]
    floors = [math.floor(e) for e in exact]
    left = int(total) - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [Decimal(part) for part in floors]
