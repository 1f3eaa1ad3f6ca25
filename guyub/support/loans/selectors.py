"""Loan reads: the by-law settings, a member's ceiling, lists and the portfolio figures."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Min, OuterRef, QuerySet, Subquery, Sum
from django.utils import timezone

from guyub.core.models import Cooperative
from guyub.core.money import to_rupiah
from guyub.members.models import Member
from guyub.members.simpanan.selectors import balances

from . import collectibility, schedule, statements
from .models import Instalment, Loan, LoanSettings

ZERO = Decimal(0)
OPEN = (Loan.Status.APPLIED, Loan.Status.APPROVED, Loan.Status.ACTIVE)
STATUS_FILTERS = {"open": list(OPEN), **{s: [s] for s in Loan.Status.values}}


def settings_of(cooperative: Cooperative) -> LoanSettings:
    """The cooperative's limits; the defaults (unsaved) until the board sets them."""
    found = LoanSettings.objects.filter(cooperative=cooperative).first()
    return found or LoanSettings(cooperative=cooperative)


@dataclass(frozen=True)
class Ceiling:
    simpanan: Decimal  # pokok + wajib + sukarela
    limit: Decimal  # simpanan × the by-law multiple
    owed: Decimal  # what the member's open loans take of it
    available: Decimal


def ceiling(member: Member, limits: LoanSettings, *, excluding: Loan | None = None) -> Ceiling:
    """How much more the member may borrow: the by-law multiple of their simpanan, less
    the principal of their open loans (applied or approved: the full amount; running:
    what is still owed), so two loans cannot each use the whole ceiling."""
    simpanan = sum(balances(member).values(), ZERO)
    limit = to_rupiah(simpanan * limits.ceiling_multiple)
    loans = Loan.objects.filter(member=member, status__in=OPEN)
    if excluding is not None:
        loans = loans.exclude(pk=excluding.pk)
    owed = ZERO
    for loan in loans:
        owed += loan.amount if loan.status != Loan.Status.ACTIVE else outstanding(loan)
    return Ceiling(simpanan=simpanan, limit=limit, owed=owed,
                   available=max(limit - owed, ZERO))


def current_schedule(loan: Loan) -> QuerySet[Instalment]:
    return Instalment.objects.filter(loan=loan, version=loan.schedule_version).order_by("seq")


def superseded(loan: Loan) -> QuerySet[Instalment]:
    return Instalment.objects.filter(loan=loan, status=Instalment.Status.SUPERSEDED)


def unpaid(loan: Loan) -> QuerySet[Instalment]:
    return current_schedule(loan).filter(status=Instalment.Status.DUE)


def outstanding(loan: Loan) -> Decimal:
    return unpaid(loan).aggregate(s=Sum("principal"))["s"] or ZERO


def next_due(loan: Loan) -> Instalment | None:
    return unpaid(loan).first()


def days_overdue(loan: Loan, as_of: dt.date) -> int:
    first = next_due(loan) if loan.status == Loan.Status.ACTIVE else None
    return max((as_of - first.due).days, 0) if first else 0


def grade_of(loan: Loan, as_of: dt.date, grace_days: int) -> str:
    return collectibility.grade(days_overdue(loan, as_of), grace_days)


def _grade_bounds(as_of: dt.date, grace_days: int) -> dict[str, tuple]:
    """Each grade as a range of the oldest unpaid due date: (on or after, before)."""
    days = dt.timedelta
    lancar_from = as_of - days(max(grace_days, 0))
    kl_from = as_of - days(collectibility.KURANG_LANCAR_UNTIL)
    dr_from = as_of - days(collectibility.DIRAGUKAN_UNTIL)
    return {collectibility.LANCAR: (lancar_from, None),
            collectibility.KURANG_LANCAR: (kl_from, lancar_from),
            collectibility.DIRAGUKAN: (dr_from, kl_from),
            collectibility.MACET: (None, dr_from)}


