"""Collective purchase rounds in the JSON API: the rounds of the cooperative, one round
with each item's live figures (the same as the item cards on the pages), a member
setting their own commitment, and staff closing a round by hand.

Officers and members read rounds (`purchasing.read`); a member's token or session
also gets their own commitment and estimate on each item (`mine`). Setting a
commitment is the member's own (`purchasing.commit`), closing is staff's and the
board's (`purchasing.manage`). Wrong input is 422 with the field named; a round that
is not open (or already closed) is 409.
"""

import datetime as dt
from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from guyub.core.api import ERRORS, ErrorOut
from guyub.core.api_auth import FormErrors, api_access
from guyub.core.errors import DomainError
from guyub.core.roles import Role
from guyub.core.tenancy import Access
from guyub.members.selectors import own_membership

from . import selectors, services
from .models import Round, RoundItem

router = Router(tags=["purchasing"])
Status = Round.Status

# --- schemas ------------------------------------------------------------------------------

PHASES = ("scheduled, open, closing (closing time passed, the close is moments away), "
          "closed, received, distributed or cancelled")


class RoundOut(Schema):
    id: int
    title: str
    status: str = Field(description=PHASES + " — by the server's clock")
    status_label: str = Field(description="the status as the pages say it (Indonesian)")
    accepting_commitments: bool
    opens_at: dt.datetime
    closes_at: dt.datetime
    pickup_date: dt.date
    pickup_place: str
    item_count: int


class RoundPage(Schema):
    count: int
    page: int
    pages: int
    items: list[RoundOut]


class RoundFilters(Schema):
    status: str = Field("", description="closed, received, … (the stored status); empty: all")
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=200)


class LiveOut(Schema):
    """What the round has gathered so far, as if it closed now."""

    total: Decimal = Field(description="firm quantity committed by all members")
    tolerance: Decimal = Field(description="extra members accept to fill a pack")
    packs: int = Field(description="whole packs that would be ordered now")
    ordered: Decimal = Field(description="packs × pack size")
    tier_from: Decimal | None = Field(description="start of the price tier reached")
    unit_price: Decimal | None = Field(description="price per unit at the tier reached, or "
                                                  "the first tier's while nothing would be "
                                                  "ordered (see `price_reached`)")
    price_reached: bool = Field(description="something would be ordered if the round closed "
                                            "now, so `unit_price` is a price reached; false "
                                            "below the minimum or the first pack")
    next_tier_from: Decimal | None
    next_tier_price: Decimal | None
    to_next_tier: Decimal | None = Field(description="quantity still missing for the "
                                                     "next cheaper tier; null at the last")
    to_fill_pack: Decimal = Field(description="quantity still missing to fill the last pack")
    below_minimum: bool = Field(description="the supplier's minimum is not reached by the "
                                            "whole packs that would be ordered now")
    to_minimum: Decimal = Field(description="firm quantity still missing for the minimum "
                                            "(0 when it is reached)")


class EstimateOut(Schema):
    """At the price the round would close at now; while nothing would be ordered
    (`live.price_reached` false) it holds only if the minimum or first pack is reached."""

    goods: Decimal
    fee: Decimal
    total: Decimal
    quantity: Decimal | None = Field(None, description="what the member would get if the "
                                                     "round closed now (null while nothing "
                                                     "would be ordered)")


class ShareOut(Schema):
    quantity: Decimal
    goods_amount: Decimal
    cost_amount: Decimal
    fee_amount: Decimal
    total: Decimal
    picked_up: bool


class MineOut(Schema):
    quantity: Decimal
    tolerance: Decimal
    estimate: EstimateOut | None = Field(None, description="while open: goods at the tier "
                                                           "reached now plus the fee")
    share: ShareOut | None = Field(None, description="after the close: what the member gets")


