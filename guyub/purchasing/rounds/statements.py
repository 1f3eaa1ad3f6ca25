"""The close's writes as named statements on core/rows.py: a round of 200 items and
10,000 commitments closes in one UPDATE of the items and one COPY of the shares
(bench/purchase_close.py). Tables and columns come from the models; every UPDATE is
limited to the round's cooperative, and the COPY writes it on every row."""

from guyub.core import rows

from .models import RoundItem, Share

# What the close fixes on each item, and what pricing sets on each share.
ITEM_FIGURES = ["packs", "ordered_qty", "unit_price"]
SHARE_AMOUNTS = ["goods_amount", "cost_amount", "fee_amount"]
SHARE_COLUMNS = ["round_item_id", "member_id", "committed", "tolerance", "quantity",
                 *SHARE_AMOUNTS]


def save_item_figures(cooperative_id: int, items: list[RoundItem]) -> None:
    """Each item's packs, ordered quantity and tier price, as the close fixed them."""
    rows.update_from_values(RoundItem, items, ITEM_FIGURES, cooperative=cooperative_id)


def save_share_amounts(cooperative_id: int, shares: list[Share]) -> None:
    """Each share's goods, costs and fee, priced again after a receipt."""
    rows.update_from_values(Share, shares, SHARE_AMOUNTS, cooperative=cooperative_id)


def insert_shares(cooperative_id: int, shares: list) -> None:
    """The shares the close computed (not yet rows: see pricing.NewShare)."""
    rows.copy_rows(Share, ["cooperative_id", *SHARE_COLUMNS],
                   ((cooperative_id, *(getattr(s, f) for f in SHARE_COLUMNS))
                    for s in shares))
