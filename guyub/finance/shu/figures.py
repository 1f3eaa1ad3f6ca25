"""Each member's capital and business for a year's SHU, gathered from the records that
say what the member did with the cooperative: one aggregate query per source, grouped
by member, so the cost grows with the rows of the year, not with members × queries.

Which record says "business this member did with the cooperative this year":
- capital: the ledger's member sub-ledger (JournalLine.member) on the simpanan pokok
  and wajib accounts (and sukarela when the policy counts it), by role. Balances run
  from the member's first line, so a year-end balance is every line up to 31 December;
  the monthly average is the mean of the 12 month-end balances (CASE sums in the same
  query), each month-end below 0 counting 0.
- sales: the fulfilment lines (sales.FulfilmentLine: the member whose goods filled an
  order line, `sale_amount` the value of their goods before the commission) of orders
  paid in the year and not cancelled, dated by the order's payment. Payouts lag the
  sales and the monthly summaries are rebuilt by a job, so both could miss a sale.
- purchases: the member's share of a pooled round (purchasing.Share: goods, their part
  of the costs and the cooperative's fee: what they were billed) in rounds whose goods
  were received (received or distributed), dated by the round's close. A commitment
  alone is not business: the goods may never have come.
- contracts: what the cooperative owes the member for goods that passed the quality
  check (contracts.MemberPayment), dated by the check, as
  contracts.deliveries.selectors.member_contract_volume counts it.
- loan interest: the ledger's loan_interest lines naming the member (credit less debit,
  so a reversed repayment takes its interest back out), in the year.
- asset fees: the fee of the member's bookings whose charge was posted in the year and
  not released (a cancelled-in-time booking's charge is reversed). The ledger's fee
  line does not name the member (the receivable does), the booking does.

Who counts: members who joined on or before 31 December (applicants and rejected
applicants never) and were still members on 1 January. A member who left during the
year (exited, or expelled: the by-laws treat both as the end of membership, so they
are treated alike) is left out entirely with the policy `exclude`; with `include` their
capital is their balance the day before they left (year-end basis) or the month-ends
before they left (monthly average, the later months counting 0), and their business
the business up to the day they left. A member who joined during the year counts with
the capital and business from the day they joined (their earlier month-ends are 0).
No figure is negative."""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    DecimalField,
    F,
    FilteredRelation,
    Q,
    Sum,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django_scopes import scope

from guyub.contracts.deliveries.models import MemberPayment
from guyub.ledger.models import Account, EntryKind, JournalLine
from guyub.members.models import Member
from guyub.purchasing.models import Round, Share
from guyub.resources.bookings.models import Booking
from guyub.sales.fulfilment.models import FulfilmentLine
from guyub.sales.models import Order

from .models import ShuPolicy

ZERO = Decimal(0)
CENTS = Decimal("0.01")
BUSINESS_KINDS = ("sales", "purchases", "contracts", "loan_interest", "asset_fees")
LEFT = (Member.Status.EXITED, Member.Status.EXPELLED)
COUNTED = (Member.Status.ACTIVE, *LEFT)
PAID_ORDERS = (Order.Status.PAID, Order.Status.FULFILLING, Order.Status.SHIPPED,
               Order.Status.DELIVERED)
MONEY = DecimalField(max_digits=24, decimal_places=2)


@dataclass(frozen=True)
class YearFigures:
    """One member's figures for a year's SHU, in rupiah (capital to the sen: a monthly
    average). `joined_on`/`left_on` are the membership's dates (None: unknown / still a
    member); `left_on` is set only for a member who left during or after the year."""

    member_id: int
    number: int | None
    name: str
    business_name: str
    status: str
    joined_on: dt.date | None
    left_on: dt.date | None
    capital: Decimal
    sales: Decimal = ZERO
    purchases: Decimal = ZERO
    contracts: Decimal = ZERO
    loan_interest: Decimal = ZERO
    asset_fees: Decimal = ZERO

    @property
    def business(self) -> dict[str, Decimal]:
        """The five kinds of business, unweighted."""
        return {kind: getattr(self, kind) for kind in BUSINESS_KINDS}


