"""Mutual-support figures for the dashboards: the loan portfolio by collectibility
grade, the solidarity fund's money in and out each month, what waits for the board's
decision, and for a member their own loans and next instalments.

The portfolio is the loans app's one-statement aggregate; the rest are grouped queries."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, DateField, Q, Sum
from django.db.models.functions import Cast, TruncMonth
from django.utils.translation import gettext as _

from guyub.resources.models import Booking
from guyub.support.loans import selectors as loans
from guyub.support.loans.models import Instalment, Loan
from guyub.support.solidarity.models import Contribution, Grant
from guyub.support.solidarity.selectors import fund_balance

from .periods import Period

ZERO = Decimal(0)


def portfolio(cooperative, today: dt.date) -> list:
    """Running loans by grade (lancar … macet): count, outstanding principal, arrears."""
    limits = loans.settings_of(cooperative)
    return loans.portfolio(cooperative, as_of=today, grace_days=limits.grace_days)


def fund_series(period: Period) -> dict[str, list[Decimal]]:
    """Per month of the period: contributions into the solidarity fund and grants paid."""
    def monthly(queryset, field, amount):
        rows = (queryset.filter(**{f"{field}__range": (period.start, period.end)})
                .annotate(month=Cast(TruncMonth(field), DateField()))
                .values("month").annotate(total=Sum(amount)).order_by())
        by_month = {row["month"]: row["total"] or ZERO for row in rows}
        return [by_month.get(m, ZERO) for m in period.months]

    return {_("Iuran masuk"): monthly(Contribution.objects.all(), "date", "amount"),
            _("Bantuan dibayar"): monthly(Grant.objects.filter(status=Grant.Status.PAID),
                                          "paid_on", "amount_approved")}


def work_queues(cooperative) -> dict:
    """What waits for the board or staff: one count query per kind."""
    loans = Loan.objects.aggregate(
        loans_to_decide=Count("id", filter=Q(status=Loan.Status.APPLIED)),
        loans_to_disburse=Count("id", filter=Q(status=Loan.Status.APPROVED)))
    grants = Grant.objects.aggregate(
        grants_to_decide=Count("id", filter=Q(status=Grant.Status.REQUESTED)),
        grants_to_pay=Count("id", filter=Q(status=Grant.Status.APPROVED)))
    return {**loans, **grants,
            "bookings_to_approve": Booking.objects.filter(
                status=Booking.Status.REQUESTED).count(),
            "fund": fund_balance(cooperative)}


def member_loans(member) -> dict:
    """The member's principal still owed on running loans and their next instalment."""
    running = Loan.objects.filter(member=member, status=Loan.Status.ACTIVE)
    owed = (Instalment.objects.filter(loan__in=running, status=Instalment.Status.DUE)
            .aggregate(total=Sum("principal"))["total"]) or ZERO
    upcoming = (Instalment.objects.filter(loan__in=running, status=Instalment.Status.DUE)
                .select_related("loan").order_by("due", "pk").first())
    return {"owed": owed, "next": upcoming}


def member_deadlines(member, today: dt.date, until: dt.date) -> list[dict]:
    """The member's unpaid instalments due up to `until` (late ones included)."""
    due = (Instalment.objects.filter(loan__member=member, loan__status=Loan.Status.ACTIVE,
                                     status=Instalment.Status.DUE, due__lte=until)
           .select_related("loan").order_by("due", "pk")[:10])
    return [{"date": i.due, "kind": "loan", "pk": i.loan_id,
             "text": _("Angsuran ke-%(seq)s pinjaman %(number)s") % {
                 "seq": i.seq, "number": i.loan}} for i in due]
