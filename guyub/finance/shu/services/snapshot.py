"""A simulation (shu.compute) kept on a plan: the portions, the policy's choices and the
year's figures as they were, and every member's share with the figures behind it, so a
plan reads as it was put to the RAT whatever the settings become."""

from decimal import Decimal

from ..models import ShuPlan, ShuPolicy, ShuShare

BATCH = 2000
BUSINESS = ("sales", "purchases", "contracts", "loan_interest", "asset_fees")


def simulate(cooperative, *, year: int, policy: ShuPolicy, percentages: dict,
             weights: dict):
    from .. import compute  # shu.compute (the pure split over the year's figures)

    return compute.simulate(cooperative, year=year, policy=policy, percentages=percentages,
                            weights=weights)


def policy_snapshot(policy: ShuPolicy, weights: dict[str, Decimal]) -> dict:
    return {"capital_basis": policy.capital_basis,
            "capital_includes_sukarela": policy.capital_includes_sukarela,
            "exited_members": policy.exited_members,
            "non_member_to": policy.non_member_to,
            "unclaimed_months": policy.unclaimed_months,
            "unclaimed_to": policy.unclaimed_to,
            "weights": {k: str(v) for k, v in weights.items()}}


def fill_plan(plan: ShuPlan, sim, *, policy: ShuPolicy, weights: dict[str, Decimal]) -> None:
    plan.portions = [{"key": p.key, "name": str(p.name), "percent": str(p.percent)}
                     for p in sim.portions]
    plan.amounts = {p.key: str(p.amount) for p in sim.portions}
    plan.policy = policy_snapshot(policy, weights)
    result = sim.result
    plan.surplus = result.surplus
    plan.non_member_surplus = result.non_member_surplus
    plan.member_surplus = result.member_surplus
    plan.total_capital = sim.total_capital
    plan.total_business = sim.total_business
    plan.undistributed = sim.undistributed


def write_shares(plan: ShuPlan, sim) -> None:
    ShuShare.objects.bulk_create(
        (ShuShare(cooperative=plan.cooperative, plan=plan, member=row.member,
                  capital=row.capital, business=row.business, jasa_modal=row.jasa_modal,
                  jasa_usaha=row.jasa_usaha, amount=row.jasa_modal + row.jasa_usaha,
                  **{kind: getattr(row, kind) for kind in BUSINESS})
         for row in sim.members),
        batch_size=BATCH)
