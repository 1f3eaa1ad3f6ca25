import datetime as dt
from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from guyub.core.api import ERRORS
from guyub.core.api_auth import FormErrors, api_access, validated

from . import selectors, services
from .forms import MemberFilterForm, MemberForm, StatusChangeForm
from .models import Member
from .rights import STATUS_PERMISSION

router = Router(tags=["members"])


class MemberOut(Schema):
    id: int
    number: int | None
    display_number: str
    status: str
    owner_name: str
    nik: str
    business_name: str
    nib: str
    phone: str
    email: str
    address: str
    province: str
    province_name: str
    regency: str
    sector: str
    workers: int
    business_capital: Decimal | None
    annual_sales: Decimal | None
    scale: str
    join_date: dt.date | None
    applied_at: dt.datetime


class MemberIn(Schema):
    owner_name: str
    nik: str
    business_name: str
    nib: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    province: str
    regency: str
    sector: str
    workers: int = Field(1, ge=0)
    business_capital: Decimal | None = None
    annual_sales: Decimal | None = None
    join_date: dt.date | None = None


class MemberPatch(Schema):
    owner_name: str | None = None
    nik: str | None = None
    business_name: str | None = None
    nib: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    province: str | None = None
    regency: str | None = None
    sector: str | None = None
    workers: int | None = Field(None, ge=0)
    business_capital: Decimal | None = None
    annual_sales: Decimal | None = None


class StatusIn(Schema):
    status: str = Field(description="active (setujui), rejected, exited, expelled")
    date: dt.date
    reason: str = ""
    method: str = Field("cash", description="cash (kas) or bank: simpanan pokok / settlement")


class MemberFilters(Schema):
    q: str = ""
    status: str = ""
    scale: str = ""
    sector: str = ""
    province: str = ""
    regency: str = ""
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=500)


class MemberPage(Schema):
    count: int
    page: int
    pages: int
    items: list[MemberOut]


@router.get("/{slug}/members", response={200: MemberPage, **ERRORS})
def list_members(request, slug: str, filters: Query[MemberFilters]):
    """The member register with the same search and filters as the member page."""
    with api_access(request, slug, "members.view"):
        form = MemberFilterForm(filters.dict(exclude={"page", "page_size"}))
        if not form.is_valid():
            raise FormErrors(form.errors)
        members = selectors.member_list(**{k: v for k, v in form.cleaned_data.items() if v})
        page = Paginator(members, filters.page_size).get_page(filters.page)
        return {"count": page.paginator.count, "page": page.number,
                "pages": page.paginator.num_pages, "items": list(page)}


@router.post("/{slug}/members", response={201: MemberOut, **ERRORS})
def create_member(request, slug: str, payload: MemberIn):
    """Register an existing member directly as active (board, staff)."""
    with api_access(request, slug, "members.edit") as access:
        data = payload.dict()
        join_date = data.pop("join_date", None)
        if join_date and join_date > dt.date.today():
            raise FormErrors({"join_date": ["Tanggal bergabung tidak boleh di masa depan."]})
        profile = validated(MemberForm, data, cooperative=access.cooperative)
        member = services.register_member(cooperative=access.cooperative, actor=request.user,
                                          profile=profile, join_date=join_date)
        return Status(201, member)


@router.get("/{slug}/members/{member_id}", response={200: MemberOut, **ERRORS})
def get_member(request, slug: str, member_id: int):
    with api_access(request, slug, "members.view"):
        return get_object_or_404(Member, pk=member_id)


@router.patch("/{slug}/members/{member_id}", response={200: MemberOut, **ERRORS})
def update_member(request, slug: str, member_id: int, payload: MemberPatch):
    with api_access(request, slug, "members.edit") as access:
        member = get_object_or_404(Member, pk=member_id)
        profile = validated(MemberForm, payload.dict(exclude_unset=True), instance=member,
                            cooperative=access.cooperative)
        return services.update_member(member=member, actor=request.user, profile=profile)


@router.post("/{slug}/members/{member_id}/status", response={200: MemberOut, 409: dict,
                                                             **ERRORS})
def change_member_status(request, slug: str, member_id: int, payload: StatusIn):
    """Approve (active) or reject an application; record an exit or an expulsion."""
    if payload.status not in STATUS_PERMISSION:
        raise FormErrors({"status": ["Status tidak dikenal."]})
    with api_access(request, slug, STATUS_PERMISSION[payload.status]):
        member = get_object_or_404(Member, pk=member_id)
        form = StatusChangeForm({"date": payload.date, "reason": payload.reason,
                                 "method": payload.method})
        if not form.is_valid():
            raise FormErrors(form.errors)
        return services.change_status(member=member, actor=request.user,
                                      to_status=payload.status, **form.cleaned_data)


@router.get("/{slug}/me", response={200: MemberOut, **ERRORS})
def my_membership(request, slug: str):
    """The caller's own member record (member portal)."""
    with api_access(request, slug, "portal.view"):
        member = selectors.own_membership(request.user)
        if member is None:
            raise Http404
        return member
