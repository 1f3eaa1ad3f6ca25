"""Reads of the solidarity fund: its balance (from the ledger), the report per period,
the grant lists, and who decides."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth

from guyub.core.models import CoopRole
from guyub.core.roles import PERMISSIONS
from guyub.ledger.models import Account, JournalLine

from .models import FUND_ROLE, Contribution, Grant

ZERO = Decimal(0)
OPEN_STATUSES = (Grant.Status.REQUESTED, Grant.Status.APPROVED)
FILTERS = {"open": OPEN_STATUSES, "paid": (Grant.Status.PAID,),
           "refused": (Grant.Status.REFUSED,)}


def fund_account(cooperative) -> Account | None:
    return Account.objects.filter(cooperative=cooperative, role=FUND_ROLE).first()


def fund_balance(cooperative, *, as_of: dt.date | None = None) -> Decimal:
    """The fund's balance as the books hold it: credits less debits of Dana sosial."""
    account = fund_account(cooperative)
    if account is None:
        return ZERO
    lines = JournalLine.objects.filter(account=account)
    if as_of is not None:
        lines = lines.filter(date__lte=as_of)
    sums = lines.aggregate(d=Sum("debit"), c=Sum("credit"))
    return account.signed(sums["d"] or ZERO, sums["c"] or ZERO)


def deciders(cooperative) -> set[int]:
    """The logins that decide grants (solidarity.grant): told of each new request."""
    return set(CoopRole.objects.filter(cooperative=cooperative,
                                       role__in=PERMISSIONS["solidarity.grant"])
               .values_list("user_id", flat=True))


def grants(status: str = ""):
    rows = Grant.objects.select_related("member").order_by("-requested_at", "-id")
    if status in FILTERS:
        rows = rows.filter(status__in=FILTERS[status])
    return rows


def grant(pk) -> Grant | None:
    return (Grant.objects.select_related("member", "requested_by", "decided_by", "paid_by",
                                         "entry").filter(pk=pk).first())


def member_grants(member):
    return Grant.objects.filter(member=member).order_by("-requested_at", "-id")


def member_grant(member, pk) -> Grant | None:
    return Grant.objects.select_related("member").filter(member=member, pk=pk).first()


def recent_contributions(limit: int = 20):
    return Contribution.objects.select_related("member").order_by("-date", "-id")[:limit]


def years() -> list[int]:
    """Years that have fund activity, newest first (at least this year)."""
    found = {d.year for d in Contribution.objects.dates("date", "year")}
    found |= {d.year for d in Grant.objects.filter(paid_on__isnull=False).dates("paid_on", "year")}
    found.add(dt.date.today().year)
    return sorted(found, reverse=True)


def report(cooperative, year: int) -> dict:
    """The fund's year: opening and closing balance from the ledger, contributions per
    month and by source, grants paid per month and by category, and whether the rows of
    this register add up to the ledger's movement (they must: each row has its entry)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    contributions = Contribution.objects.filter(date__range=(start, end))
    paid = Grant.objects.filter(status=Grant.Status.PAID, paid_on__range=(start, end))
    by_month_in = dict(contributions.annotate(m=ExtractMonth("date")).values("m")
                       .annotate(t=Sum("amount")).order_by().values_list("m", "t"))
    by_month_out = dict(paid.annotate(m=ExtractMonth("paid_on")).values("m")
                        .annotate(t=Sum("amount_approved")).order_by().values_list("m", "t"))
    months = [{"month": dt.date(year, m, 1), "in": by_month_in.get(m, ZERO),
               "out": by_month_out.get(m, ZERO)}
              for m in range(1, 13) if m in by_month_in or m in by_month_out]
    sources = dict(Contribution.Source.choices)
    by_source = [{"label": sources[row["source"]], "total": row["t"], "count": row["n"]}
                 for row in contributions.values("source").annotate(
                     t=Sum("amount"), n=Count("id")).order_by("source")]
    categories = dict(Grant.Category.choices)
    by_category = [{"label": categories[row["category"]], "total": row["t"], "count": row["n"]}
                   for row in paid.values("category").annotate(
                       t=Sum("amount_approved"), n=Count("id")).order_by("category")]
    total_in = sum((row["in"] for row in months), ZERO)
    total_out = sum((row["out"] for row in months), ZERO)
    opening = fund_balance(cooperative, as_of=start - dt.timedelta(days=1))
    closing = fund_balance(cooperative, as_of=end)
    return {"year": year, "months": months, "by_source": by_source,
            "by_category": by_category, "total_in": total_in, "total_out": total_out,
            "opening": opening, "closing": closing,
            "register_closing": opening + total_in - total_out,
            "matches": opening + total_in - total_out == closing}
