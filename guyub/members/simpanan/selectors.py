"""Simpanan reads: balances, simpanan wajib arrears, the member's statement."""

import datetime as dt
from decimal import Decimal

from django.db.models import Sum

from guyub.members.models import Member

from .dues import months_in_arrears
from .models import SimpananAccount, SimpananKind, SimpananTransaction

Kind = SimpananKind
TxType = SimpananTransaction.Type


def balances(member: Member) -> dict[str, Decimal]:
    found = dict(SimpananAccount.objects.filter(member=member).values_list("kind", "balance"))
    return {kind: found.get(kind, Decimal(0)) for kind in Kind.values}


def wajib_months_paid(member: Member, as_of: dt.date) -> int:
    return (SimpananTransaction.objects
            .filter(member=member, kind=Kind.WAJIB, type=TxType.DEPOSIT, date__lte=as_of)
            .aggregate(n=Sum("months"))["n"] or 0)


def arrears(member: Member, as_of: dt.date) -> tuple[int, Decimal]:
    """(months, rupiah) of simpanan wajib in arrears at `as_of`."""
    if member.status != Member.Status.ACTIVE:
        return 0, Decimal(0)
    months = months_in_arrears(member.join_date, as_of, wajib_months_paid(member, as_of),
                               due_day=member.cooperative.simpanan_wajib_due_day)
    return months, months * member.cooperative.simpanan_wajib_amount


def members_in_arrears(as_of: dt.date) -> list[tuple[Member, int, Decimal]]:
    """Every active member behind on simpanan wajib at `as_of`, most months first.
    Two queries whatever the number of members."""
    paid = dict(SimpananTransaction.objects
                .filter(kind=Kind.WAJIB, type=TxType.DEPOSIT, date__lte=as_of)
                .values("member_id").annotate(n=Sum("months")).values_list("member_id", "n"))
    rows = []
    for member in Member.objects.filter(status=Member.Status.ACTIVE).select_related(
            "cooperative").order_by("number"):
        months = months_in_arrears(member.join_date, as_of, paid.get(member.pk, 0),
                                   due_day=member.cooperative.simpanan_wajib_due_day)
        if months:
            rows.append((member, months,
                         months * member.cooperative.simpanan_wajib_amount))
    rows.sort(key=lambda row: (-row[1], row[0].number or 0))
    return rows


def simpanan_statement(member: Member, start, end) -> dict:
    """Per kind of simpanan: balance before `start`, the period's transactions, closing."""
    transactions = list(SimpananTransaction.objects.filter(member=member, date__lte=end)
                        .order_by("date", "id"))
    sections = []
    for kind, label in SimpananKind.choices:
        mine = [t for t in transactions if t.kind == kind]
        opening = sum((t.signed_amount for t in mine if t.date < start), Decimal(0))
        running, rows = opening, []
        for t in mine:
            if t.date >= start:
                running += t.signed_amount
                rows.append((t, running))
        sections.append({"kind": kind, "label": label, "opening": opening, "rows": rows,
                         "closing": running})
    return {"sections": sections, "start": start, "end": end,
            "total": sum((s["closing"] for s in sections), Decimal(0))}
