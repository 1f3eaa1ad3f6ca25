"""A year's SHU computed from the books, with the by-laws' percentages and the policy's
weights (the cooperative's own, or the ones the board tries in a simulation): the
year's result, its member part split into the portions, and every member's jasa modal
and jasa usaha. Nothing is written: a plan stores what `plan_snapshots` and
`share_rows` make of a Simulation.

The percentages are keyed short (reserve, capital, business, board, staff, education,
social, area: the Cooperative's shu_*_pct fields); the weights by business kind
(sales, purchases, contracts, loan_interest, asset_fees: the policy's weight_* fields)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django_scopes import scope

from guyub.core.models import Cooperative
from guyub.core.money import to_rupiah

from ..statements.results import YearResult, year_result
from . import rules
from .figures import BUSINESS_KINDS, YearFigures, gather
from .models import ShuPlan, ShuPolicy, ShuShare

ZERO = Decimal(0)
CENTS = Decimal("0.01")  # weights and percentages are kept to two places
# Portion key → the Cooperative field holding its percentage (SHU_FIELDS' order).
PORTION_FIELDS = {
    "reserve": "shu_reserve_pct",
    "capital": "shu_capital_pct",
    "business": "shu_business_pct",
    "board": "shu_board_pct",
    "staff": "shu_staff_pct",
    "education": "shu_education_pct",
    "social": "shu_social_pct",
    "area": "shu_area_pct",
}
PORTION_KEYS = tuple(PORTION_FIELDS)
JASA_MODAL, JASA_USAHA = "capital", "business"
WEIGHT_FIELDS = {kind: f"weight_{kind}" for kind in BUSINESS_KINDS}


@dataclass(frozen=True)
class PortionLine:
    key: str
    name: str
    percent: Decimal
    amount: Decimal


@dataclass(slots=True)  # not frozen: 100,000 of them, frozen ones build slower
class MemberRow:
    """One member's SHU with the figures that make it up (business: weighted)."""

    member_id: int
    number: int | None
    name: str
    business_name: str
    status: str
    capital: Decimal
    sales: Decimal
    purchases: Decimal
    contracts: Decimal
    loan_interest: Decimal
    asset_fees: Decimal
    business: Decimal
    jasa_modal: Decimal
    jasa_usaha: Decimal

    @property
    def total(self) -> Decimal:
        return self.jasa_modal + self.jasa_usaha


@dataclass
class Simulation:
    year: int
    result: YearResult
    member_surplus: Decimal          # what is shared (the result's, or the one given)
    portions: list[PortionLine]
    rows: list[MemberRow]
    total_capital: Decimal
    total_business: Decimal
    undistributed: Decimal           # a member portion nobody qualified for
    percentages: dict[str, Decimal]
    weights: dict[str, Decimal]
    policy: ShuPolicy
    _index: dict[int, MemberRow] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._index = {row.member_id: row for row in self.rows}

    @property
    def amounts(self) -> dict[str, Decimal]:
        return {p.key: p.amount for p in self.portions}

    @property
    def total_shared(self) -> Decimal:
        return sum((row.total for row in self.rows), ZERO)

    def share_for(self, member_id: int) -> MemberRow | None:
        return self._index.get(member_id)


def policy_for(cooperative: Cooperative) -> ShuPolicy:
    """The cooperative's policy, or an unsaved one with the defaults (a read writes
    nothing)."""
    policy = ShuPolicy.objects.filter(cooperative=cooperative).first()
    return policy or ShuPolicy(cooperative=cooperative)


def cooperative_percentages(cooperative: Cooperative) -> dict[str, Decimal]:
    return {key: Decimal(getattr(cooperative, name) or ZERO)
            for key, name in PORTION_FIELDS.items()}


def policy_weights(policy: ShuPolicy) -> dict[str, Decimal]:
    return {kind: Decimal(getattr(policy, name)) for kind, name in WEIGHT_FIELDS.items()}


def portion_names(policy: ShuPolicy) -> dict[str, str]:
    """Each portion's name: the cooperative's own, else the setting's (without “(%)”)."""
    own = policy.portion_names if isinstance(policy.portion_names, dict) else {}
    names = {}
    for key, name in PORTION_FIELDS.items():
        default = str(Cooperative._meta.get_field(name).verbose_name).replace("(%)", "")
        names[key] = str(own.get(key) or "").strip() or default.strip()
    return names


def _decimals(values: Mapping, keys, what: str) -> dict[str, Decimal]:
    unknown = set(values) - set(keys)
    if unknown:
        raise ValueError(f"unknown {what}: {', '.join(sorted(unknown))}")
    try:
        return {key: Decimal(values.get(key, ZERO)) for key in keys}
    except (InvalidOperation, TypeError, ValueError) as error:
        raise ValueError(f"a {what} is not a number") from error


def simulate(cooperative: Cooperative, *, year: int, policy: ShuPolicy | None = None,
             percentages: Mapping[str, Decimal] | None = None,
             weights: Mapping[str, Decimal] | None = None,
             member_surplus: Decimal | None = None) -> Simulation:
    """The year's SHU for every member who counts. Raises rules.AllocationError (with
    `.total`) when the percentages do not add up to exactly 100, ValueError for an
    unknown key or a negative weight."""
    with scope(cooperative=cooperative):
        return _simulate(cooperative, year=year, policy=policy, percentages=percentages,
                         weights=weights, member_surplus=member_surplus)


