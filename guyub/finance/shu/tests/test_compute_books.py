"""simulate() on the books: the year's member SHU from the ledger, the cooperative's
percentages and the policy's weights (or the board's trial ones), every member's
amount, and what a plan stores of it. A simulation writes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.finance.shu import compute
from guyub.finance.shu.models import ShuPlan, ShuPolicy, ShuShare
from guyub.finance.shu.rules import AllocationError
from guyub.ledger.services import Line, post_entry
from guyub.testing import finance as world

D = Decimal
YEAR = 2025
pytestmark = pytest.mark.django_db
TEXTBOOK = (25, 20, 25, 5, 5, 10, 5, 5)


def set_percentages(coop, values=TEXTBOOK):
    for name, value in zip(compute.PORTION_FIELDS.values(), values, strict=True):
        setattr(coop, name, D(value))
    coop.save()


@pytest.fixture
def books(coop):
    """Member income 12 juta (with Budi's 1 juta loan interest), non-member income 4
    juta, expenses 6 juta: SHU 10 juta, of which 2,5 juta from non-members."""
    set_percentages(coop)
    with scope(cooperative=coop):
        post_entry(cooperative=coop, date=dt.date(YEAR, 3, 1), description="usaha",
                   lines=[Line("cash", debit=D(15_000_000)),
                          Line("income_members", credit=D(11_000_000)),
                          Line("income_non_members", credit=D(4_000_000))])
        post_entry(cooperative=coop, date=dt.date(YEAR, 3, 2), description="beban",
                   lines=[Line("operating_expense", debit=D(6_000_000)),
                          Line("cash", credit=D(6_000_000))])
    ani, budi = world.member(coop, owner_name="Ani"), world.member(coop, owner_name="Budi")
    world.simpanan(ani, dt.date(YEAR, 1, 10), 100_000)
    world.simpanan(budi, dt.date(YEAR, 1, 10), 300_000)
    world.sale(ani, dt.date(YEAR, 5, 1), 3_000_000)
    world.loan_interest(budi, dt.date(YEAR, 5, 1), 1_000_000)
    return ani, budi


def test_the_year_s_member_shu_is_shared_with_the_cooperative_s_settings(coop, books):
    ani, budi = books
    sim = compute.simulate(coop, year=YEAR)
    assert (sim.result.surplus, sim.result.non_member_surplus, sim.member_surplus) == (
        D(10_000_000), D(2_500_000), D(7_500_000))
    assert sim.amounts["capital"] == D(1_500_000) and sim.amounts["business"] == D(1_875_000)
    # Capital 1:3; business 3 juta sales and 1 juta interest, both weighted 1.
    assert (sim.share_for(ani.pk).jasa_modal, sim.share_for(budi.pk).jasa_modal) == (
        D(375_000), D(1_125_000))
    assert (sim.share_for(ani.pk).jasa_usaha, sim.share_for(budi.pk).jasa_usaha) == (
        D(1_406_250), D(468_750))
    with scope(cooperative=coop):
        assert not ShuPolicy.objects.exists()   # the defaults, not saved


def test_the_board_tries_other_percentages_and_weights(coop, books):
    ani, budi = books
    percentages = dict(zip(compute.PORTION_KEYS, map(D, (20, 30, 30, 5, 5, 5, 5, 0)),
                           strict=True))
    weights = {"sales": D(1), "purchases": D(1), "contracts": D(1), "loan_interest": D(3),
               "asset_fees": D(1)}
    sim = compute.simulate(coop, year=YEAR, percentages=percentages, weights=weights,
                           member_surplus=D(1_000_000))
    assert sim.amounts["business"] == D(300_000)
    assert sim.share_for(ani.pk).jasa_usaha == sim.share_for(budi.pk).jasa_usaha == D(150_000)


def test_percentages_that_do_not_make_100_are_refused_with_their_sum(coop, books):
    set_percentages(coop, (30, 20, 25, 5, 5, 10, 5, 5))
    with pytest.raises(AllocationError) as refused:
        compute.simulate(coop, year=YEAR)
    assert refused.value.total == D(105)
    with pytest.raises(ValueError):
        compute.simulate(coop, year=YEAR, percentages={"cadangan": D(100)})
    with pytest.raises(ValueError):
        compute.simulate(coop, year=YEAR, percentages=dict.fromkeys(compute.PORTION_KEYS,
                                                                    D("12.5")),
                         weights={"sales": D(-1)})
    with pytest.raises(ValueError):
        compute.simulate(coop, year=10_000)


def test_a_plan_stores_the_snapshots_and_a_share_per_member(coop, books):
    sim = compute.simulate(coop, year=YEAR)
    with scope(cooperative=coop):
        plan = ShuPlan.objects.create(cooperative=coop, year=YEAR,
                                      **compute.plan_snapshots(sim))
        ShuShare.objects.bulk_create(compute.share_rows(sim, plan))
        plan.refresh_from_db()
        shares = list(plan.shares.all())
    assert [p["key"] for p in plan.portions] == list(compute.PORTION_KEYS)
    assert plan.amounts["capital"] == "1500000" and plan.member_surplus == D(7_500_000)
    assert plan.policy["weights"]["sales"] == "1.00"
    total = sum((s.amount for s in shares), D(0))
    assert total == D(1_500_000) + D(1_875_000)
    assert {s.member_id: s.amount for s in shares} == {
        r.member_id: r.total for r in sim.rows}
