"""One member's SHU explained line by line, for their page and their statement PDF: their
capital and how it was counted, their business per kind and its weight, the totals of
all members, the portions, the formula with their numbers, the result.

The same explanation is read from a proposed or posted plan (the member's ShuShare and
the plan's snapshots, so it reads as the RAT saw it) or from a simulation (the
projection before the RAT, guyub.finance.shu.compute)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .compute import Simulation
from .models import ShuPlan, ShuPolicy, ShuShare

ZERO = Decimal(0)
CENT = Decimal("0.01")
BUSINESS_KINDS = [
    ("sales", _("Penjualan melalui koperasi")),
    ("purchases", _("Pembelian bersama")),
    ("contracts", _("Pengiriman kontrak")),
    ("loan_interest", _("Jasa pinjaman yang dibayar")),
    ("asset_fees", _("Sewa aset bersama")),
]
PROJECTION, PROPOSED, POSTED = "projection", "proposed", "posted"


@dataclass(frozen=True)
class BusinessLine:
    key: str
    label: str
    amount: Decimal
    weight: Decimal

    @property
    def weighted(self) -> Decimal:
        return (self.amount * self.weight).quantize(CENT)


@dataclass(frozen=True)
class PortionLine:
    key: str
    name: str
    percent: Decimal
    amount: Decimal


@dataclass
class Explanation:
    year: int
    stage: str
    capital: Decimal
    total_capital: Decimal
    capital_basis: str
    includes_sukarela: bool
    business: list[BusinessLine]
    weighted_business: Decimal
    total_business: Decimal
    portions: list[PortionLine]
    jasa_modal: Decimal
    jasa_usaha: Decimal
    member_surplus: Decimal
    share: ShuShare | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.jasa_modal + self.jasa_usaha

    def portion(self, key: str) -> Decimal:
        return next((p.amount for p in self.portions if p.key == key), ZERO)

    @property
    def capital_portion(self) -> Decimal:
        return self.portion("capital")

    @property
    def business_portion(self) -> Decimal:
        return self.portion("business")

    @property
    def capital_exact(self) -> Decimal:
        """capital / total capital × the jasa modal portion, before rounding to rupiah."""
        return _share_of(self.capital, self.total_capital, self.capital_portion)

    @property
    def business_exact(self) -> Decimal:
        return _share_of(self.weighted_business, self.total_business, self.business_portion)

    @property
    def capital_basis_label(self) -> str:
        return ShuPolicy.CapitalBasis(self.capital_basis).label

    @property
    def capital_kinds_label(self) -> str:
        return (_("simpanan pokok, wajib dan sukarela") if self.includes_sukarela
                else _("simpanan pokok dan wajib"))


def _share_of(part: Decimal, whole: Decimal, portion: Decimal) -> Decimal:
    if not whole:
        return ZERO
    return (Decimal(part) / Decimal(whole) * Decimal(portion)).quantize(CENT)


def _dec(value, default=ZERO) -> Decimal:
    try:
        return Decimal(str(value))
    except Exception:
        return default


def from_share(share: ShuShare, policy: ShuPolicy) -> Explanation:
    """From a proposed or posted plan: the member's row and the plan's snapshots (the
    current policy fills in only what an older snapshot does not hold)."""
    plan: ShuPlan = share.plan
    snapshot = plan.policy or {}
    weights = snapshot.get("weights") or {}
    business = [BusinessLine(key, str(label), getattr(share, key),
                             _dec(weights.get(key), getattr(policy, f"weight_{key}")))
                for key, label in BUSINESS_KINDS]
    portions = [PortionLine(p.get("key", ""), p.get("name", ""), _dec(p.get("percent")),
                            _dec((plan.amounts or {}).get(p.get("key", ""))))
                for p in plan.portions or []]
    return Explanation(
        year=plan.year, stage=POSTED if plan.status == ShuPlan.Status.POSTED else PROPOSED,
        capital=share.capital, total_capital=plan.total_capital,
        capital_basis=snapshot.get("capital_basis", policy.capital_basis),
        includes_sukarela=bool(snapshot.get("capital_includes_sukarela",
                                            policy.capital_includes_sukarela)),
        business=business, weighted_business=share.business,
        total_business=plan.total_business, portions=portions,
        jasa_modal=share.jasa_modal, jasa_usaha=share.jasa_usaha,
        member_surplus=plan.member_surplus, share=share)


def from_simulation(simulation: "Simulation", member_id: int) -> Explanation | None:
    """The projection: None when the member does not count this year (joined after it,
    or left during it under a policy that leaves such members out)."""
    row = simulation.share_for(member_id)
    if row is None:
        return None
    policy = simulation.policy
    business = [BusinessLine(key, str(label), getattr(row, key), simulation.weights[key])
                for key, label in BUSINESS_KINDS]
    portions = [PortionLine(p.key, str(p.name), p.percent, p.amount)
                for p in simulation.portions]
    return Explanation(
        year=simulation.year, stage=PROJECTION, capital=row.capital,
        total_capital=simulation.total_capital, capital_basis=policy.capital_basis,
        includes_sukarela=policy.capital_includes_sukarela, business=business,
        weighted_business=row.business, total_business=simulation.total_business,
        portions=portions, jasa_modal=row.jasa_modal, jasa_usaha=row.jasa_usaha,
        member_surplus=simulation.member_surplus)
