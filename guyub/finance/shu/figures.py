"""Each member's capital and business for a year's SHU, gathered from the records that
say what the member did with the cooperative: one aggregate query per source, grouped
by member, so the cost grows with the rows of the year, not with members × queries.
Those queries join nothing on the members: the few members who were members for part
of the year only (joined, or left) get a second, small query per source, their rows
by day, summed over their part of the year in Python.

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
- asset fees: the fee of the member's bookings that began in the year (the day they
  used the asset), charged and not released (a booking cancelled in time has its
  charge reversed). The ledger's fee line does not name the member (the receivable
  does), the booking does; and the booking's own day needs no join on the journal.

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
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, DecimalField, Exists, F, OuterRef, Q, Sum, When
from django.db.models.functions import TruncDate
from django.utils import timezone
from django_scopes import scope

from guyub.contracts.deliveries.models import MemberPayment
from guyub.ledger.models import Account, EntryKind, JournalEntry, JournalLine
from guyub.members.models import Member, StatusChange
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


@dataclass(slots=True)  # not frozen: 100,000 of them, frozen ones build slower
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
        windows = _partial_windows(members, year)
        capital = _capital(cooperative, year, policy, left={
            m["id"]: m["left_on"] for m in members if _left_during(m, year)})
        business = {kind: _business(*source(cooperative, year), windows=windows)
                    for kind, source in _SOURCES.items()}
    sales, purchases, contracts, interest, fees = (business[k] for k in BUSINESS_KINDS)
    return [YearFigures(
        m["id"], m["number"], m["owner_name"], m["business_name"], m["status"],
        m["join_date"], m["left_on"], capital.get(m["id"], ZERO),
        sales.get(m["id"], ZERO), purchases.get(m["id"], ZERO),
        contracts.get(m["id"], ZERO), interest.get(m["id"], ZERO), fees.get(m["id"], ZERO))
        for m in members]


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _members(cooperative, year: int, policy: ShuPolicy) -> list[dict]:
    """Members who joined by 31 December and had not left before 1 January (nor during
    the year, unless the policy includes them), with the day they left, by number."""
    first, last = _year_bounds(year)
    left_on = dict(StatusChange.objects.filter(cooperative=cooperative, to_status__in=LEFT)
                   .values_list("member_id", "date"))
    rows = (Member.objects.filter(cooperative=cooperative, status__in=COUNTED)
            .filter(Q(join_date__isnull=True) | Q(join_date__lte=last))
            .order_by("number", "id")
            .values_list("id", "number", "owner_name", "business_name", "status",
                         "join_date"))
    include_left = policy.exited_members == ShuPolicy.Exited.INCLUDE
    members = []
    for row in rows:
        left = left_on.get(row[0])
        if left is not None and (left < first or (left <= last and not include_left)):
            continue
        members.append(dict(zip(MEMBER_FIELDS, (*row, left), strict=True)))
    return members


MEMBER_FIELDS = ("id", "number", "owner_name", "business_name", "status", "join_date",
                 "left_on")


def _left_during(member: dict, year: int) -> bool:
    return member["left_on"] is not None and member["left_on"].year == year


def _partial_windows(members: list[dict], year: int) -> dict[int, tuple[dt.date, dt.date]]:
    """The members who were members for part of the year only, with that part."""
    first, last = _year_bounds(year)
    windows = {}
    for m in members:
        start = max(m["join_date"] or first, first)
        end = min(m["left_on"] or last, last)
        if (start, end) != (first, last):
            windows[m["id"]] = (start, end)
    return windows


def _business(rows, day, amount, *, windows) -> dict[int, Decimal]:
    """{member: amount > 0} over the year's rows: one GROUP BY member. For the few members
    who were members for part of the year, their rows by day, summed over that part
    (so the year's GROUP BY needs no join on the members)."""
    totals = dict(rows.values("member_id").annotate(amount=amount).order_by()
                  .values_list("member_id", "amount"))
    if windows:
        totals.update(dict.fromkeys(windows, ZERO))
        per_day = (rows.filter(member_id__in=list(windows)).annotate(day=day)
                   .values("member_id", "day").annotate(amount=amount).order_by())
        for row in per_day:
            start, end = windows[row["member_id"]]
            if start <= row["day"] <= end:
                totals[row["member_id"]] += row["amount"]
    # A reversal may leave a member below 0 (more interest refunded than paid): no business.
    return {member: amount for member, amount in totals.items() if amount > 0}


def _capital_roles(policy: ShuPolicy) -> tuple[str, ...]:
    roles = ("simpanan_pokok", "simpanan_wajib")
    return roles + ("simpanan_sukarela",) if policy.capital_includes_sukarela else roles


def _month_ends(year: int) -> list[dt.date]:
    return [dt.date(year + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
            for m in range(1, 13)]


def _through(day: dt.date) -> Sum:
    return Sum(Case(When(date__lte=day, then=F("credit") - F("debit")),
                    default=ZERO, output_field=MONEY))


def _capital(cooperative, year: int, policy: ShuPolicy, *,
             left: dict[int, dt.date]) -> dict[int, Decimal]:
    """Each member's capital (never below 0): one GROUP BY over their simpanan lines,
    the month-ends as CASE sums. Members who left during the year (`left`: the day)
    count the balance before they left: their lines by day, summed here."""
    # The ids first: the lines are then read by the (cooperative, account, date) index.
    accounts = list(Account.objects.filter(cooperative=cooperative,
                                           role__in=_capital_roles(policy))
                    .values_list("pk", flat=True))
    _first, last = _year_bounds(year)
    lines = (JournalLine.objects
             .filter(cooperative=cooperative, account__in=accounts, member__isnull=False,
                     date__lte=last)
             .exclude(kind=EntryKind.CLOSING))
    monthly = policy.capital_basis == ShuPolicy.CapitalBasis.MONTHLY_AVERAGE
    ends = _month_ends(year) if monthly else [last]
    sums = {f"b{i}": _through(end) for i, end in enumerate(ends)}
    capital = {row["member_id"]: _average([row[k] for k in sums])
               for row in lines.values("member_id").annotate(**sums).order_by()}
    if left:
        per_day = defaultdict(list)
        for row in (lines.filter(member_id__in=list(left)).values("member_id", "date")
                    .annotate(net=Sum(F("credit") - F("debit"), output_field=MONEY))
                    .order_by()):
            per_day[row["member_id"]].append((row["date"], row["net"]))
        for member_id, day in left.items():
            capital[member_id] = _capital_before(per_day[member_id], day, ends,
                                                 monthly=monthly)
    return capital


def _capital_before(lines: list[tuple[dt.date, Decimal]], left_on: dt.date,
                    ends: list[dt.date], *, monthly: bool) -> Decimal:
    """A leaver's capital from their lines by day: the balance the day before they left
    (year-end basis), or the month-ends before it, the later ones 0 (monthly)."""
    if not monthly:
        return _average([sum((net for d, net in lines if d < left_on), ZERO)])
    return _average([sum((net for d, net in lines if d <= end), ZERO) if end < left_on
                     else ZERO for end in ends])


def _average(balances: list[Decimal | None]) -> Decimal:
    """The mean of the balances, each below 0 counting 0 (one balance: itself)."""
    total = sum((max(b or ZERO, ZERO) for b in balances), ZERO)
    return (total / len(balances)).quantize(CENTS, rounding=ROUND_HALF_UP)


def _year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The year as aware datetimes in the site's time zone: [1 Jan, next 1 Jan)."""
    return (timezone.make_aware(dt.datetime(year, 1, 1)),
            timezone.make_aware(dt.datetime(year + 1, 1, 1)))


# Each source: (the year's rows, the day a row counts on, the amount).

def _sales(cooperative, year: int):
    start, end = _year_range(year)
    rows = FulfilmentLine.objects.filter(
        cooperative=cooperative, order__status__in=PAID_ORDERS,
        order__paid_at__gte=start, order__paid_at__lt=end)
    return rows, TruncDate("order__paid_at"), Sum("sale_amount")


def _purchases(cooperative, year: int):
    start, end = _year_range(year)
    rows = Share.objects.filter(
        cooperative=cooperative, round_item__round__status__in=Round.FINAL,
        round_item__round__closed_at__gte=start, round_item__round__closed_at__lt=end)
    return (rows, TruncDate("round_item__round__closed_at"),
            Sum(F("goods_amount") + F("cost_amount") + F("fee_amount"), output_field=MONEY))


def _contracts(cooperative, year: int):
    start, end = _year_range(year)
    rows = MemberPayment.objects.filter(cooperative=cooperative,
                                        receipt__checked_at__gte=start,
                                        receipt__checked_at__lt=end)
    return rows, TruncDate("receipt__checked_at"), Sum("amount")


def _loan_interest(cooperative, year: int):
    first, last = _year_bounds(year)
    account = list(Account.objects.filter(cooperative=cooperative, role="loan_interest")
                   .values_list("pk", flat=True))
    rows = (JournalLine.objects
            .filter(cooperative=cooperative, account__in=account, member__isnull=False,
                    date__gte=first, date__lte=last)
            .exclude(kind=EntryKind.CLOSING))
    return rows, F("date"), Sum(F("credit") - F("debit"), output_field=MONEY)


def _asset_fees(cooperative, year: int):
    start, end = _year_range(year)
    released = JournalEntry.objects.filter(reverses_id=OuterRef("charge_entry_id"))
    rows = (Booking.objects
            .filter(cooperative=cooperative, member__isnull=False,
                    charge_entry__isnull=False, starts_at__gte=start, starts_at__lt=end)
            .filter(~Exists(released)))
    return rows, TruncDate("starts_at"), Sum("fee")


_SOURCES = {"sales": _sales, "purchases": _purchases, "contracts": _contracts,
            "loan_interest": _loan_interest, "asset_fees": _asset_fees}
