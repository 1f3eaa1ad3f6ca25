"""Reads of the rounds: lists, each item's queue and live figures while open, and the
item cards the pages and the API show. Plain dicts and lists; no writes."""

from decimal import ROUND_CEILING, Decimal

from django.db.models import Count
from django.utils import timezone

from guyub.core import limits
from guyub.core.models import AuditLog
from guyub.core.money import to_rupiah
from guyub.members.models import Member

from .. import closing_rules
from .models import Commitment, Round, RoundItem, RoundPayment, Share

ZERO = Decimal(0)
QUANTITY_STEP = Decimal("0.001")  # quantities are kept to three decimals
# A member's share and an item's whole order end up in Share.quantity / RoundItem
# columns; the smallest of them bounds what may be committed (core/limits.py).
MAX_QUANTITY = min(limits.decimal_max(Share, "quantity"),
                   limits.decimal_max(Commitment, "quantity"),
                   limits.decimal_max(RoundItem, "ordered_qty"))


def rounds(status: str = ""):
    found = Round.objects.annotate(
        item_count=Count("items", distinct=True),
        member_count=Count("items__commitments__member", distinct=True),
    ).order_by("-opens_at", "-pk")
    return found.filter(status=status) if status else found


def cancellation(round_: Round) -> dict | None:
    """Who cancelled the round, when and why (kept in the audit log); None if it was not."""
    if round_.status != Round.Status.CANCELLED:
        return None
    entry = (AuditLog.objects.filter(action="purchase.cancelled",
                                     object_type=round_._meta.label_lower,
                                     object_id=str(round_.pk))
             .select_related("actor").order_by("-created_at", "-id").first())
    if entry is None:
        return {"reason": "", "at": None, "actor": None}
    return {"reason": entry.data.get("reason", ""), "at": entry.created_at,
            "actor": entry.actor}


def open_rounds():
    now = timezone.now()
    return (Round.objects.filter(status=Round.Status.OPEN, opens_at__lte=now)
            .prefetch_related("items__price_list__item").order_by("closes_at"))


def member_rounds(member):
    """Rounds (past the open phase) in which the member committed something."""
    return (Round.objects.filter(items__commitments__member=member)
            .exclude(status=Round.Status.OPEN).distinct().order_by("-closes_at", "-pk"))


def round_items(round_: Round):
    return (round_.items.select_related("price_list__supplier", "price_list__item")
            .prefetch_related("price_list__tiers").order_by("id"))


def commitment_queue(item: RoundItem) -> list[Commitment]:
    return list(item.commitments.select_related("member").order_by("created_at", "id"))


def committed(round_item: RoundItem, member) -> tuple[Decimal, Decimal]:
    found = Commitment.objects.filter(round_item=round_item, member=member)
    return (sum((c.quantity for c in found), ZERO), sum((c.tolerance for c in found), ZERO))


# --- queues and live figures -------------------------------------------------------------


def queue(round_item: RoundItem) -> list[closing_rules.Commitment]:
    return queues([round_item])[round_item.pk]


def queues(items: list[RoundItem]) -> dict[int, list[closing_rules.Commitment]]:
    """Each item's queue (rows in time order, `seq` counting from 0 per item), read
    with one query whatever the number of items."""
    found: dict[int, list[closing_rules.Commitment]] = {item.pk: [] for item in items}
    values = (Commitment.objects.filter(round_item__in=list(found))
              .order_by("round_item_id", "created_at", "id")
              .values_list("round_item_id", "member_id", "quantity", "tolerance"))
    for item_id, member_id, quantity, tolerance in values:
        item_queue = found[item_id]
        item_queue.append(closing_rules.Commitment(member_id=member_id, quantity=quantity,
                                                   tolerance=tolerance, seq=len(item_queue)))
    return found


def live_status(round_item: RoundItem) -> dict:
    """What everyone sees while the round is open: total, tier reached, what is missing."""
    item_queue = queue(round_item)
    price_list = round_item.price_list
    total = sum((c.quantity for c in item_queue), ZERO)
    tolerance = sum((c.tolerance for c in item_queue), ZERO)
    result = closing_rules.allocate(item_queue, pack_size=price_list.pack_size,
                                    min_order=price_list.min_order_qty)
    tiers = price_list.tier_table()
    price = closing_rules.tier_price(tiers, result.ordered) if tiers else None
    # Tier and next tier as if the round closed now (whole packs, tolerance included).
    next_tier = closing_rules.next_tier(tiers, result.ordered) if tiers else None
    remainder = total % price_list.pack_size
    return {
        "total": total, "tolerance": tolerance, "packs": result.packs,
        "ordered": result.ordered, "unit_price": price, "next_tier": next_tier,
        "to_next_tier": (next_tier[0] - result.ordered) if next_tier else None,
        "to_fill_pack": (price_list.pack_size - remainder) if remainder else ZERO,
        "pack_fill_pct": (int(remainder / price_list.pack_size * 100) if remainder
                          else 100 if total else 0),
        "allocation": result,
        **_minimum(total, tolerance, price_list),
    }


