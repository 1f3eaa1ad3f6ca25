"""Pure money splits for sales (no database): bundle shares, commission, VAT and
shipping shares, all rounded by core.money."""

from decimal import Decimal

from guyub.core.money import split_largest_remainder, to_rupiah


def bundle_shares(line_total: Decimal, agreed: list[Decimal]) -> list[Decimal]:
    """Split a bundle line's total across its components in proportion to their agreed
    prices (× quantity); the shares add up exactly to the line total."""
    return split_largest_remainder(line_total, agreed)


def commission(amount: Decimal, pct: Decimal) -> Decimal:
    return to_rupiah(Decimal(amount) * Decimal(pct) / 100)


def ppn(subtotal: Decimal, rate_pct: Decimal) -> Decimal:
    return to_rupiah(Decimal(subtotal) * Decimal(rate_pct) / 100)


def shipping_shares(cost: Decimal, weights_grams: list[int]) -> list[Decimal]:
    """Share a shipment's cost across its orders by weight (orders of no recorded
    weight share equally), adding up exactly to the cost."""
    if not weights_grams:
        return []
    weights = [Decimal(w) for w in weights_grams]
    if sum(weights) <= 0:
        weights = [Decimal(1)] * len(weights)
    return split_largest_remainder(cost, weights)
