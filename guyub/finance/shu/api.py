"""/api/v1/cooperatives/<slug>/me/shu: the caller's own SHU for a year, as *SHU saya*
shows it (the member app reads it): the share of the posted plan with its payment, else
of the plan proposed to the RAT, else the projection from the books. Only the caller's
own: there is no member id to put in the path (shu.own)."""

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from guyub.core.api import ERRORS
from guyub.core.api_auth import api_access
from guyub.finance.year_param import year_choices
from guyub.members.selectors import own_membership

from . import explain
from .member_views import plan_share, policy_of, projection

router = Router(tags=["finance"])


class PortionOut(Schema):
    key: str
    name: str
    percent: Decimal
    amount: Decimal


class MyShuOut(Schema):
    year: int
    stage: str | None = Field(None, description="posted, proposed, projection; null: none")
    amount: Decimal | None = None
    jasa_modal: Decimal | None = None
    jasa_usaha: Decimal | None = None
    capital: Decimal | None = None
    total_capital: Decimal | None = None
    weighted_business: Decimal | None = None
    total_business: Decimal | None = None
    portions: list[PortionOut] = []
    payout: str | None = Field(None, description="a posted share: unpaid, cash, bank, "
                                                 "sukarela or unclaimed")
    paid_at: dt.datetime | None = None
    computed_at: dt.datetime | None = Field(None, description="a projection: when computed")
    note: str = ""


@router.get("/{slug}/me/shu", response={200: MyShuOut, **ERRORS})
def my_shu(request, slug: str, year: int | None = None):
    """The caller's SHU of `year` (default: last year, the one the RAT decides on)."""
    with api_access(request, slug, "shu.own") as access:
        member = own_membership(request.user)
        if member is None:
            raise Http404
        year = timezone.localdate().year - 1 if year is None else year
        if year not in year_choices():
            raise HttpError(404, _("Tahun buku tidak dikenal."))
        policy = policy_of(access.cooperative)
        share = plan_share(member, year)
        computed_at, note = None, ""
        if share is not None:
            found = explain.from_share(share, policy)
        else:
            found, note, computed_at = projection(access.cooperative, member, year, policy)
        if found is None:
            return {"year": year, "note": note}
        return {"year": year, "stage": found.stage, "amount": found.total,
                "jasa_modal": found.jasa_modal, "jasa_usaha": found.jasa_usaha,
                "capital": found.capital, "total_capital": found.total_capital,
                "weighted_business": found.weighted_business,
                "total_business": found.total_business,
                "portions": [p.__dict__ for p in found.portions],
                "payout": (share.payout or "unpaid")
                if share is not None and found.stage == explain.POSTED else None,
                "paid_at": share.paid_at if share is not None else None,
                "computed_at": computed_at, "note": note}
