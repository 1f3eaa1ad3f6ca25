"""Reads of the SHU pages: the policy, the portions as the cooperative sets them, the
years with their result and plans, a plan's shares (searchable, paged) and the RAT's
approval the posting asks for."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from guyub.finance.closing.models import YearClose
from guyub.finance.statements.results import YearResult, year_result
from guyub.governance.decisions.selectors import approval
from guyub.governance.meetings.models import AgendaItem

from .models import ShuPlan, ShuPolicy, ShuShare

ZERO = Decimal(0)

# The by-laws' portions, keyed as shu.compute keys them: (key, the cooperative's
# percentage field, the account the posting credits). Jasa modal (capital) and jasa
# usaha (business) have no account of their own: they are the members' payables
# (shu_payable, one line per member).
PORTIONS = (
    ("reserve", "shu_reserve_pct", "reserve"),
    ("capital", "shu_capital_pct", None),
    ("business", "shu_business_pct", None),
    ("board", "shu_board_pct", "fund_board"),
    ("staff", "shu_staff_pct", "fund_staff"),
    ("education", "shu_education_pct", "fund_education"),
    ("social", "shu_social_pct", "social_fund"),
    ("area", "shu_area_pct", "fund_area"),
)
PORTION_FIELD = {key: field for key, field, _account in PORTIONS}
PORTION_ACCOUNT = {key: account for key, _field, account in PORTIONS}
MEMBER_PORTIONS = ("capital", "business")
# The business kinds jasa usaha weighs, each with its weight field on the policy.
WEIGHTS = ("sales", "purchases", "contracts", "loan_interest", "asset_fees")


def policy(cooperative) -> ShuPolicy:
    """The cooperative's policy, or the usual one (unsaved) until the board sets it."""
    return (ShuPolicy.objects.filter(cooperative=cooperative).first()
            or ShuPolicy(cooperative=cooperative))


def portion_name(cooperative, key: str, names: dict | None = None) -> str:
    """The cooperative's own name for a portion, else the setting's verbose name."""
    names = names if names is not None else policy(cooperative).portion_names
    own = (names or {}).get(key)
    if own:
        return own
    return str(cooperative._meta.get_field(PORTION_FIELD[key]).verbose_name).replace(
        " (%)", "")


def percentages(cooperative) -> dict[str, Decimal]:
    return {key: getattr(cooperative, field) or ZERO for key, field, _a in PORTIONS}


def weights(shu_policy: ShuPolicy) -> dict[str, Decimal]:
    return {kind: getattr(shu_policy, f"weight_{kind}") for kind in WEIGHTS}


def year_close(cooperative, year: int) -> YearClose | None:
    return YearClose.objects.filter(cooperative=cooperative, year=year).first()


def rat_approval(cooperative, year: int):
    """The RAT's decision in force approving the SHU of `year`, or None."""
    return approval(cooperative, fiscal_year=year, kind=AgendaItem.Kind.SHU)


@dataclass(frozen=True)
class YearRow:
    year: int
    result: YearResult
    closed: YearClose | None
    plans: list
    decision: object


def years(cooperative, *, count: int = 3, today_year: int) -> list[YearRow]:
    """The last `count` finished years (and any older year with a plan), newest first."""
    wanted = set(range(today_year - count, today_year))
    wanted |= set(ShuPlan.objects.filter(cooperative=cooperative)
                  .values_list("year", flat=True))
    plans: dict[int, list] = {}
    for plan in ShuPlan.objects.filter(cooperative=cooperative).select_related("decision"):
        plans.setdefault(plan.year, []).append(plan)
    return [YearRow(year=y, result=year_result(cooperative, y),
                    closed=year_close(cooperative, y), plans=plans.get(y, []),
                    decision=rat_approval(cooperative, y))
            for y in sorted(wanted, reverse=True)]


def plan(pk) -> ShuPlan | None:
    return (ShuPlan.objects.select_related("decision__meeting", "entry", "unclaimed_entry",
                                           "created_by", "posted_by")
            .filter(pk=pk).first())


def shares(plan: ShuPlan, *, query: str = "", unpaid: bool = False):
    """A plan's shares by member number; `query` matches the name or the number."""
    rows = ShuShare.objects.filter(plan=plan).select_related("member")
    if query:
        match = Q(member__owner_name__icontains=query) | Q(
            member__business_name__icontains=query)
        if query.isascii() and query.isdigit() and len(query) <= 9:
            match |= Q(member__number=int(query))
        rows = rows.filter(match)
    if unpaid:
        rows = rows.filter(payout=ShuShare.Payout.UNPAID, amount__gt=0)
    return rows.order_by("member__number", "id")


def share(pk) -> ShuShare | None:
    return ShuShare.objects.select_related("plan", "member").filter(pk=pk).first()


def share_totals(plan: ShuPlan) -> dict:
    """Counts and sums of a plan's shares, by payout."""
    rows = ShuShare.objects.filter(plan=plan).aggregate(
        members=Count("id", filter=Q(amount__gt=0)), total=Sum("amount"),
        modal=Sum("jasa_modal"), usaha=Sum("jasa_usaha"),
        paid=Sum("amount", filter=~Q(payout__in=(ShuShare.Payout.UNPAID,
                                                  ShuShare.Payout.UNCLAIMED))),
        unpaid=Sum("amount", filter=Q(payout=ShuShare.Payout.UNPAID)),
        unclaimed=Sum("amount", filter=Q(payout=ShuShare.Payout.UNCLAIMED)))
    return {k: (v if v is not None else ZERO) for k, v in rows.items()}


def proposed_plan(cooperative, year: int) -> ShuPlan | None:
    return ShuPlan.objects.filter(cooperative=cooperative, year=year,
                                  status=ShuPlan.Status.PROPOSED).first()


@dataclass(frozen=True)
class PortionRow:
    key: str
    name: str
    percent: str
    amount: Decimal


def plan_portions(plan: ShuPlan) -> list[PortionRow]:
    """A plan's portions as it keeps them, each with its rupiah."""
    return [PortionRow(p["key"], p["name"], p["percent"],
                       Decimal(plan.amounts.get(p["key"], "0"))) for p in plan.portions]


def plan_split(plan: ShuPlan) -> dict[str, str]:
    """A plan's percentages and weights as the simulation page's fields, so its link
    shows the plan's own split, not today's settings."""
    values = {PORTION_FIELD[p["key"]]: p["percent"] for p in plan.portions
              if p.get("key") in PORTION_FIELD}
    values.update({f"weight_{kind}": str(value)
                   for kind, value in (plan.policy or {}).get("weights", {}).items()
                   if kind in WEIGHTS})
    return values