class RoundItemOut(Schema):
    id: int
    item_id: int
    item: str
    unit: str
    supplier: str
    pack_size: Decimal
    min_order_qty: Decimal
    tiers: list[list[Decimal]] = Field(description="[[from_qty, unit_price], ...]")
    live: LiveOut | None = Field(None, description="while the round is open")
    packs: int | None = Field(None, description="after the close: packs ordered")
    ordered_qty: Decimal | None = None
    unit_price: Decimal | None = None
    received_qty: Decimal | None = None
    mine: MineOut | None = Field(None, description="the calling member's own (members only)")
    withdrawn: bool | None = Field(None, description="after setting a commitment: true when "
                                                     "it was 0, i.e. withdrawn")
    message: str | None = Field(None, description="after setting a commitment: what happened, "
                                                  "in words")


class RoundDetailOut(RoundOut):
    transport_cost: Decimal
    handling_cost: Decimal
    fee_pct: Decimal
    cost_basis: str
    cancel_reason: str | None = None
    items: list[RoundItemOut]


class CommitmentIn(Schema):
    quantity: Decimal = Field(description="the member's total firm quantity for the item; "
                                          "0 withdraws")
    tolerance: Decimal = Field(Decimal(0), description="extra accepted to fill a pack")
    confirm: bool = Field(False, description="true to save a quantity many times the "
                                             "member's earlier commitments or the rest of the "
                                             "round (refused with 422 otherwise)")


# --- helpers ------------------------------------------------------------------------------


def phase(round_: Round, now: dt.datetime | None = None) -> str:
    if round_.status != Status.OPEN:
        return round_.status
    now = now or timezone.now()
    if now < round_.opens_at:
        return "scheduled"
    return "open" if now < round_.closes_at else "closing"


PHASE_LABELS = {"scheduled": gettext_lazy("Belum dibuka"),
                "closing": gettext_lazy("Waktu tutup lewat, menunggu penutupan")}


def _round_out(round_: Round, item_count: int) -> dict:
    now = timezone.now()
    status = phase(round_, now)
    label = PHASE_LABELS.get(status) or round_.get_status_display()
    return {"id": round_.pk, "title": round_.title, "status": status,
            "status_label": str(label), "accepting_commitments": status == "open",
            "opens_at": round_.opens_at, "closes_at": round_.closes_at,
            "pickup_date": round_.pickup_date, "pickup_place": round_.pickup_place,
            "item_count": item_count}


def _live_out(card: dict) -> dict | None:
    live = card.get("live")
    if live is None:
        return None
    next_tier = live["next_tier"]
    reached = [q for q, _p in card["tiers"] if q <= live["ordered"]]
    return {"total": live["total"], "tolerance": live["tolerance"], "packs": live["packs"],
            "ordered": live["ordered"],
            "tier_from": max(reached) if reached and live["ordered"] else None,
            "unit_price": live["unit_price"], "price_reached": bool(live["ordered"]),
            "next_tier_from": next_tier[0] if next_tier else None,
            "next_tier_price": next_tier[1] if next_tier else None,
            "to_next_tier": live["to_next_tier"], "to_fill_pack": live["to_fill_pack"],
            "below_minimum": live["below_minimum"], "to_minimum": live["to_minimum"]}


def _mine_out(card: dict) -> dict | None:
    if "my_qty" not in card:
        return None
    share = card.get("share")
    return {"quantity": card["my_qty"], "tolerance": card["my_tol"],
            "estimate": card.get("estimate"),
            "share": None if share is None else {
                "quantity": share.quantity, "goods_amount": share.goods_amount,
                "cost_amount": share.cost_amount, "fee_amount": share.fee_amount,
                "total": share.total, "picked_up": share.picked_up_at is not None}}


def _item_out(round_: Round, item: RoundItem, member) -> dict:
    card = selectors.item_card(round_, item, member)
    price_list = item.price_list
    closed = round_.status in Round.ORDERED
    return {"id": item.pk, "item_id": price_list.item_id, "item": price_list.item.name,
            "unit": price_list.item.unit, "supplier": price_list.supplier.name,
            "pack_size": price_list.pack_size, "min_order_qty": price_list.min_order_qty,
            "tiers": [[q, p] for q, p in card["tiers"]], "live": _live_out(card),
            "packs": item.packs if closed else None,
            "ordered_qty": item.ordered_qty if closed else None,
            "unit_price": item.unit_price if closed else None,
            "received_qty": item.received_qty, "mine": _mine_out(card)}


