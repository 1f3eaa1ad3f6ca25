"""The close computed in memory: each item's packs, quantity and tier price from its
queue, and every share's goods, costs and fee in whole rupiah. No database: the
services read the rows and write the results (statements.py)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from guyub.core.money import split_largest_remainder, to_rupiah

from .. import closing_rules
from .models import Round, RoundItem

ZERO = Decimal(0)


@dataclass(slots=True)
class NewShare:
    """A Share computed at close, before it is written (a model instance costs more)."""

    round_item_id: int
    member_id: int
    committed: Decimal
    tolerance: Decimal
    quantity: Decimal
    goods_amount: Decimal = ZERO
    cost_amount: Decimal = ZERO
    fee_amount: Decimal = ZERO


def allocate_item(item: RoundItem, item_queue: list[closing_rules.Commitment]
                  ) -> list[NewShare]:
    """Fix the item's packs, quantity and tier price (unsaved); its unpriced shares.
    The price list's tiers must be prefetched."""
    price_list = item.price_list
    result = closing_rules.allocate(item_queue, pack_size=price_list.pack_size,
                                    min_order=price_list.min_order_qty)
    item.packs, item.ordered_qty = result.packs, result.ordered
    tiers = price_list.tier_table()
    item.unit_price = closing_rules.tier_price(tiers, result.ordered) if tiers else None
    committed = defaultdict(lambda: ZERO)
    tolerated = defaultdict(lambda: ZERO)
    for commitment in item_queue:
        committed[commitment.member_id] += commitment.quantity
        tolerated[commitment.member_id] += commitment.tolerance
    return [NewShare(item.pk, member_id, committed[member_id], tolerated[member_id],
                     result.total_for(member_id))
            for member_id in committed]


def price_shares(round_: Round, items: dict[int, RoundItem], shares: list) -> None:
    """Set the amounts of all of a round's shares (Share or NewShare), in memory: goods
    at the tier price, shared costs and the cooperative's fee, in whole rupiah that add
    up exactly to the supplier invoices plus costs plus fee."""
    # Item, then member: the order that breaks ties in the largest-remainder splits.
    shares.sort(key=lambda s: (s.round_item_id, s.member_id))
    served = []
    by_item = defaultdict(list)
    for share in shares:
        # Every amount is computed afresh. Amounts were only overwritten when there was
        # something to split, so a share kept its fee from the close when a shortfall
        # left a fee that rounds to zero, and the bills no longer added up.
        share.goods_amount = share.cost_amount = share.fee_amount = ZERO
        if share.quantity > 0:
            served.append(share)
            by_item[share.round_item_id].append(share)
    for item_id, item_shares in by_item.items():
        item = items[item_id]
        if not item.unit_price:
            continue
        invoice = to_rupiah(item.quantity_for_invoice() * item.unit_price)
        for share, amount in zip(item_shares, split_largest_remainder(
                invoice, [s.quantity for s in item_shares]), strict=True):
            share.goods_amount = amount
    if not served:
        return
    costs = round_.transport_cost + round_.handling_cost
    basis = [s.quantity if round_.cost_basis == Round.CostBasis.WEIGHT else s.goods_amount
             for s in served]
    if not sum(basis):
        # By value, but the goods have no price (no tiers): by weight, rather than
        # leave the costs out of every bill and out of the debt to the supplier.
        basis = [s.quantity for s in served]
    if costs:
        for share, amount in zip(served, split_largest_remainder(costs, basis), strict=True):
            share.cost_amount = amount
    goods = sum((s.goods_amount for s in served), ZERO)
    fee = to_rupiah(goods * round_.fee_pct / 100)
    if fee and goods > 0:
        for share, amount in zip(served, split_largest_remainder(
                fee, [s.goods_amount for s in served]), strict=True):
            share.fee_amount = amount
