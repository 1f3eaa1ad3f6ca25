"""Reads of collective purchasing: item cards, bills, pick-up lists, purchase orders,
savings. Plain dicts and lists for the templates; no writes."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from guyub.core.models import AuditLog
from guyub.core.money import to_rupiah

from . import allocation, services
from .models import Commitment, Round, RoundItem, RoundPayment, Share, Supplier

ZERO = Decimal(0)
R = Round.Status
# Rounds whose quantities and amounts are final: the goods are in.
FINAL = (R.RECEIVED, R.DISTRIBUTED)
# Rounds a purchase order exists for: closed and after.
ORDERED = (R.CLOSED, R.RECEIVED, R.DISTRIBUTED)


def rounds(status: str = ""):
    qs = Round.objects.annotate(
        item_count=Count("items", distinct=True),
        member_count=Count("items__commitments__member", distinct=True),
    ).order_by("-opens_at", "-pk")
    return qs.filter(status=status) if status else qs


def cancellation(round_: Round) -> dict | None:
    """Who cancelled the round, when and why (kept in the audit log); None if it was not."""
    if round_.status != R.CANCELLED:
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
    return (Round.objects.filter(status=R.OPEN, opens_at__lte=now)
            .prefetch_related("items__price_list__item").order_by("closes_at"))


def round_items(round_: Round):
    return (round_.items.select_related("price_list__supplier", "price_list__item")
            .prefetch_related("price_list__tiers").order_by("id"))


def committed(round_item: RoundItem, member) -> tuple[Decimal, Decimal]:
    rows = Commitment.objects.filter(round_item=round_item, member=member)
    return (sum((r.quantity for r in rows), ZERO), sum((r.tolerance for r in rows), ZERO))


def estimate(round_: Round, quantity: Decimal, unit_price: Decimal | None) -> dict | None:
    """A member's goods at the tier reached now and the cooperative's fee on them; the
    shared transport and handling costs are split only at the close."""
    if not quantity or unit_price is None:
        return None
    goods = to_rupiah(quantity * unit_price)
    fee = to_rupiah(goods * round_.fee_pct / 100)
    return {"goods": goods, "fee": fee, "total": goods + fee}


def item_card(round_: Round, item: RoundItem, member=None) -> dict:
    """What one item of a round shows: live figures while open, final ones after."""
    pl = item.price_list
    card = {"item": item, "pl": pl, "tiers": pl.tier_table(), "round": round_}
    if round_.status == R.OPEN:
        live = services.live_status(item)
        nxt = live["next_tier"]
        # Progress as the price is decided: whole packs ordered if it closed now.
        live["tier_pct"] = min(100, int(live["ordered"] / nxt[0] * 100)) if nxt else 100
        # The tier price applies to what is ordered: with nothing ordered (minimum or
        # first pack not reached) no price is "reached", only the first tier's is known.
        live["price_reached"] = live["unit_price"] if live["ordered"] else None
        card["live"] = live
    if member is not None:
        qty, tol = committed(item, member)
        card.update(my_qty=qty, my_tol=tol)
        if round_.status == R.OPEN:
            live = card["live"]
            if not qty:
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
                card["estimate"] = estimate(round_, qty, live["unit_price"])
                if card["estimate"]:
                    card["estimate"]["condition"] = "minimum" if pl.min_order_qty else "pack"
        else:
            card["share"] = item.shares.filter(member=member).first()
            if item.received_qty is not None and item.received_qty < item.ordered_qty:
                card["before_receipt"] = before_receipt(item).get(member.pk, ZERO)
    return card


def item_cards(round_: Round, member=None) -> list[dict]:
    return [item_card(round_, item, member) for item in round_items(round_)]


def before_receipt(item: RoundItem) -> dict[int, Decimal]:
    """Each member's quantity as allocated at the close, before a shortfall: the same
    rule run again on the unchanged commitment rows."""
    pl = item.price_list
    result = allocation.allocate(services.queue(item), pack_size=pl.pack_size,
                                 min_order=pl.min_order_qty)
    return {m: result.total_for(m) for m in {r.member_id for r in services.queue(item)}}


def shortfall_changes(item: RoundItem) -> list[dict]:
    """Members whose quantity a shortfall lowered: who to tell, from what to what."""
    if item.received_qty is None or item.received_qty >= item.ordered_qty:
        return []
    before = before_receipt(item)
    return [{"member": s.member, "before": before.get(s.member_id, ZERO), "after": s.quantity}
            for s in item.shares.select_related("member").order_by("member__number")
            if before.get(s.member_id, ZERO) != s.quantity]


# --- bills -----------------------------------------------------------------------------


@dataclass
class Bill:
    member: object
    shares: list = field(default_factory=list)
    paid: Decimal = ZERO
    payments: list = field(default_factory=list)

    @property
    def goods(self) -> Decimal:
        return sum((s.goods_amount for s in self.shares), ZERO)

    @property
    def costs(self) -> Decimal:
        return sum((s.cost_amount for s in self.shares), ZERO)

    @property
    def fee(self) -> Decimal:
        return sum((s.fee_amount for s in self.shares), ZERO)

    @property
    def total(self) -> Decimal:
        return self.goods + self.costs + self.fee

    @property
    def outstanding(self) -> Decimal:
        return self.total - self.paid

    @property
    def retail(self) -> Decimal:
        """What the member would have paid buying the same goods alone."""
        return sum((to_rupiah(s.quantity * s.round_item.retail_reference) for s in self.shares),
                   ZERO)

    @property
    def gain(self) -> Decimal:
        return self.retail - self.total

    @property
    def picked_up(self) -> bool:
        return all(s.picked_up_at for s in self.shares)


def bills(round_: Round, member=None) -> list[Bill]:
    """One bill per member with a share in the round (quantity above zero)."""
    shares = (Share.objects.filter(round_item__round=round_, quantity__gt=0)
              .select_related("member", "round_item__price_list__item")
              .order_by("member__number", "member_id", "round_item_id"))
    payments = RoundPayment.objects.filter(round=round_).order_by("created_at")
    if member is not None:
        shares, payments = shares.filter(member=member), payments.filter(member=member)
    found: dict[int, Bill] = {}
    for share in shares:
        found.setdefault(share.member_id, Bill(member=share.member)).shares.append(share)
    for payment in payments:
        if payment.member_id in found:
            found[payment.member_id].paid += payment.amount
            found[payment.member_id].payments.append(payment)
    return list(found.values())


def bill_of(round_: Round, member) -> Bill | None:
    found = bills(round_, member)
    return found[0] if found else None


def savings_totals(rows: list[Bill]) -> dict:
    return {"retail": sum((b.retail for b in rows), ZERO),
            "paid": sum((b.total for b in rows), ZERO),
            "gain": sum((b.gain for b in rows), ZERO),
            "members": len(rows)}


def member_savings(member) -> dict:
    """The member's collective purchases with the goods in: paid against alone."""
    rounds_ = (Round.objects.filter(status__in=FINAL, items__shares__member=member,
                                    items__shares__quantity__gt=0)
               .distinct().order_by("-pickup_date", "-pk"))
    rows = [(r, bill) for r in rounds_ if (bill := bill_of(r, member)) is not None]
    return {"rows": rows, **savings_totals([b for _r, b in rows])}


