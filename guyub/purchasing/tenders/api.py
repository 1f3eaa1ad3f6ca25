"""Tenders in the JSON API: read a tender, read its bids (sealed exactly as on the pages,
through `selectors.visible_bids`), and place a bid with a supplier's token.

Officers read every tender; a supplier reads the tenders it is invited to (another
tender is 403 to it). Before the deadline the bids list holds the caller's own bids
only — empty for staff and the board — and `sealed` is true.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from guyub.core.api import ERRORS, ErrorOut
from guyub.core.api_auth import api_access
from guyub.core.tenancy import Access

from . import selectors, services
from .comparison import bid_tiers
from .models import Bid, Tender

router = Router(tags=["tenders"])


class AwardOut(Schema):
    supplier: str
    unit_price: Decimal
    total: Decimal
    reason: str


class TenderOut(Schema):
    id: int
    item_id: int
    item: str
    unit: str
    quantity: Decimal
    terms: str
    terms_version: int
    deadline: dt.datetime
    status: str = Field(description="open, evaluation, awarded or cancelled (by the clock)")
    sealed: bool = Field(description="true until the deadline: bids are not readable")
    invited: list[str] | None = Field(None, description="invited suppliers (officers only)")
    award: AwardOut | None = None


class BidOut(Schema):
    id: int
    supplier: str
    terms_version: int
    status: str = Field(description="valid, void (terms changed), awarded or lost")
    pack_size: Decimal
    min_order_qty: Decimal
    tiers: list[list[Decimal]] = Field(description="[[from_qty, unit_price], ...]")
    delivery_date: dt.date
    payment_terms: str
    submitted_at: dt.datetime


class BidsOut(Schema):
    sealed: bool
    deadline: dt.datetime
    bids: list[BidOut]


class BidIn(Schema):
    pack_size: Decimal = Field(description="quantity per pack, e.g. 50 for a 50 kg sack")
    min_order_qty: Decimal = Decimal(0)
    tiers: list[list[Decimal]] = Field(
        description="[[from_qty, unit_price], ...]: the first from 0, quantities rising, "
                    "prices falling; whole rupiah")
    delivery_date: dt.date
    payment_terms: str = Field(max_length=200)


def _tender_out(access: Access, tender: Tender) -> dict:
    result = selectors.result_for(access, tender)
    award = None
    if result and result["winner"]:
        award = {"supplier": result["winner"].supplier.name,
                 "unit_price": result["winning_quote"].unit_price,
                 "total": result["winning_quote"].total, "reason": result["reason"]}
    return {
        "id": tender.pk, "item_id": tender.item_id, "item": tender.item.name,
        "unit": tender.item.unit, "quantity": tender.quantity, "terms": tender.terms,
        "terms_version": tender.terms_version, "deadline": tender.deadline,
        "status": selectors.phase(tender), "sealed": tender.is_sealed,
        "invited": ([s.name for s in tender.suppliers.order_by("name")]
                    if selectors.is_officer(access) else None),
        "award": award,
    }


def _bid_out(bid: Bid) -> dict:
    return {"id": bid.pk, "supplier": bid.supplier.name, "terms_version": bid.terms_version,
            "status": bid.status, "pack_size": bid.pack_size,
            "min_order_qty": bid.min_order_qty,
            "tiers": [list(tier) for tier in bid_tiers(bid)],
            "delivery_date": bid.delivery_date, "payment_terms": bid.payment_terms,
            "submitted_at": bid.submitted_at}


def _tender_for(access: Access, tender_id: int) -> Tender:
    tender = get_object_or_404(Tender.objects.select_related("item"), pk=tender_id)
    if selectors.is_officer(access) or selectors.supplier_of(access, tender) is not None:
        return tender
    raise PermissionDenied


@router.get("/{slug}/tenders", response={200: list[TenderOut], **ERRORS})
def list_tenders(request, slug: str):
    """Officers: every tender. A supplier: the tenders it is invited to."""
    with api_access(request, slug, "tenders.read") as access:
        tenders = (selectors.tender_list() if selectors.is_officer(access)
                   else selectors.invited_tenders(request.user))
        return [_tender_out(access, t) for t in tenders[:200]]


@router.get("/{slug}/tenders/{tender_id}", response={200: TenderOut, **ERRORS})
def get_tender(request, slug: str, tender_id: int):
    with api_access(request, slug, "tenders.read") as access:
        return _tender_out(access, _tender_for(access, tender_id))


@router.get("/{slug}/tenders/{tender_id}/bids", response={200: BidsOut, **ERRORS})
def list_bids(request, slug: str, tender_id: int):
    """Sealed until the deadline: before it, only the caller's own bids (a supplier);
    after it, every bid that answers the terms."""
    with api_access(request, slug, "tenders.read") as access:
        tender = _tender_for(access, tender_id)
        return {"sealed": tender.is_sealed, "deadline": tender.deadline,
                "bids": [_bid_out(b) for b in selectors.visible_bids(access, tender)]}


@router.post("/{slug}/tenders/{tender_id}/bids",
             response={201: BidOut, 409: ErrorOut, **ERRORS})
def place_bid(request, slug: str, tender_id: int, payload: BidIn):
    """Place (or replace) the calling supplier's bid, before the deadline by the
    server's clock (409 after it)."""
    with api_access(request, slug, "tenders.bid") as access:
        tender = get_object_or_404(Tender.objects.select_related("item"), pk=tender_id)
        supplier = selectors.supplier_of(access, tender)
        if supplier is None:
            raise PermissionDenied
        bid = services.place_bid(tender=tender, supplier=supplier, actor=request.user,
                                 **payload.dict())
        return Status(201, _bid_out(bid))
