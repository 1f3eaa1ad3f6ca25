"""Collective purchase closing rules (pure functions, no database).

Foodsoft's rule with volume tiers on top:
- order whole packs only: packs = floor(total / pack size), plus one more pack
  when the remainder plus the total tolerance fills it (tolerance alone never
  opens a pack); nothing at all when the result is below the minimum order;
- allocate the ordered quantity first to firm quantities in queue order, then to
  tolerances in queue order.
Quantities are Decimals in the item's unit (kg, litre, piece).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Commitment:
    """One time-stamped commitment row: `seq` is its place in the queue."""

    member_id: int
    quantity: Decimal
    tolerance: Decimal
    seq: int


@dataclass(frozen=True)
class Allocation:
    packs: int
    ordered: Decimal
    # member_id -> (from firm quantity, from tolerance)
    firm: dict[int, Decimal]
    from_tolerance: dict[int, Decimal]

    def total_for(self, member_id: int) -> Decimal:
        return self.firm.get(member_id, ZERO) + self.from_tolerance.get(member_id, ZERO)


def packs_to_order(total: Decimal, tolerance: Decimal, pack_size: Decimal,
                   min_order: Decimal = ZERO) -> int:
    if pack_size <= 0:
        raise ValueError("pack size must be positive")
    if total <= 0:
        return 0
    packs = int(total // pack_size)
    remainder = total - packs * pack_size
    if remainder > 0 and remainder + tolerance >= pack_size:
        packs += 1
    if packs * pack_size < min_order:
        return 0
    return packs


def distribute(quantity: Decimal, rows: list[Commitment]) -> tuple[dict, dict]:
    """Hand out `quantity`: firm quantities in queue order, then tolerances in queue order."""
    ordered_rows = sorted(rows, key=lambda r: r.seq)
    left = quantity
    firm: dict[int, Decimal] = defaultdict(lambda: ZERO)
    extra: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in ordered_rows:
        take = min(row.quantity, left)
        if take > 0:
            firm[row.member_id] += take
            left -= take
    for row in ordered_rows:
        take = min(row.tolerance, left)
        if take > 0:
            extra[row.member_id] += take
            left -= take
    return dict(firm), dict(extra)


def allocate(rows: list[Commitment], *, pack_size: Decimal,
             min_order: Decimal = ZERO) -> Allocation:
    total = sum((r.quantity for r in rows), ZERO)
    tolerance = sum((r.tolerance for r in rows), ZERO)
    packs = packs_to_order(total, tolerance, pack_size, min_order)
    ordered = packs * pack_size
    firm, extra = distribute(ordered, rows)
    return Allocation(packs=packs, ordered=ordered, firm=firm, from_tolerance=extra)


def tier_price(tiers: list[tuple[Decimal, Decimal]], quantity: Decimal) -> Decimal:
    """Unit price for `quantity` from [(from_quantity, unit_price)], the best tier reached.
    The lowest tier (from 0) is the base price."""
    reached = [price for from_qty, price in tiers if quantity >= from_qty]
    if not reached:
        raise ValueError("no tier covers this quantity")
    return min(reached)


def next_tier(tiers: list[tuple[Decimal, Decimal]], quantity: Decimal):
    """(from_quantity, price) of the next cheaper tier not reached yet, or None."""
    current = tier_price(tiers, quantity)
    above = sorted((q, p) for q, p in tiers if q > quantity and p < current)
    return above[0] if above else None