def member_rounds(member):
    """Rounds (past the open phase) in which the member committed something."""
    return (Round.objects.filter(items__commitments__member=member)
            .exclude(status=R.OPEN).distinct().order_by("-closes_at", "-pk"))


# --- purchase orders and the supplier portal -------------------------------------------


def own_suppliers(user):
    return Supplier.objects.filter(user=user).order_by("name")


def po_lines(round_: Round, supplier: Supplier) -> list[dict]:
    lines = []
    for item in round_items(round_).filter(price_list__supplier=supplier):
        amount = to_rupiah(item.ordered_qty * item.unit_price) if item.unit_price else ZERO
        lines.append({"item": item, "pl": item.price_list, "amount": amount})
    return lines


def po_total(lines: list[dict]) -> Decimal:
    return sum((line["amount"] for line in lines), ZERO)


def po_number(round_: Round, supplier: Supplier) -> str:
    return f"PO-{round_.pk:05d}-{supplier.pk:03d}"


def round_suppliers(round_: Round) -> list[Supplier]:
    return list(Supplier.objects.filter(pk__in=round_.items.values("price_list__supplier"))
                .order_by("name"))


def supplier_orders(suppliers) -> list[dict]:
    """The purchase orders made on these suppliers' price lists: closed rounds and later."""
    orders = []
    rounds_ = (Round.objects.filter(status__in=ORDERED,
                                    items__price_list__supplier__in=suppliers)
               .distinct().order_by("-closed_at", "-pk"))
    for round_ in rounds_:
        for supplier in suppliers:
            lines = po_lines(round_, supplier)
            if lines:
                orders.append({"round": round_, "supplier": supplier, "lines": lines,
                               "total": po_total(lines),
                               "number": po_number(round_, supplier)})
    return orders


# --- pick-up ---------------------------------------------------------------------------


def pickup_rows(round_: Round) -> list[Bill]:
    return bills(round_)


def counts(round_: Round) -> dict:
    shares = Share.objects.filter(round_item__round=round_, quantity__gt=0)
    return shares.aggregate(total=Count("pk"), picked=Count("pk", filter=Q(
        picked_up_at__isnull=False)))


def commitment_queue(item: RoundItem) -> list[Commitment]:
    return list(item.commitments.select_related("member").order_by("created_at", "id"))

