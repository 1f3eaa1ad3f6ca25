"""Reads for the tender pages and API — the ONLY place bids are read for display.

A bid is sealed until the tender's deadline by the server's clock (`Tender.is_sealed`):
before it, the bidding supplier sees its own bids and nobody else sees any — not staff,
not the board, not the other suppliers, on no page, export or endpoint. After it,
officers and the invited suppliers see every bid that answers the terms. Keeping every
display read here means one function to review and one test (test_sealed_bids.py) that
walks every URL and API operation to prove no other path leaks a bid.

The comparison itself (pricing the bids side by side) is comparison.py; it is handed
only what `visible_bids` lets through.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.tenancy import Access

from ..rounds.models import Commitment, Round
from ..suppliers.models import Supplier
from . import comparison as pricing
from .models import Bid, Tender

BidStatus = Bid.Status
TenderStatus = Tender.Status


def is_officer(access: Access) -> bool:
    return access.can("tenders.view")


def invited_supplier(tender: Tender, user) -> Supplier | None:
    """The supplier `user` bids for in `tender`, if it is invited."""
    if not getattr(user, "is_authenticated", False):
        return None
    return tender.suppliers.filter(user=user).order_by("pk").first()


def supplier_of(access: Access, tender: Tender) -> Supplier | None:
    """The invited supplier the user bids for, if they hold the supplier role."""
    if not access.can("tenders.bid"):
        return None
    return invited_supplier(tender, access.user)


def visible_bids(access: Access, tender: Tender) -> list[Bid]:
    """The bids this user may read in `tender`.

    Before the deadline: the supplier's own bids (including voided ones, which carry
    the notice that the terms changed), nothing for anyone else. After it: for
    officers and invited suppliers every bid except voided ones — a voided bid
    answered terms that no longer exist and is never opened — plus the supplier's own.
    """
    supplier = supplier_of(access, tender)
    officer = is_officer(access)
    if supplier is None and not officer:
        return []
    bids = Bid.objects.filter(tender=tender).select_related("supplier")
    own = Q(supplier=supplier) if supplier is not None else Q(pk__in=[])
    if tender.is_sealed:
        if supplier is None:
            return []
        return list(bids.filter(own).order_by("-terms_version", "-submitted_at"))
    return list(bids.filter(own | ~Q(status=BidStatus.VOID))
                .order_by("-terms_version", "submitted_at", "pk"))


def own_bids(access: Access, tender: Tender) -> list[Bid]:
    """Only the supplier's own bids (newest terms first), sealed or not."""
    supplier = supplier_of(access, tender)
    return [b for b in visible_bids(access, tender) if supplier and b.supplier_id == supplier.pk]


def comparison(access: Access, tender: Tender) -> list[pricing.Quote]:
    """The comparison table; raises DomainError while the bids are sealed."""
    return pricing.comparison(tender, visible_bids(access, tender))


# --- tenders ------------------------------------------------------------------------------

PHASES = {
    "open": _("Menerima penawaran"),
    "evaluation": _("Evaluasi"),
    "awarded": _("Dimenangkan"),
    "cancelled": _("Dibatalkan"),
}


def phase(tender: Tender) -> str:
    """Where the tender stands by the clock: an open tender past its deadline is in
    evaluation even before the scheduled job has marked it."""
    if tender.status == TenderStatus.OPEN and not tender.is_sealed:
        return "evaluation"
    return tender.status


def annotate_phase(tenders) -> list[Tender]:
    tenders = list(tenders)
    for tender in tenders:
        tender.phase = phase(tender)
        tender.phase_label = PHASES[tender.phase]
    return tenders


def tender_list(status: str = ""):
    tenders = (Tender.objects.select_related("item").annotate(invited=Count("suppliers"))
               .order_by("-created_at", "-pk"))
    now = timezone.now()
    if status == "open":
        tenders = tenders.filter(status=TenderStatus.OPEN, deadline__gt=now)
    elif status == "evaluation":
        tenders = tenders.filter(Q(status=TenderStatus.EVALUATION)
                                 | Q(status=TenderStatus.OPEN, deadline__lte=now))
    elif status in (TenderStatus.AWARDED, TenderStatus.CANCELLED):
        tenders = tenders.filter(status=status)
    return tenders


def invited_tenders(user):
    """The tenders a supplier account is invited to, newest first."""
    return (Tender.objects.filter(suppliers__user=user).select_related("item").distinct()
            .order_by("-created_at", "-pk"))


def portal_rows(access: Access, tenders) -> list[dict]:
    """A supplier's tenders, each with its own latest bid and, once awarded, the result."""
    found = []
    for tender in annotate_phase(tenders):
        mine = own_bids(access, tender)
        found.append({"tender": tender, "bid": mine[0] if mine else None,
                      "result": result_for(access, tender)})
    return found


def result_for(access: Access, tender: Tender) -> dict | None:
    """What a bidder sees after the award: won or lost, and the winning offer."""
    if tender.status != TenderStatus.AWARDED or tender.is_sealed:
        return None
    bids = visible_bids(access, tender)
    winner = next((b for b in bids if b.status == BidStatus.AWARDED), None)
    supplier = supplier_of(access, tender)
    mine = next((b for b in bids if supplier and b.supplier_id == supplier.pk
                 and b.terms_version == tender.terms_version and b.status != BidStatus.VOID), None)
    return {
        "won": mine is not None and mine.status == BidStatus.AWARDED,
        "took_part": mine is not None,
        "winner": winner,
        "winning_quote": pricing.quote(winner, tender.quantity) if winner else None,
        "own_quote": pricing.quote(mine, tender.quantity) if mine else None,
        "reason": tender.award_reason,
    }


def voided_notice(access: Access, tender: Tender) -> bool:
    """Whether the supplier's bid was voided by a change of terms and not yet replaced."""
    mine = own_bids(access, tender)
    if not mine:
        return False
    current = [b for b in mine if b.terms_version == tender.terms_version]
    return not current and any(b.status == BidStatus.VOID for b in mine)


def pooled_demand() -> list[dict]:
    """What members have committed per item in open rounds: the quantity to tender for."""
    demand = (Commitment.objects.filter(round_item__round__status=Round.Status.OPEN)
            .values("round_item__price_list__item", "round_item__price_list__item__name",
                    "round_item__price_list__item__unit")
            .annotate(quantity=Sum("quantity"), tolerance=Sum("tolerance"))
            .order_by("round_item__price_list__item__name"))
    merged: dict[int, dict] = defaultdict(lambda: {"quantity": Decimal(0),
                                                   "tolerance": Decimal(0)})
    for per_item in demand:
        entry = merged[per_item["round_item__price_list__item"]]
        entry.update(item_id=per_item["round_item__price_list__item"],
                     name=per_item["round_item__price_list__item__name"],
                     unit=per_item["round_item__price_list__item__unit"])
        entry["quantity"] += per_item["quantity"] or 0
        entry["tolerance"] += per_item["tolerance"] or 0
    return [v for v in merged.values() if v["quantity"] > 0]