def _minimum(total: Decimal, tolerance: Decimal, price_list) -> dict:
    """Whether the supplier's minimum keeps the item from being ordered if the round closed
    now, and how much more firm quantity would lift it. The minimum is checked against
    whole packs (tolerance included), as closing checks it: 130 kg in 50 kg sacks is
    two sacks, still short of a 120 kg minimum; 90 + 20 kg tolerance is two, enough
    for 100."""
    size, minimum = price_list.pack_size, price_list.min_order_qty
    unbounded = closing_rules.packs_to_order(total, tolerance, size)
    if unbounded * size >= minimum:
        return {"below_minimum": False, "to_minimum": ZERO}
    packs_needed = (minimum / size).to_integral_value(rounding=ROUND_CEILING)
    # Either firm quantity alone fills the packs needed, or it goes just past the pack
    # before (tolerance alone never opens a pack) and the tolerance fills the rest:
    # whichever needs less.
    alone = packs_needed * size - total
    with_tolerance = max(packs_needed * size - total - tolerance,
                         (packs_needed - 1) * size - total + QUANTITY_STEP)
    return {"below_minimum": True, "to_minimum": max(min(alone, with_tolerance), ZERO)}


def estimate(round_: Round, quantity: Decimal, unit_price: Decimal | None) -> dict | None:
    """A member's goods at the tier reached now and the cooperative's fee on them; the
    shared transport and handling costs are split only at the close."""
    if not quantity or unit_price is None:
        return None
    goods = to_rupiah(quantity * unit_price)
    fee = to_rupiah(goods * round_.fee_pct / 100)
    return {"goods": goods, "fee": fee, "total": goods + fee}


def before_receipt(item: RoundItem) -> dict[int, Decimal]:
    """Each member's quantity as allocated at the close, before a shortfall: the same
    rule run again on the unchanged commitment rows."""
    price_list = item.price_list
    result = closing_rules.allocate(queue(item), pack_size=price_list.pack_size,
                                    min_order=price_list.min_order_qty)
    return {m: result.total_for(m) for m in {c.member_id for c in queue(item)}}


# --- item cards --------------------------------------------------------------------------


def item_card(round_: Round, item: RoundItem, member=None) -> dict:
    """What one item of a round shows: live figures while open, final ones after."""
    price_list = item.price_list
    card = {"item": item, "pl": price_list, "tiers": price_list.tier_table(), "round": round_}
    if round_.status == Round.Status.OPEN:
        live = live_status(item)
        next_tier = live["next_tier"]
        # Progress as the price is decided: whole packs ordered if it closed now.
        live["tier_pct"] = (min(100, int(live["ordered"] / next_tier[0] * 100))
                            if next_tier else 100)
        # The tier price applies to what is ordered: with nothing ordered (minimum or
        # first pack not reached) no price is "reached", only the first tier's is known.
        live["price_reached"] = live["unit_price"] if live["ordered"] else None
        card["live"] = live
    if member is not None:
        quantity, tolerance = committed(item, member)
        card.update(my_qty=quantity, my_tol=tolerance)
        if round_.status == Round.Status.OPEN:
            live = card["live"]
            if not quantity:
                card["estimate"] = None
            elif live["ordered"]:
                # What the member would get if the round closed now: at the back of the
                # queue that can be less than they asked for (or more, from tolerance).
                now = live["allocation"].total_for(member.pk)
                card["estimate"] = estimate(round_, now, live["unit_price"]) or {
                    "goods": ZERO, "fee": ZERO, "total": ZERO}
                card["estimate"]["quantity"] = now
            else:
                # Only an estimate if the item gets ordered at all: say on what condition.
                card["estimate"] = estimate(round_, quantity, live["unit_price"])
                if card["estimate"]:
                    card["estimate"]["condition"] = ("minimum" if price_list.min_order_qty
                                                     else "pack")
        else:
            card["share"] = item.shares.filter(member=member).first()
            if item.received_qty is not None and item.received_qty < item.ordered_qty:
                card["before_receipt"] = before_receipt(item).get(member.pk, ZERO)
    return card


def item_cards(round_: Round, member=None) -> list[dict]:
    return [item_card(round_, item, member) for item in round_items(round_)]


# --- a member's bill ------------------------------------------------------------------


def member_total(round_: Round, member: Member) -> Decimal:
    return sum((s.total for s in Share.objects.filter(round_item__round=round_, member=member)),
               ZERO)



def member_outstanding(round_: Round, member: Member) -> Decimal:
    """The member's bill for the round less what they have paid against it."""
    paid = sum((p.amount for p in RoundPayment.objects.filter(round=round_, member=member)),
               ZERO)
    return member_total(round_, member) - paid