def _simulate(cooperative, *, year, policy, percentages, weights, member_surplus):
    if not isinstance(year, int) or not 1 <= year <= 9998:
        raise ValueError("a year between 1 and 9998")
    policy = policy or policy_for(cooperative)
    percentages = (cooperative_percentages(cooperative) if percentages is None
                   else _decimals(percentages, PORTION_KEYS, "portion"))
    weights = (policy_weights(policy) if weights is None
               else _decimals(weights, BUSINESS_KINDS, "weight"))
    if any(not w.is_finite() or w < 0 for w in weights.values()):
        raise ValueError("weights are never negative")
    rules.check_portions(_portions(percentages))  # before any query: 105 % is refused
    result = year_result(cooperative, year)
    figures = gather(cooperative, year=year, policy=policy)
    return from_figures(figures, year=year, result=result, policy=policy,
                        percentages=percentages, weights=weights,
                        member_surplus=member_surplus)


def _portions(percentages: Mapping[str, Decimal]) -> list[rules.Portion]:
    return [rules.Portion(key, percentages[key]) for key in PORTION_KEYS]


def from_figures(figures: list[YearFigures], *, year: int, result: YearResult,
                 policy: ShuPolicy, percentages: Mapping[str, Decimal],
                 weights: Mapping[str, Decimal],
                 member_surplus: Decimal | None = None) -> Simulation:
    """The pure part of simulate(): the member SHU (the result's member part unless
    given) into the portions, then jasa modal and jasa usaha to each member."""
    shared = to_rupiah(result.member_surplus if member_surplus is None
                       else Decimal(member_surplus))
    amounts = rules.split_surplus(shared, _portions(percentages))
    business = _weighted(figures, weights)
    split = rules.split_portions(jasa_modal=amounts[JASA_MODAL],
                                 jasa_usaha=amounts[JASA_USAHA],
                                 capitals=[f.capital for f in figures], business=business)
    rows = [MemberRow(f.member_id, f.number, f.name, f.business_name, f.status, f.capital,
                      f.sales, f.purchases, f.contracts, f.loan_interest, f.asset_fees,
                      b, modal, usaha)
            for f, b, modal, usaha in zip(figures, business, split.jasa_modal,
                                          split.jasa_usaha, strict=True)]
    names = portion_names(policy)
    lines = [PortionLine(key, names[key], Decimal(percentages[key]), amounts[key])
             for key in PORTION_KEYS]
    return Simulation(year=year, result=result, member_surplus=shared, portions=lines,
                      rows=rows, total_capital=split.total_capital,
                      total_business=split.total_business,
                      undistributed=split.undistributed, percentages=dict(percentages),
                      weights=dict(weights), policy=policy)


def _weighted(figures: list[YearFigures], weights: Mapping[str, Decimal]) -> list[Decimal]:
    """Each member's weighted business (rules.weighted_business, unrolled: it runs for
    every member)."""
    ws, wp, wc, wl, wa = (Decimal(weights[k]) for k in BUSINESS_KINDS)
    return [f.sales * ws + f.purchases * wp + f.contracts * wc + f.loan_interest * wl
            + f.asset_fees * wa for f in figures]


def policy_snapshot(simulation: Simulation) -> dict:
    """The policy's capital and business choices as they were used (strings)."""
    policy = simulation.policy
    return {
        "capital_basis": policy.capital_basis,
        "capital_includes_sukarela": policy.capital_includes_sukarela,
        "exited_members": policy.exited_members,
        "non_member_to": policy.non_member_to,
        # What the RAT approved for shares nobody claims: the unclaimed job follows the
        # plan's, not a policy changed after the posting.
        "unclaimed_months": policy.unclaimed_months,
        "unclaimed_to": policy.unclaimed_to,
        "weights": {kind: str(w.quantize(CENTS)) for kind, w in simulation.weights.items()},
    }


def plan_snapshots(simulation: Simulation) -> dict:
    """The ShuPlan fields a simulation fills: its snapshots and totals."""
    result = simulation.result
    return {
        "portions": [{"key": p.key, "name": p.name, "percent": str(p.percent.quantize(CENTS))}
                     for p in simulation.portions],
        "policy": policy_snapshot(simulation),
        "amounts": {p.key: str(p.amount) for p in simulation.portions},
        "surplus": result.surplus,
        "non_member_surplus": result.non_member_surplus,
        "member_surplus": simulation.member_surplus,
        "total_capital": simulation.total_capital,
        "total_business": simulation.total_business,
        "undistributed": simulation.undistributed,
    }


def share_rows(simulation: Simulation, plan: ShuPlan) -> list[ShuShare]:
    """Unsaved ShuShare rows of `plan`, one per member in the simulation."""
    return [ShuShare(cooperative_id=plan.cooperative_id, plan=plan, member_id=row.member_id,
                     capital=row.capital, sales=row.sales, purchases=row.purchases,
                     contracts=row.contracts, loan_interest=row.loan_interest,
                     asset_fees=row.asset_fees, business=row.business,
                     jasa_modal=row.jasa_modal, jasa_usaha=row.jasa_usaha,
                     amount=row.total)
            for row in simulation.rows]
