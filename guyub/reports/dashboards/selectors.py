"""The board dashboard's reads over members, simpanan and the work queues. Each figure
family is one query (or a fixed few) whatever the number of rows behind it: the
database groups, Python only labels and pivots the groups."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, FilteredRelation, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from guyub.catalog.models import Certificate
from guyub.members.models import Member, Scale, Sector
from guyub.members.simpanan.dues import months_in_arrears
from guyub.members.simpanan.models import SimpananKind, SimpananTransaction
from guyub.purchasing.models import Round, Tender
from guyub.sales.models import Order

from .periods import Period

ZERO = Decimal(0)
BREAKDOWN_LABELS = {"status": dict(Member.Status.choices), "sector": dict(Sector.choices),
                    "scale": dict(Scale.choices), "regency": {}}
CERTIFICATE_DAYS = 60


def members_by(field: str) -> list[dict]:
    """Members and the people their businesses employ (Member.workers, "jumlah
    pekerja") per value of `field`. By status every member counts; the other breakdowns
    are of active members, as the home page's."""
    members = Member.objects.all()
    if field != "status":
        members = members.filter(status=Member.Status.ACTIVE)
    rows = (members.values(field).annotate(n=Count("id"), workers=Sum("workers"))
            .order_by("-n", field))
    labels = BREAKDOWN_LABELS[field]
    return [{"key": r[field], "label": str(labels.get(r[field], r[field] or "—")),
             "members": r["n"], "workers": r["workers"] or 0} for r in rows]


def simpanan_over_time(period: Period) -> dict[str, list[Decimal]]:
    """Each kind's balance at the end of each month of the period: one GROUP BY of the
    transactions, those before the period folded into the opening balance."""
    deposit = Q(type=SimpananTransaction.Type.DEPOSIT)
    signed = (Coalesce(Sum("amount", filter=deposit), ZERO)
              - Coalesce(Sum("amount", filter=~deposit), ZERO))
    groups = (SimpananTransaction.objects.filter(date__lte=period.end)
              .annotate(month=TruncMonth("date"))
              .values("kind", "month").annotate(net=signed).order_by())
    opening = {kind: ZERO for kind in SimpananKind.values}
    moves: dict[tuple, Decimal] = {}
    for g in groups:
        if g["month"] < period.start:
            opening[g["kind"]] += g["net"]
        else:
            moves[g["kind"], g["month"]] = g["net"]
    out = {}
    for kind in SimpananKind.values:
        balance, series = opening[kind], []
        for month in period.months:
            balance += moves.get((kind, month), ZERO)
            series.append(balance)
        out[kind] = series
    return out


def arrears_summary(cooperative, as_of: dt.date) -> dict:
    """How many active members are behind on simpanan wajib, and by how much. The rule
    is the members app's (dues.months_in_arrears); instead of running it once per member
    (members_in_arrears loads them all), members are grouped by what it depends on, the
    join date and the months paid, so it runs once per group. The months paid are the
    wajib account's count, which the simpanan services raise with every deposit (the
    form refuses future dates, so it equals the deposits up to today that
    simpanan.selectors.arrears adds up); one join, not a subquery per member."""
    groups = (Member.objects.filter(status=Member.Status.ACTIVE)
              .annotate(wajib=FilteredRelation(
                  "simpanan_accounts", condition=Q(simpanan_accounts__kind=SimpananKind.WAJIB)))
              .values("join_date", paid=Coalesce("wajib__months_paid", Value(0)))
              .annotate(n=Count("id")).order_by())
    members = months = 0
    for g in groups:
        behind = months_in_arrears(g["join_date"], as_of, g["paid"],
                                   due_day=cooperative.simpanan_wajib_due_day)
        if behind:
            members += g["n"]
            months += behind * g["n"]
    return {"members": members, "months": months,
            "amount": months * cooperative.simpanan_wajib_amount}


def expiring_certificates(today: dt.date, member=None) -> list[Certificate]:
    found = (Certificate.objects
             .filter(expires_on__gte=today,
                     expires_on__lte=today + dt.timedelta(days=CERTIFICATE_DAYS))
             .select_related("member", "product").order_by("expires_on", "id"))
    if member is not None:
        found = found.filter(member=member)
    return list(found[:50])


def work_queues() -> dict:
    """What waits for someone: one count query per kind of record."""
    rounds = Round.objects.aggregate(
        open=Count("id", filter=Q(status=Round.Status.OPEN)),
        receiving=Count("id", filter=Q(status__in=Round.RECEIVING)))
    tenders = Tender.objects.aggregate(
        open=Count("id", filter=Q(status=Tender.Status.OPEN)),
        evaluation=Count("id", filter=Q(status=Tender.Status.EVALUATION)))
    orders = Order.objects.filter(status__in=[
        Order.Status.PLACED, Order.Status.PAID, Order.Status.FULFILLING]).aggregate(
        unpaid=Count("id", filter=Q(status=Order.Status.PLACED)),
        to_ship=Count("id", filter=~Q(status=Order.Status.PLACED)))
    return {"rounds": rounds, "tenders": tenders, "orders": orders}
