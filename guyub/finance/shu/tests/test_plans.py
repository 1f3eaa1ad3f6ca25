"""The board's plans: a simulation saved as a draft, proposed to the RAT (frozen from the
closed year: every member's share written, adding up exactly to jasa modal and jasa
usaha), one proposal a year, withdrawn."""

from decimal import Decimal

import pytest
from django.db.models import Sum
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.finance.shu.models import ShuPlan, ShuShare
from guyub.finance.shu.services import post_plan, propose, save_draft, withdraw
from guyub.testing import finance_plans as books
from guyub.testing import governance as world

D = Decimal
YEAR = books.YEAR
WEIGHTS = {"sales": D(1), "purchases": D(1), "contracts": D(1), "loan_interest": D(1),
           "asset_fees": D(1)}


@pytest.fixture
def members(coop):
    people = [world.member_with_login(coop, name) for name in ("Ani", "Budi", "Citra")]
    for member, capital, interest in zip(people, (1_000_000, 2_000_000, 1_000_000),
                                         (300_000, 100_000, 0), strict=True):
        books.capital_and_interest(coop, member, capital=capital, interest=interest)
    return people


@pytest.fixture
def year(coop, members):
    books.book_year(coop)
    return YEAR


def percentages(coop, **changes):
    with scope(cooperative=coop):
        values = {key: getattr(coop, field) for key, field, _a in books.PORTIONS}
    return {**values, **{k: D(v) for k, v in changes.items()}}


def draft(coop, board, **changes):
    with scope(cooperative=coop):
        return save_draft(cooperative=coop, year=YEAR, actor=board,
                          percentages=percentages(coop, **changes), weights=WEIGHTS)


def test_a_split_of_105_percent_is_refused_with_its_sum(coop, board, year):
    with pytest.raises(DomainError, match="sekarang 105%"):
        draft(coop, board, reserve=45)
    with scope(cooperative=coop):
        assert not ShuPlan.objects.exists()


def test_a_draft_keeps_the_split_it_was_saved_with(coop, board, year):
    plan = draft(coop, board, reserve=35, area=5)
    assert plan.status == ShuPlan.Status.DRAFT
    kept = {p["key"]: D(p["percent"]) for p in plan.portions}
    assert kept["reserve"] == D(35) and kept["area"] == D(5)
    assert sum((D(v) for v in plan.amounts.values()), D(0)) == plan.member_surplus
    with scope(cooperative=coop):
        assert not plan.shares.exists()
        assert AuditLog.objects.filter(action="shu.plan_saved").exists()


def test_a_draft_is_not_proposed_before_the_year_is_closed(coop, board, year):
    plan = draft(coop, board)
    with scope(cooperative=coop), pytest.raises(DomainError, match="belum ditutup"):
        propose(plan=plan, actor=board)
    plan.refresh_from_db()
    assert plan.status == ShuPlan.Status.DRAFT


def test_proposing_writes_every_members_share_adding_up_to_the_portions(coop, board, year):
    books.close_year(coop, board)
    with scope(cooperative=coop):
        plan = propose(plan=draft(coop, board), actor=board)
        shares = list(plan.shares.all())
        sums = plan.shares.aggregate(m=Sum("jasa_modal"), u=Sum("jasa_usaha"), a=Sum("amount"))
    assert plan.status == ShuPlan.Status.PROPOSED and plan.proposed_at is not None
    assert len(shares) == 3
    assert sums["m"] + sums["u"] == sums["a"]
    assert sums["a"] == D(plan.amounts["capital"]) + D(plan.amounts["business"]) \
        - plan.undistributed
    assert all(s.amount >= 0 and s.amount == s.jasa_modal + s.jasa_usaha for s in shares)
    # Budi has twice Ani's capital: twice her jasa modal (within a rupiah).
    by_capital = sorted(shares, key=lambda s: s.capital)
    assert abs(by_capital[-1].jasa_modal - 2 * by_capital[0].jasa_modal) <= 1


def test_a_second_proposal_withdraws_the_first(coop, board, year):
    books.close_year(coop, board)
    with scope(cooperative=coop):
        first = propose(plan=draft(coop, board), actor=board)
        second = propose(plan=draft(coop, board, reserve=30, area=10), actor=board)
        first.refresh_from_db()
        assert first.status == ShuPlan.Status.WITHDRAWN
        assert second.status == ShuPlan.Status.PROPOSED
        assert ShuPlan.objects.filter(status=ShuPlan.Status.PROPOSED).count() == 1


def test_the_proposal_the_rat_approved_posts_and_then_the_year_takes_no_new_plan(
        coop, board, members, year):
    books.close_year(coop, board)
    with scope(cooperative=coop):
        plan = propose(plan=draft(coop, board), actor=board)
    books.rat_decision(coop, board, members)
    with scope(cooperative=coop):
        post_plan(plan=plan, actor=board, date=books.dt.date(2026, 2, 1))
        payable = ShuShare.objects.filter(plan=plan).aggregate(a=Sum("amount"))["a"]
        assert payable > 0
    with pytest.raises(DomainError, match="sudah dibukukan"):
        draft(coop, board)


def test_a_deficit_year_cannot_be_proposed(coop, board, members):
    books.book_year(coop, members_income=1_000_000, non_members_income=0,
                    expenses=9_000_000)
    books.close_year(coop, board)
    with scope(cooperative=coop), pytest.raises(DomainError, match="defisit"):
        propose(plan=draft(coop, board), actor=board)


def test_a_withdrawn_plan_stays_withdrawn(coop, board, year):
    plan = draft(coop, board)
    with scope(cooperative=coop):
        withdraw(plan=plan, actor=board)
        with pytest.raises(DomainError, match="sudah ditarik"):
            withdraw(plan=plan, actor=board)
        with pytest.raises(DomainError):
            propose(plan=plan, actor=board)


def test_a_proposal_keeps_the_policys_unclaimed_rules(coop, board, year):
    # The unclaimed job follows the rules the RAT approved with the plan.
    books.close_year(coop, board)
    books.set_policy(coop, unclaimed_months=9, unclaimed_to="fund_education")
    with scope(cooperative=coop):
        plan = propose(plan=draft(coop, board), actor=board)
    assert (plan.policy["unclaimed_months"], plan.policy["unclaimed_to"]) == (
        9, "fund_education")