def _caller_member(access: Access):
    """The caller's member record when they take part as a member, else None."""
    if not access.has_role(Role.MEMBER):
        return None
    return own_membership(access.user)


def _detail_out(round_: Round, member) -> dict:
    items = list(selectors.round_items(round_))
    cancellation = selectors.cancellation(round_)
    return {**_round_out(round_, len(items)),
            "transport_cost": round_.transport_cost, "handling_cost": round_.handling_cost,
            "fee_pct": round_.fee_pct, "cost_basis": round_.cost_basis,
            "cancel_reason": cancellation["reason"] if cancellation else None,
            "items": [_item_out(round_, item, member) for item in items]}


def _validating(error: DomainError):
    """This endpoint validates input: a refused value is 422 with its field, worded as
    the schema's own refusals ("Data tidak valid." and the message on the field); a
    refused step (not open, closed) stays 409 through the API's DomainError handler."""
    if error.is_refused_step:
        return error
    return FormErrors({error.field or "__all__": [error.message]})


# --- endpoints ----------------------------------------------------------------------------


@router.get("/{slug}/rounds", response={200: RoundPage, **ERRORS})
def list_rounds(request, slug: str, filters: Query[RoundFilters]):
    """The cooperative's rounds, newest first, with their status by the server's clock."""
    with api_access(request, slug, "purchasing.read"):
        if filters.status and filters.status not in Status.values:
            raise FormErrors({"status": [_("Pilihan tidak dikenal; pilih salah satu: "
                                           "%(expected)s.") % {
                                               "expected": ", ".join(Status.values)}]})
        page = Paginator(selectors.rounds(filters.status), filters.page_size).get_page(
            filters.page)
        return {"count": page.paginator.count, "page": page.number,
                "pages": page.paginator.num_pages,
                "items": [_round_out(r, r.item_count) for r in page]}


@router.get("/{slug}/rounds/{round_id}", response={200: RoundDetailOut, **ERRORS})
def get_round(request, slug: str, round_id: int):
    """One round and each item's figures: while open, the total committed, the tier
    reached and its price, what is missing for the next tier and to fill the last pack;
    after the close, the packs ordered and the price. A member also gets `mine`."""
    with api_access(request, slug, "purchasing.read") as access:
        round_ = get_object_or_404(Round, pk=round_id)
        return _detail_out(round_, _caller_member(access))


@router.post("/{slug}/rounds/{round_id}/items/{item_id}/commitment",
             response={200: RoundItemOut, 409: ErrorOut, **ERRORS})
def set_commitment(request, slug: str, round_id: int, item_id: int, payload: CommitmentIn):
    """Set the calling member's total quantity and tolerance for one item (0 withdraws).
    Lowering keeps the member's place in the queue; raising adds to the back. Answers
    with the item's new figures and the member's own."""
    with api_access(request, slug, "purchasing.commit") as access:
        member = own_membership(access.user)
        if member is None:
            raise Http404
        round_ = get_object_or_404(Round, pk=round_id)
        item = get_object_or_404(selectors.round_items(round_), pk=item_id)
        try:
            services.set_commitment(round_item=item, member=member, actor=request.user,
                                    quantity=payload.quantity, tolerance=payload.tolerance,
                                    confirm=payload.confirm)
        except DomainError as error:
            raise _validating(error) from None
        withdrawn = not (payload.quantity or payload.tolerance)
        name = item.price_list.item.name
        message = (_("Pesanan %(item)s ditarik: Anda tidak lagi ikut memesan barang ini.")
                   if withdrawn else _("Pesanan %(item)s disimpan.")) % {"item": name}
        return {**_item_out(round_, item, member), "withdrawn": withdrawn, "message": message}


@router.post("/{slug}/rounds/{round_id}/close",
             response={200: RoundDetailOut, 409: ErrorOut, **ERRORS})
def close_round(request, slug: str, round_id: int):
    """Close the round now (staff, board), before its closing time: packs, prices and
    every member's share are fixed. 409 when it is closed or cancelled already."""
    with api_access(request, slug, "purchasing.manage") as access:
        round_ = get_object_or_404(Round, pk=round_id)
        round_ = services.close_round(round_=round_, actor=request.user)
        return _detail_out(round_, _caller_member(access))
