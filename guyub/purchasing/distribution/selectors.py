"""Reads after the close: what a shortfall changed, each member's bill and savings,
the purchase orders to the suppliers, and the pick-up list."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from guyub.core.money import to_rupiah

from ..rounds.models import Round, RoundItem, RoundPayment, Share
from ..rounds.selectors import before_receipt, round_items
from ..suppliers.models import Supplier

ZERO = Decimal(0)


def shortfall_changes(item: RoundItem) -> list[dict]:
    """Members whose quantity a shortfall lowered: who to tell, from what to what."""
    if item.received_qty is None or item.received_qty >= item.ordered_qty:
        return []
    before = before_receipt(item)
    return [{"member": s.member, "before": before.get(s.member_id, ZERO), "after": s.quantity}
            for s in item.shares.select_related("member").order_by("member__number")
            if before.get(s.member_id, ZERO) != s.quantity]


# --- bills and savings ------------------------------------------------------------------


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


def savings_totals(bills_: list[Bill]) -> dict:
    return {"retail": sum((b.retail for b in bills_), ZERO),
            "paid": sum((b.total for b in bills_), ZERO),
            "gain": sum((b.gain for b in bills_), ZERO),
            "members": len(bills_)}


def member_savings(member) -> dict:
    """The member's collective purchases with the goods in: paid against alone."""
    rounds_ = (Round.objects.filter(status__in=Round.FINAL, items__shares__member=member,
                                    items__shares__quantity__gt=0)
               .distinct().order_by("-pickup_date", "-pk"))
    found = [(r, bill) for r in rounds_ if (bill := bill_of(r, member)) is not None]
    return {"rows": found, **savings_totals([b for _r, b in found])}


# --- purchase orders ------------------------------------------------------------------


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
    rounds_ = (Round.objects.filter(status__in=Round.ORDERED,
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
