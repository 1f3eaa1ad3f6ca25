"""SHU nobody came for: after the by-laws' months, one entry per plan moves every unpaid
share from the members' payables to where the policy says; a second run moves nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum
from django_scopes import scope

from guyub.finance.jobs import jobs
from guyub.finance.shu import unclaimed
from guyub.finance.shu.models import ShuShare
from guyub.finance.shu.services import post_plan
from guyub.ledger.models import JournalEntry, JournalLine
from guyub.notifications.models import Notice
from guyub.testing import finance_plans as books
from guyub.testing import governance as world

D = Decimal
POSTED_ON = dt.date(2026, 1, 15)


@pytest.fixture
def members(coop):
    return [world.member_with_login(coop, name) for name in ("Ani", "Budi", "Citra")]


@pytest.fixture
def posted(coop, board, members):
    books.book_year(coop)
    books.close_year(coop, board)
    books.set_policy(coop, unclaimed_months=6, unclaimed_to="social_fund")
    plan = books.proposed_plan(coop, [(m, 1_000_000, 1_000_000) for m in members])
    books.rat_decision(coop, board, members)
    with scope(cooperative=coop):
        return post_plan(plan=plan, actor=board, date=POSTED_ON)


def settle(coop, today):
    with scope(cooperative=coop):
        return unclaimed.settle_unclaimed(coop, today=today)


def pay_first(coop, plan):
    """One share paid (what the payment service leaves behind: its payout set)."""
    with scope(cooperative=coop):
        first = plan.shares.order_by("member__number").first()
        ShuShare.objects.filter(pk=first.pk).update(payout=ShuShare.Payout.CASH)
        return first


def test_unpaid_shares_move_in_one_entry_after_the_months(coop, posted):
    paid = pay_first(coop, posted)
    done = settle(coop, POSTED_ON.replace(month=7))
    assert len(done) == 1 and not done[0].failed
    with scope(cooperative=coop):
        posted.refresh_from_db()
        entry = posted.unclaimed_entry
        unpaid = list(posted.shares.exclude(pk=paid.pk))
        assert {s.payout for s in unpaid} == {ShuShare.Payout.UNCLAIMED}
        assert posted.shares.get(pk=paid.pk).payout == ShuShare.Payout.CASH
        lines = list(entry.lines.select_related("account"))
        moved = sum(s.amount for s in unpaid)
        assert {(x.member_id, x.debit) for x in lines if x.account.role == "shu_payable"} == {
            (s.member_id, s.amount) for s in unpaid}
        assert [(x.account.role, x.credit) for x in lines if x.credit] == [
            ("social_fund", moved)]
        # What is left payable is the paid share's (its payment entry is the payouts').
        left = JournalLine.objects.filter(account__role="shu_payable").aggregate(
            c=Sum("credit"), d=Sum("debit"))
        assert left["c"] - left["d"] == paid.amount
    assert Notice.objects.filter(topic="finance.shu_unclaimed").count() == 1


def test_nothing_moves_before_the_months_are_over(coop, posted):
    assert settle(coop, POSTED_ON.replace(month=7, day=14)) == []
    with scope(cooperative=coop):
        posted.refresh_from_db()
        assert posted.unclaimed_entry is None
        assert not posted.shares.filter(payout=ShuShare.Payout.UNCLAIMED).exists()


def test_a_second_run_changes_nothing(coop, posted):
    today = POSTED_ON.replace(month=8)
    settle(coop, today)
    with scope(cooperative=coop):
        count = JournalEntry.objects.count()
    assert settle(coop, today) == []
    with scope(cooperative=coop):
        assert JournalEntry.objects.count() == count
    assert Notice.objects.filter(topic="finance.shu_unclaimed").count() == 1


def test_a_plan_fully_paid_has_nothing_to_move(coop, posted):
    with scope(cooperative=coop):
        ShuShare.objects.filter(plan=posted).update(payout=ShuShare.Payout.BANK)
    assert settle(coop, POSTED_ON.replace(month=12)) == []
    with scope(cooperative=coop):
        posted.refresh_from_db()
        assert posted.unclaimed_entry is None


def test_the_daily_job_settles_what_is_due_today_once(coop, posted):
    # Posted in January with six months to claim: due by today (the test clock's).
    job = next(j for j in jobs() if j.name == "settle_unclaimed_shu")
    assert [d.text for d in job.run()] == [
        "SHU 2025 yang tidak diambil (Rp6.750.000) dialihkan"]
    assert job.run() == []


def test_the_plan_keeps_the_rules_it_was_approved_under(coop, posted):
    """The RAT approved the plan with 6 months and the social fund; the board changing
    the policy afterwards (24 months, the reserve) does not change this plan's rules."""
    with scope(cooperative=coop):
        type(posted).objects.filter(pk=posted.pk).update(policy={
            **posted.policy, "unclaimed_months": 6, "unclaimed_to": "social_fund"})
    books.set_policy(coop, unclaimed_months=24, unclaimed_to="reserve")

    done = settle(coop, POSTED_ON.replace(month=7, day=15))
    assert len(done) == 1
    with scope(cooperative=coop):
        posted.refresh_from_db()
        credits = [(x.account.role, x.credit) for x in
                   posted.unclaimed_entry.lines.select_related("account") if x.credit]
    assert credits == [("social_fund", D(6_750_000))]

