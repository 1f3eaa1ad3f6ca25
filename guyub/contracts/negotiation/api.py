"""Contracts in the JSON API: list and read them (officers every contract, a buyer its
own; another buyer's contract is 403 to it), request one (a buyer with its business
profile), post an offer or a message, and accept the proposal on the table.

Input goes through the page's forms (422 with the field's message). Accepting below
the grade's floor price is refused with the reason (409), as on the pages: the rule is
the service's. Accepting for the cooperative is the board's (see pages.py)."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from guyub.core.api import ERRORS, ErrorOut
from guyub.core.api_auth import FormErrors, api_access

from . import selectors, services
from .forms import ContractForm, MessageForm, OfferForm
from .models import Contract, Offer
from .pages import ACCEPT_FOR_COOPERATIVE

router = Router(tags=["contracts"])
Party = Offer.Party


class ContractOut(Schema):
    id: int
    number: int
    title: str
    status: str
    version: int = Field(description="the version in force, or under negotiation")
    buyer: str
    grade_id: int
    grade: str
    specification: str
    unit: str
    lot_size: int
    min_lot: int
    quantity_per_delivery: int
    deliveries: int
    interval_days: int
    first_delivery_on: dt.date
    delivery_place: str
    price: Decimal = Field(description="rupiah per unit: the latest proposed or agreed price")
    payment_terms_days: int
    rule: str


class OfferOut(Schema):
    id: int
    version: int
    party: str = Field(description="buyer or cooperative")
    kind: str = Field(description="request, offer, message, accept, decline or withdraw")
    price: Decimal | None
    quantity_per_delivery: int | None
    deliveries: int | None
    payment_terms_days: int | None
    message: str
    at: dt.datetime


class VersionOut(Schema):
    version: int
    agreed_at: dt.datetime
    pdf: str


class ContractDetailOut(ContractOut):
    offers: list[OfferOut]
    versions: list[VersionOut]


class ContractIn(Schema):
    title: str
    grade_id: int
    specification: str
    channel_id: int | None = None
    unit: str = Contract.Unit.KG
    lot_size: int = 1
    min_lot: int = 0
    quantity_per_delivery: int
    deliveries: int
    interval_days: int = 7
    first_delivery_on: str = Field(description="YYYY-MM-DD, not in the past")
    delivery_place: str
    price: Decimal = Field(description="target price per unit, whole rupiah")
    payment_terms_days: int = 30


class StepIn(Schema):
    kind: Literal["offer", "message"]
    price: Decimal | None = None
    quantity_per_delivery: int | None = None
    deliveries: int | None = None
    payment_terms_days: int | None = None
    message: str = ""


def _out(contract) -> dict:
    data = {name: getattr(contract, name) for name in (
        "id", "number", "title", "status", "version", "grade_id", "specification", "unit",
        "lot_size", "min_lot", "quantity_per_delivery", "deliveries", "interval_days",
        "first_delivery_on", "delivery_place", "price", "payment_terms_days", "rule")}
    return {**data, "buyer": str(contract.buyer), "grade": str(contract.grade)}


def _detail(contract) -> dict:
    slug = contract.cooperative.slug
    return {**_out(contract),
            "offers": list(selectors.history(contract)),
            "versions": [{"version": v.version, "agreed_at": v.agreed_at,
                          "pdf": reverse("contracts:version_pdf",
                                         args=[slug, contract.pk, v.version])}
                         for v in selectors.versions(contract)]}


def _party(access) -> Party:
    if access.can("contracts.view"):
        return Party.COOPERATIVE
    if access.can("contracts.buy"):
        return Party.BUYER
    raise PermissionDenied("contracts.view")


def _contract_for(access, contract_id: int) -> tuple[Contract, Party]:
    party = _party(access)
    contract = get_object_or_404(selectors.contract_list(), pk=contract_id)
    if party == Party.BUYER and contract.buyer.user_id != access.user.pk:
        raise PermissionDenied("contracts.view")
    return contract, party


@router.get("/{slug}/contracts", response={200: list[ContractOut], **ERRORS})
def list_contracts(request, slug: str, status: str = ""):
    """Officers: every contract. A buyer: its own."""
    with api_access(request, slug, None) as access:
        party = _party(access)
        rows = (selectors.contract_list(status) if party == Party.COOPERATIVE
                else selectors.contracts_of_buyer(request.user, status))
        return [_out(c) for c in rows[:200]]


@router.get("/{slug}/contracts/{contract_id}", response={200: ContractDetailOut, **ERRORS})
def get_contract(request, slug: str, contract_id: int):
    """A contract with its whole negotiation history and its agreed versions."""
    with api_access(request, slug, None) as access:
        contract, _party_ = _contract_for(access, contract_id)
        return _detail(contract)


@router.post("/{slug}/contracts", response={201: ContractDetailOut, **ERRORS})
def request_contract(request, slug: str, payload: ContractIn):
    """A buyer requests a contract; its business profile must be complete first."""
    with api_access(request, slug, "contracts.buy") as access:
        buyer = selectors.business_buyer_of(request.user)
        if buyer is None or not hasattr(buyer, "business_profile"):
            raise FormErrors({"__all__": [_("Lengkapi profil usaha Anda dulu.")]})
        data = payload.dict()
        data["grade"], data["channel"] = data.pop("grade_id"), data.pop("channel_id") or ""
        form = ContractForm(data={k: "" if v is None else v for k, v in data.items()},
                            instance=Contract(cooperative=access.cooperative))
        if not form.is_valid():
            raise FormErrors(form.errors)
        contract = services.request_contract(form.save(commit=False), actor=request.user,
                                             buyer=buyer)
        return Status(201, _detail(contract))


@router.post("/{slug}/contracts/{contract_id}/offers",
             response={201: OfferOut, 409: ErrorOut, **ERRORS})
def post_step(request, slug: str, contract_id: int, payload: StepIn):
    """An offer (full terms: price, quantity_per_delivery, deliveries,
    payment_terms_days; a price below the floor is recorded but cannot be accepted) or
    a message. Officers: board and staff; a buyer on its own contracts."""
    with api_access(request, slug, None) as access:
        contract, party = _contract_for(access, contract_id)
        if party == Party.COOPERATIVE:
            access.require("contracts.manage")
        data = {k: "" if v is None else v for k, v in payload.dict().items()}
        who = {"contract": contract, "party": party, "actor": request.user}
        if payload.kind == "message":
            form = MessageForm(data=data)
            if not form.is_valid():
                raise FormErrors(form.errors)
            return Status(201, services.post_message(**who, message=form.cleaned_data["message"]))
        form = OfferForm(data=data)
        if not form.is_valid():
            raise FormErrors(form.errors)
        service = (services.start_amendment if contract.status == Contract.Status.ACTIVE
                   else services.propose)
        return Status(201, service(**who, **form.cleaned_data))


class AgreedOut(Schema):
    contract: ContractDetailOut
    version: int


@router.post("/{slug}/contracts/{contract_id}/accept",
             response={200: AgreedOut, 409: ErrorOut, **ERRORS})
def accept(request, slug: str, contract_id: int):
    """Accept the proposal on the table (the side that did not make it; for the
    cooperative, the board). 409 with the reason when nothing is on the table, or its
    price is below the grade's floor price in force."""
    with api_access(request, slug, None) as access:
        contract, party = _contract_for(access, contract_id)
        if party == Party.COOPERATIVE:
            access.require(ACCEPT_FOR_COOPERATIVE)
        agreed = services.accept(**{"contract": contract, "party": party,
                                    "actor": request.user})
        contract.refresh_from_db()
        return {"contract": _detail(contract), "version": agreed.version}