def gather(cooperative, *, year: int, policy: ShuPolicy) -> list[YearFigures]:
    """The members who count for `year` with their capital and business, by number."""
    with scope(cooperative=cooperative):
        members = _members(cooperative, year, policy)
        capital = _capital(cooperative, year, policy)
        business = {kind: source(cooperative, year)
                    for kind, source in _SOURCES.items()}
    rows = []
    for m in members:
        amounts = {kind: max(business[kind].get(m["id"], ZERO), ZERO)
                   for kind in BUSINESS_KINDS}
        rows.append(YearFigures(
            member_id=m["id"], number=m["number"], name=m["owner_name"],
            business_name=m["business_name"], status=m["status"],
            joined_on=m["join_date"], left_on=m["exit_change__date"],
            capital=capital.get(m["id"], ZERO), **amounts))
    return rows


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _left():
    # A member leaves once (exited and expelled are final): at most one such row.
    return FilteredRelation("member__status_changes",
                            condition=Q(member__status_changes__to_status__in=LEFT))


def _in_membership(day: str) -> Q:
    """The row's day falls while the member was one (from joining to leaving)."""
    return ((Q(member__join_date__isnull=True) | Q(**{f"{day}__gte": F("member__join_date")}))
            & (Q(exit_change__date__isnull=True) | Q(**{f"{day}__lte": F("exit_change__date")})))


def _members(cooperative, year: int, policy: ShuPolicy) -> list[dict]:
    first, last = _year_bounds(year)
    exit_change = FilteredRelation("status_changes",
                                   condition=Q(status_changes__to_status__in=LEFT))
    qs = (Member.objects.filter(cooperative=cooperative, status__in=COUNTED)
          .filter(Q(join_date__isnull=True) | Q(join_date__lte=last))
          .annotate(exit_change=exit_change)
          .filter(Q(exit_change__date__isnull=True) | Q(exit_change__date__gte=first)))
    if policy.exited_members == ShuPolicy.Exited.EXCLUDE:
        qs = qs.filter(Q(exit_change__date__isnull=True) | Q(exit_change__date__gt=last))
    return list(qs.order_by("number", "id").values(
        "id", "number", "owner_name", "business_name", "status", "join_date", "exit_change__date"))


def _capital_roles(policy: ShuPolicy) -> tuple[str, ...]:
    roles = ("simpanan_pokok", "simpanan_wajib")
    return roles + ("simpanan_sukarela",) if policy.capital_includes_sukarela else roles


