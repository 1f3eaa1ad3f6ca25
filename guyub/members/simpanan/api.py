import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from guyub.core.api import ERRORS
from guyub.core.api_auth import FormErrors, api_access
from guyub.members.models import Member
from guyub.members.selectors import own_membership

from . import selectors, services
from .models import SimpananKind

router = Router(tags=["simpanan"])


class SimpananTransactionOut(Schema):
    id: int
    receipt: str = Field(..., alias="receipt_display")
    kind: str
    type: str
    amount: Decimal
    months: int
    date: dt.date
    method: str
    journal_entry: int | None = Field(None, alias="entry_id")


class SimpananOut(Schema):
    member_id: int
    pokok: Decimal
    wajib: Decimal
    sukarela: Decimal
    arrears_months: int
    arrears_amount: Decimal
    transactions: list[SimpananTransactionOut]


class SimpananIn(Schema):
    action: Literal["wajib", "deposit_sukarela", "withdraw_sukarela"]
    date: dt.date
    method: Literal["cash", "bank"] = "cash"
    months: int | None = Field(None, ge=1, le=60, description="simpanan wajib: months paid")
    amount: Decimal | None = Field(None, gt=0, max_digits=14, decimal_places=0,
                                   description="simpanan sukarela: rupiah")
    note: str = Field("", max_length=200)


def _summary(member: Member) -> dict:
    months, amount = selectors.arrears(member, timezone.localdate())
    return {"member_id": member.pk, **selectors.balances(member), "arrears_months": months,
            "arrears_amount": amount,
            "transactions": list(member.simpanan_transactions.all()[:100])}


@router.get("/{slug}/members/{member_id}/simpanan", response={200: SimpananOut, **ERRORS})
def get_simpanan(request, slug: str, member_id: int):
    """A member's simpanan balances, wajib arrears and latest transactions."""
    with api_access(request, slug, "simpanan.view"):
        return _summary(get_object_or_404(Member, pk=member_id))


@router.post("/{slug}/members/{member_id}/simpanan",
             response={201: SimpananTransactionOut, **ERRORS})
def record_simpanan(request, slug: str, member_id: int, payload: SimpananIn):
    """Record a simpanan wajib payment or a sukarela deposit / withdrawal (board, staff)."""
    with api_access(request, slug, "simpanan.record"):
        member = get_object_or_404(Member, pk=member_id)
        if payload.date > timezone.localdate():
            raise FormErrors({"date": ["Tanggal tidak boleh di masa depan."]})
        common = {"member": member, "actor": request.user, "date": payload.date,
                  "method": payload.method}
        if payload.action == "wajib":
            if payload.months is None:
                raise FormErrors({"months": ["Jumlah bulan wajib diisi."]})
            tx = services.pay_wajib(months=payload.months, **common)
        else:
            if payload.amount is None:
                raise FormErrors({"amount": ["Jumlah wajib diisi."]})
            if payload.action == "deposit_sukarela":
                tx = services.deposit_sukarela(amount=payload.amount, note=payload.note,
                                               **common)
            else:
                tx = services.withdraw(kind=SimpananKind.SUKARELA, amount=payload.amount,
                                       note=payload.note, **common)
        return Status(201, tx)


@router.get("/{slug}/me/simpanan", response={200: SimpananOut, **ERRORS})
def my_simpanan(request, slug: str):
    """The caller's own simpanan (member portal)."""
    with api_access(request, slug, "portal.view"):
        member = own_membership(request.user)
        if member is None:
            raise Http404
        return _summary(member)
