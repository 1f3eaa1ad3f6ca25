"""Bids priced side by side: each bid's offer for the tender's quantity in whole packs,
at the tier it reaches, cheapest total first. Reads in memory only: the bids come from
`selectors.visible_bids`, which alone decides what is unsealed."""

from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext as _

from guyub.core.errors import DomainError
from guyub.core.money import to_rupiah

from .. import closing_rules
from .models import Bid, Tender


def bid_tiers(bid: Bid) -> list[tuple[Decimal, Decimal]]:
    return [(Decimal(str(q)), Decimal(str(p))) for q, p in bid.tiers]


@dataclass(frozen=True)
class Quote:
    """One bid priced for the tender's quantity, in whole packs."""

    bid: Bid
    packs: int
    quantity: Decimal          # what the cooperative buys: whole packs, at least the minimum
    unit_price: Decimal
    total: Decimal
    rank: int = 0


def quote(bid: Bid, quantity: Decimal) -> Quote:
    packs = int((quantity / bid.pack_size).to_integral_value(rounding=ROUND_CEILING))
    if bid.min_order_qty and packs * bid.pack_size < bid.min_order_qty:
        packs = int((bid.min_order_qty / bid.pack_size).to_integral_value(
            rounding=ROUND_CEILING))
    bought = packs * bid.pack_size
    unit = closing_rules.tier_price(bid_tiers(bid), bought)
    return Quote(bid=bid, packs=packs, quantity=bought, unit_price=unit,
                 total=to_rupiah(bought * unit))


def comparison(tender: Tender, bids) -> list[Quote]:
    """The bids side by side, cheapest total first (then earliest delivery).

    `bids` come from `selectors.visible_bids`, so nothing is compared before
    the deadline; this refuses outright while the tender is sealed."""
    if tender.is_sealed:
        raise DomainError(_("Penawaran masih tersegel sampai batas penawaran."),
                          code="transition")
    current = [b for b in bids if b.terms_version == tender.terms_version
               and b.status != Bid.Status.VOID]
    quotes = sorted((quote(b, tender.quantity) for b in current),
                    key=lambda q: (q.total, q.bid.delivery_date, q.bid.submitted_at))
    return [replace(q, rank=i) for i, q in enumerate(quotes, start=1)]