def loan_list(*, status: str = "", grade: str = "", as_of: dt.date,
              grace_days: int = 0) -> QuerySet[Loan]:
    oldest = (Instalment.objects.filter(loan=OuterRef("pk"), version=OuterRef("schedule_version"),
                                        status=Instalment.Status.DUE)
              .order_by().values("loan").annotate(d=Min("due")).values("d"))
    loans = (Loan.objects.select_related("member")
             .annotate(oldest_due=Subquery(oldest)).order_by("-number"))
    if status in STATUS_FILTERS:
        loans = loans.filter(status__in=STATUS_FILTERS[status])
    if grade in collectibility.GRADES:
        start, end = _grade_bounds(as_of, grace_days)[grade]
        loans = loans.filter(status=Loan.Status.ACTIVE)
        if grade == collectibility.LANCAR:
            loans = loans.exclude(oldest_due__lt=start)
        else:
            if start is not None:
                loans = loans.filter(oldest_due__gte=start)
            loans = loans.filter(oldest_due__lt=end)
    return loans


def loan(pk) -> Loan | None:
    return Loan.objects.select_related("member").filter(pk=pk).first()


def member_loans(member: Member) -> QuerySet[Loan]:
    return Loan.objects.filter(member=member).order_by("-number")


def member_loan(member: Member, pk) -> Loan | None:
    return Loan.objects.select_related("member").filter(member=member, pk=pk).first()


def member_instalment(member: Member, pk) -> Instalment | None:
    return (Instalment.objects.select_related("loan__member")
            .filter(loan__member=member, pk=pk).first())


def as_row(row: Instalment) -> schedule.Instalment:
    return schedule.Instalment(seq=row.seq, due=row.due, principal=row.principal,
                               interest=row.interest, balance_after=row.balance_after)


def payoff_quote(loan: Loan, on: dt.date) -> tuple[Decimal, Decimal]:
    """(principal, interest) that settle the loan on `on` (schedule.early_payoff)."""
    return schedule.early_payoff([as_row(row) for row in unpaid(loan)], on)


def loan_page(loan: Loan) -> dict:
    """What the officer's and the member's loan pages (and the statement) show."""
    today = timezone.localdate()
    limits = settings_of(loan.cooperative)
    days = days_overdue(loan, today)
    grade = collectibility.grade(days, limits.grace_days)
    quote = payoff_quote(loan, today) if loan.status == Loan.Status.ACTIVE else None
    return {
        "loan": loan, "schedule": list(current_schedule(loan)),
        "superseded": list(superseded(loan)),
        "restructurings": list(loan.restructurings.all()),
        "repayments": list(repayments(loan)),
        "outstanding": outstanding(loan), "next_due": next_due(loan),
        "days_overdue": days, "grade_label": collectibility.LABELS[grade], "grade": grade,
        "payoff": (quote[0] + quote[1]) if quote else None,
        "payoff_principal": quote[0] if quote else None,
        "payoff_interest": quote[1] if quote else None, "today": today,
    }


def repayments(loan: Loan):
    return loan.repayments.order_by("date", "id")


@dataclass(frozen=True)
class GradeRow:
    grade: str
    loans: int
    outstanding: Decimal
    arrears: Decimal

    @property
    def label(self):
        return collectibility.LABELS[self.grade]


def portfolio(cooperative: Cooperative, *, as_of: dt.date, grace_days: int) -> list[GradeRow]:
    """Running loans by collectibility grade: how many, principal outstanding, arrears.
    Every grade is listed, in order, with zeros where it has no loan."""
    bounds = _grade_bounds(as_of, grace_days)
    params = {"due": Instalment.Status.DUE.value, "active": Loan.Status.ACTIVE.value,
              "coop": cooperative.pk, "as_of": as_of,
              "lancar_from": bounds[collectibility.LANCAR][0],
              "kl_from": bounds[collectibility.KURANG_LANCAR][0],
              "dr_from": bounds[collectibility.DIRAGUKAN][0]}
    found = {grade: (n, Decimal(out), Decimal(arr)) for grade, n, out, arr
             in statements.portfolio_rows(params)}
    return [GradeRow(grade, *found.get(grade, (0, ZERO, ZERO)))
            for grade in collectibility.GRADES]