def _month_ends(year: int) -> list[dt.date]:
    return [dt.date(year + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
            for m in range(1, 13)]


def _balance_through(day: dt.date, *, before_leaving: Q) -> Sum:
    return Sum(Case(When(Q(date__lte=day) & before_leaving, then=F("credit") - F("debit")),
                    default=ZERO, output_field=MONEY))


def _capital(cooperative, year: int, policy: ShuPolicy) -> dict[int, Decimal]:
    """Each member's capital (never below 0): one GROUP BY over their simpanan lines."""
    accounts = Account.objects.filter(cooperative=cooperative,
                                      role__in=_capital_roles(policy)).values("pk")
    _first, last = _year_bounds(year)
    lines = (JournalLine.objects
             .filter(cooperative=cooperative, account__in=accounts, member__isnull=False,
                     date__lte=last)
             .exclude(kind=EntryKind.CLOSING)
             .annotate(exit_change=_left()).values("member_id").order_by())
    if policy.capital_basis == ShuPolicy.CapitalBasis.MONTHLY_AVERAGE:
        ends = _month_ends(year)
        sums = {f"m{i}": _balance_through(end, before_leaving=(
                    Q(exit_change__date__isnull=True) | Q(exit_change__date__gt=end)))
                for i, end in enumerate(ends)}
        return {row["member_id"]: _average([row[k] for k in sums])
                for row in lines.annotate(**sums)}
    balance = _balance_through(last, before_leaving=(Q(exit_change__date__isnull=True)
                                                     | Q(date__lt=F("exit_change__date"))))
    return {row["member_id"]: max(row["capital"] or ZERO, ZERO)
            for row in lines.annotate(capital=balance)}


def _average(month_ends: list[Decimal | None]) -> Decimal:
    total = sum((max(b or ZERO, ZERO) for b in month_ends), ZERO)
    return (total / len(month_ends)).quantize(CENTS, rounding=ROUND_HALF_UP)


def _by_member(qs, amount) -> dict[int, Decimal]:
    rows = qs.values("member_id").annotate(amount=amount).order_by()
    return {row["member_id"]: row["amount"] or ZERO for row in rows}


def _year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The year as aware datetimes in the site's time zone: [1 Jan, next 1 Jan)."""
    return (timezone.make_aware(dt.datetime(year, 1, 1)),
            timezone.make_aware(dt.datetime(year + 1, 1, 1)))


def _sales(cooperative, year: int) -> dict[int, Decimal]:
    start, end = _year_range(year)
    qs = (FulfilmentLine.objects
          .filter(cooperative=cooperative, order__status__in=PAID_ORDERS,
                  order__paid_at__gte=start, order__paid_at__lt=end)
          .annotate(exit_change=_left(), day=TruncDate("order__paid_at"))
          .filter(_in_membership("day")))
    return _by_member(qs, Sum("sale_amount"))


def _purchases(cooperative, year: int) -> dict[int, Decimal]:
    start, end = _year_range(year)
    qs = (Share.objects
          .filter(cooperative=cooperative, round_item__round__status__in=Round.FINAL,
                  round_item__round__closed_at__gte=start,
                  round_item__round__closed_at__lt=end)
          .annotate(exit_change=_left(), day=TruncDate("round_item__round__closed_at"))
          .filter(_in_membership("day")))
    return _by_member(qs, Sum(F("goods_amount") + F("cost_amount") + F("fee_amount"),
                              output_field=MONEY))


def _contracts(cooperative, year: int) -> dict[int, Decimal]:
    start, end = _year_range(year)
    qs = (MemberPayment.objects
          .filter(cooperative=cooperative, receipt__checked_at__gte=start,
                  receipt__checked_at__lt=end)
          .annotate(exit_change=_left(), day=TruncDate("receipt__checked_at"))
          .filter(_in_membership("day")))
    return _by_member(qs, Sum("amount"))


def _loan_interest(cooperative, year: int) -> dict[int, Decimal]:
    first, last = _year_bounds(year)
    qs = (JournalLine.objects
          .filter(cooperative=cooperative, account__role="loan_interest",
                  account__cooperative=cooperative, member__isnull=False,
                  date__gte=first, date__lte=last)
          .exclude(kind=EntryKind.CLOSING)
          .annotate(exit_change=_left())
          .filter(_in_membership("date")))
    return _by_member(qs, Sum(F("credit") - F("debit"), output_field=MONEY))


def _asset_fees(cooperative, year: int) -> dict[int, Decimal]:
    first, last = _year_bounds(year)
    qs = (Booking.objects
          .filter(cooperative=cooperative, member__isnull=False,
                  charge_entry__date__gte=first, charge_entry__date__lte=last,
                  charge_entry__reversed_by__isnull=True)
          .annotate(exit_change=_left())
          .filter(_in_membership("charge_entry__date")))
    return _by_member(qs, Sum("fee"))


_SOURCES = {"sales": _sales, "purchases": _purchases, "contracts": _contracts,
            "loan_interest": _loan_interest, "asset_fees": _asset_fees}
