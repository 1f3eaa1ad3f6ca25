"""The allocation in the JSON API: one delivery's split for officers (who gets how
much and why), and a member's own allotments with the same explanation.

Officers read (`contracts.view`); a member reads only their own (`contracts.supply`).
An unknown contract or delivery, or one of another cooperative, is 404."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from guyub.core.api import ERRORS
from guyub.core.api_auth import api_access
from guyub.members.selectors import own_membership

from ..negotiation.models import Contract
from . import selectors

router = Router(tags=["contracts"])


class ExplanationOut(Schema):
    rule: str = Field(description="proportional, equal or rotation")
    capacity: int = Field(description="declared (for a re-allocation: spare) capacity")
    total_capacity: int = Field(description="sum of the usable capacities")
    quantity: int = Field(description="the quantity asked of the producers")
    ideal: str = Field(description="the rule's exact ideal share, as a fraction p/q")
    ideal_display: str = Field(description="the ideal share with two decimals")
    rounding: str = Field(description="share minus ideal, as a fraction p/q")
    sentences: list[str] = Field(description="the explanation as the member page says it")


class AllotmentOut(Schema):
    id: int
    member_id: int
    member_name: str
    contract_id: int
    contract: str
    delivery_id: int
    sequence: int
    due_on: dt.date
    quantity: int
    kind: str = Field(description="original or reallocated (standby producer)")
    status: str = Field(description="allotted, withdrawn or received")
    withdrawn_reason: str
    explanation: ExplanationOut | None


class DeliveryAllocationOut(Schema):
    contract_id: int
    delivery_id: int
    sequence: int
    due_on: dt.date
    status: str
    quantity: int
    shortfall: int = Field(description="what the producers' capacity could not cover")
    allotments: list[AllotmentOut]


def _allotment_out(allotment) -> dict:
    delivery, data = allotment.delivery, allotment.explanation
    return {
        "id": allotment.pk, "member_id": allotment.member_id,
        "member_name": allotment.member.owner_name, "contract_id": delivery.contract_id,
        "contract": str(delivery.contract), "delivery_id": delivery.pk,
        "sequence": delivery.sequence, "due_on": delivery.due_on,
        "quantity": allotment.quantity, "kind": allotment.kind, "status": allotment.status,
        "withdrawn_reason": allotment.withdrawn_reason,
        "explanation": {**{k: data[k] for k in ("rule", "capacity", "total_capacity",
                                                "quantity", "ideal", "ideal_display",
                                                "rounding")},
                        "sentences": [str(s) for s in selectors.explain_share(allotment)]}
        if data else None}


@router.get("/{slug}/contracts/{contract_id}/deliveries/{delivery_id}/allocation",
            response={200: DeliveryAllocationOut, **ERRORS})
def delivery_allocation(request, slug: str, contract_id: int, delivery_id: int):
    """One delivery's split among the members, with each share's working."""
    with api_access(request, slug, "contracts.view"):
        contract = get_object_or_404(Contract, pk=contract_id)
        delivery = selectors.get_delivery(contract, delivery_id)
        allotments = selectors.delivery_allotments(delivery).select_related("delivery__contract")
        return {"contract_id": contract.pk, "delivery_id": delivery.pk,
                "sequence": delivery.sequence, "due_on": delivery.due_on,
                "status": delivery.status, "quantity": delivery.quantity,
                "shortfall": delivery.shortfall,
                "allotments": [_allotment_out(a) for a in allotments]}


@router.get("/{slug}/me/contract-allotments", response={200: list[AllotmentOut], **ERRORS})
def my_allotments(request, slug: str):
    """The caller's own allotments (a member), the earliest delivery first."""
    with api_access(request, slug, "contracts.supply"):
        member = own_membership(request.user)
        if member is None:
            raise Http404
        allotments = selectors.member_allotments(member).select_related("member")
        return [_allotment_out(a) for a in allotments[:500]]
