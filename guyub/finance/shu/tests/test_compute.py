"""The SHU computation on textbook cases (table-driven, no database) and, with
Hypothesis, its invariants: shares add up exactly to each portion, none is negative, a
member with twice another's capital and business gets twice (within a rupiah), and
scaling every member's figures changes nobody's share."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guyub.finance.shu.compute import PORTION_KEYS, from_figures
from guyub.finance.shu.figures import YearFigures
from guyub.finance.shu.models import ShuPolicy
from guyub.finance.shu.rules import AllocationError
from guyub.finance.statements.results import YearResult

D = Decimal
TEXTBOOK = dict(zip(PORTION_KEYS, map(D, (25, 20, 25, 5, 5, 10, 5, 5)), strict=True))
SALES_ONLY = {"sales": D(1), "purchases": D(0), "contracts": D(0), "loan_interest": D(0),
              "asset_fees": D(0)}
EVERY_KIND = dict.fromkeys(SALES_ONLY, D(1))


def figures(member_id, capital, sales=0, **business):
    return YearFigures(member_id=member_id, number=member_id, name=f"A{member_id}",
                       business_name="", status="active", joined_on=None, left_on=None,
                       capital=D(capital), sales=D(sales),
                       **{k: D(v) for k, v in business.items()})


def result(surplus):
    """A year whose whole result is member business (no non-member part)."""
    surplus = D(surplus)
    return YearResult(year=2025, income_members=max(surplus, D(0)) + D(1_000),
                      income_non_members=D(0), income_other=D(0),
                      expenses=max(surplus, D(0)) + D(1_000) - surplus)


def run(surplus, members, percentages=TEXTBOOK, weights=SALES_ONLY):
    return from_figures(members, year=2025, result=result(surplus), policy=ShuPolicy(),
                        percentages=percentages, weights=weights)


THREE = [figures(1, 10_000_000, 5_000_000), figures(2, 20_000_000, 15_000_000),
         figures(3, 30_000_000, 30_000_000)]

CASES = [
    # (case, surplus, members, weights, portions expected, [(modal, usaha)], undistributed)
    ("textbook: Rp100 juta, 25/20/25/5/5/10/5/5", 100_000_000, THREE, SALES_ONLY,
     dict(zip(PORTION_KEYS, map(D, (25_000_000, 20_000_000, 25_000_000, 5_000_000,
                                    5_000_000, 10_000_000, 5_000_000, 5_000_000)), strict=True)),
     # 20 juta × 1/6, 2/6, 3/6: 3.333.333,33 and 6.666.666,67: the rupiah left over
     # goes to the larger remainder.
     [(3_333_333, 2_500_000), (6_666_667, 7_500_000), (10_000_000, 15_000_000)], 0),
    ("every kind of business weighted 1", 10_000_000, [
        figures(1, 1_000, 100, purchases=100, contracts=100, loan_interest=100,
                asset_fees=100),
        figures(2, 1_000, 500)], EVERY_KIND, None, [(1_000_000, 1_250_000),
                                                   (1_000_000, 1_250_000)], 0),
    ("loan interest weighted 2", 1_000_000, [
        figures(1, 1, 0, loan_interest=100), figures(2, 1, 200)],
     {**SALES_ONLY, "loan_interest": D(2)}, None, [(100_000, 125_000),
                                                   (100_000, 125_000)], 0),
    ("nobody did business: jasa usaha undistributed", 100_000_000, [
        figures(1, 1_000), figures(2, 3_000)], SALES_ONLY, None,
     [(5_000_000, 0), (15_000_000, 0)], 25_000_000),
    ("zero surplus", 0, THREE, SALES_ONLY, dict.fromkeys(PORTION_KEYS, D(0)),
     [(0, 0)] * 3, 0),
    ("a deficit is not shared", -5_000_000, THREE, SALES_ONLY,
     dict.fromkeys(PORTION_KEYS, D(0)), [(0, 0)] * 3, 0),
    ("no members: both member portions undistributed", 1_000_000, [], SALES_ONLY, None,
     [], 450_000),
]


@pytest.mark.parametrize("case,surplus,members,weights,portions,shares,undistributed",
                         CASES, ids=[c[0] for c in CASES])
def test_textbook_cases(case, surplus, members, weights, portions, shares, undistributed):
    sim = run(surplus, members, weights=weights)
    if portions is not None:
        assert sim.amounts == portions
    assert [(r.jasa_modal, r.jasa_usaha) for r in sim.rows] == [
        (D(a), D(b)) for a, b in shares]
    assert sim.undistributed == D(undistributed)
    assert sum(sim.amounts.values()) == max(D(surplus), D(0))


REFUSED = [
    ("105 %", {**TEXTBOOK, "reserve": D(30)}, D(105)),
    ("99,99 %", {**TEXTBOOK, "area": D("4.99")}, D("99.99")),
    ("a portion with three decimals", {**TEXTBOOK, "area": D("4.995"),
                                       "social": D("5.005")}, None),
    ("a negative portion", {**TEXTBOOK, "area": D(-5), "social": D(15)}, None),
]


@pytest.mark.parametrize("case,percentages,total", REFUSED, ids=[c[0] for c in REFUSED])
def test_an_allocation_other_than_100_percent_is_refused(case, percentages, total):
    with pytest.raises(AllocationError) as refused:
        run(100_000_000, THREE, percentages=percentages)
    assert refused.value.total == total
    if total is not None:
        assert str(total) in str(refused.value)


def test_the_rows_carry_the_figures_and_share_for_finds_a_member():
    sim = run(100_000_000, THREE)
    row = sim.share_for(2)
    assert (row.capital, row.sales, row.business, row.total) == (
        D(20_000_000), D(15_000_000), D(15_000_000), D(14_166_667))
    assert sim.share_for(99) is None
    assert (sim.total_capital, sim.total_business) == (D(60_000_000), D(50_000_000))
    assert sim.total_shared == D(45_000_000)


def test_portion_names_are_the_cooperative_s_own_or_the_settings():
    policy = ShuPolicy(portion_names={"area": "Dana pembangunan desa"})
    sim = from_figures(THREE, year=2025, result=result(1_000), policy=policy,
                       percentages=TEXTBOOK, weights=SALES_ONLY)
    names = {p.key: p.name for p in sim.portions}
    assert names["area"] == "Dana pembangunan desa"
    assert names["reserve"] == "cadangan"


amounts = st.integers(min_value=0, max_value=10**12)
member_lists = st.lists(st.tuples(amounts, amounts), min_size=1, max_size=30)
surpluses = st.integers(min_value=-10**9, max_value=10**13)


def _members(pairs):
    return [figures(i, capital, sales) for i, (capital, sales) in enumerate(pairs, 1)]


@settings(max_examples=150, deadline=None)
@given(member_lists, surpluses)
def test_shares_add_up_exactly_to_each_portion_and_none_is_negative(pairs, surplus):
    sim = run(surplus, _members(pairs))
    modal = sum((r.jasa_modal for r in sim.rows), D(0))
    usaha = sum((r.jasa_usaha for r in sim.rows), D(0))
    assert all(r.jasa_modal >= 0 and r.jasa_usaha >= 0 for r in sim.rows)
    assert modal + usaha + sim.undistributed == sim.amounts["capital"] + sim.amounts["business"]
    if sim.total_capital > 0:
        assert modal == sim.amounts["capital"]
    if sim.total_business > 0:
        assert usaha == sim.amounts["business"]


@settings(max_examples=150, deadline=None)
@given(member_lists, amounts, amounts, surpluses)
def test_twice_the_capital_and_business_gets_twice(pairs, capital, sales, surplus):
    members = _members(pairs) + [figures(98, capital, sales), figures(99, 2 * capital,
                                                                     2 * sales)]
    sim = run(surplus, members)
    one, two = sim.share_for(98), sim.share_for(99)
    assert abs(two.jasa_modal - 2 * one.jasa_modal) <= 2
    assert abs(two.jasa_usaha - 2 * one.jasa_usaha) <= 2
    # Each share is within a rupiah of its exact proportion.
    if sim.total_capital:
        exact = D(sim.amounts["capital"]) * D(2 * capital) / sim.total_capital
        assert abs(two.jasa_modal - exact) < 1


@settings(max_examples=100, deadline=None)
@given(member_lists, st.integers(min_value=2, max_value=1000), surpluses)
def test_scaling_every_member_s_figures_changes_no_share(pairs, factor, surplus):
    base = run(surplus, _members(pairs))
    scaled = run(surplus, _members([(c * factor, s * factor) for c, s in pairs]))
    assert [r.total for r in scaled.rows] == [r.total for r in base.rows]
