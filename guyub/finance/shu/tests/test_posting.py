"""Posting the SHU the RAT approved: one balanced entry into the reserve, the funds,
the non-member SHU's destination and every member's payable; refused without the RAT's
approval of this proposal, before the year is closed, or when the books moved since."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.finance.closing.models import YearClose
from guyub.finance.closing.services import record_adjustment
from guyub.finance.shu.models import ShuPlan
from guyub.finance.shu.services import post_plan
from guyub.governance.decisions.models import Decision
from guyub.ledger.models import EntryKind, JournalEntry, JournalLine
from guyub.ledger.services import Line
from guyub.notifications.models import Notice
from guyub.testing import finance_plans as books
from guyub.testing import governance as world

D = Decimal
POST_ON = dt.date(2026, 3, 1)


@pytest.fixture
def members(coop):
    return [world.member_with_login(coop, name) for name in ("Ani", "Budi", "Citra")]


@pytest.fixture
def figures(members):
    # capital, weighted business: Citra has no business, so all jasa usaha is Ani's and Budi's.
    return [(members[0], 1_000_000, 3_000_000), (members[1], 2_000_000, 1_000_000),
            (members[2], 500_000, 0)]


@pytest.fixture
def closed(coop, board):
    books.book_year(coop)  # SHU 20.000.000: 5.000.000 from non-members, 15.000.000 members'
    return books.close_year(coop, board)


@pytest.fixture
def plan(coop, closed, figures):
    return books.proposed_plan(coop, figures)


def plan_close(coop) -> YearClose:
    return YearClose.objects.get(cooperative=coop, year=books.YEAR)


def post(coop, plan, board, date=POST_ON):
    with scope(cooperative=coop):
        return post_plan(plan=plan, actor=board, date=date)


def refused(coop, plan, board, match, date=POST_ON):
    with pytest.raises(DomainError, match=match):
        post(coop, plan, board, date)
    with scope(cooperative=coop):
        plan.refresh_from_db()
        assert plan.status == ShuPlan.Status.PROPOSED and plan.entry_id is None
        assert not JournalEntry.objects.filter(source_type="finance.shuplan").exists()


def credits(entry) -> dict:
    rows = (JournalLine.objects.filter(entry=entry).values("account__role")
            .annotate(c=Sum("credit"), d=Sum("debit")))
    return {r["account__role"]: (r["d"], r["c"]) for r in rows}


def test_the_approved_plan_posts_one_balanced_entry_to_the_funds_and_members(
        coop, board, members, plan):
    books.rat_decision(coop, board, members)
    posted = post(coop, plan, board)
    with scope(cooperative=coop):
        entry = posted.entry
        lines = list(entry.lines.select_related("account"))
        assert sum(x.debit for x in lines) == sum(x.credit for x in lines) == D(20_000_000)
        by_role = credits(entry)
        # Dr the year's SHU; the member SHU (15.000.000) by the default percentages,
        # the non-member SHU (5.000.000) to the reserve as the policy says.
        assert by_role["shu_current"] == (D(20_000_000), 0)
        assert by_role["reserve"][1] == D(6_000_000) + D(5_000_000)
        assert by_role["fund_board"][1] == by_role["fund_staff"][1] == D(750_000)
        assert by_role["fund_education"][1] == by_role["social_fund"][1] == D(375_000)
        assert "fund_area" not in by_role  # 0 %: no line
        payables = [x for x in lines if x.account.role == "shu_payable"]
        shares = {s.member_id: s for s in posted.shares.all()}
        assert {x.member_id: x.credit for x in payables} == {
            m: s.amount for m, s in shares.items() if s.amount}
        assert sum(x.credit for x in payables) == D(3_000_000) + D(3_750_000)
        assert all(s.amount == s.jasa_modal + s.jasa_usaha for s in shares.values())
        assert posted.status == ShuPlan.Status.POSTED and posted.decision.outcome == "approved"
        assert posted.posted_by == board and entry.kind == EntryKind.REGULAR
        assert AuditLog.objects.filter(action="shu.posted", object_id=str(plan.pk)).exists()


def test_every_member_with_a_share_is_told_their_own_amount(coop, board, members, plan):
    books.rat_decision(coop, board, members)
    post(coop, plan, board)
    with scope(cooperative=coop):
        shares = {s.member.user_id: s.amount for s in plan.shares.select_related("member")}
    notices = Notice.objects.filter(topic="finance.shu_posted")
    assert {n.user_id for n in notices} == {u for u, a in shares.items() if a}
    for notice in notices:
        assert notice.params["amount"].replace(".", "").endswith(str(shares[notice.user_id]))


def test_non_member_shu_goes_where_the_policy_said(coop, board, members, closed, figures):
    plan = books.proposed_plan(coop, figures, non_member_to="fund_education")
    books.rat_decision(coop, board, members)
    posted = post(coop, plan, board)
    with scope(cooperative=coop):
        by_role = credits(posted.entry)
    assert by_role["reserve"][1] == D(6_000_000)
    assert by_role["fund_education"][1] == D(375_000) + D(5_000_000)


def test_undistributed_jasa_usaha_goes_to_the_reserve(coop, board, members, closed):
    # Nobody did business: the jasa usaha portion (3.750.000) has nobody to go to.
    plan = books.proposed_plan(coop, [(m, 1_000_000, 0) for m in members])
    books.rat_decision(coop, board, members)
    posted = post(coop, plan, board)
    with scope(cooperative=coop):
        by_role = credits(posted.entry)
    assert posted.undistributed == D(3_750_000)
    assert by_role["reserve"][1] == D(6_000_000) + D(5_000_000) + D(3_750_000)
    assert by_role["shu_payable"][1] == D(3_000_000)


def test_without_the_rats_decision_nothing_is_posted(coop, board, plan):
    refused(coop, plan, board, "RAT belum menyetujui")


def test_a_rejection_is_no_approval(coop, board, members, plan):
    books.rat_decision(coop, board, members, outcome=Decision.Outcome.REJECTED)
    refused(coop, plan, board, "RAT belum menyetujui")


def test_an_approval_of_an_earlier_proposal_does_not_post_this_one(coop, board, members, plan):
    books.rat_decision(coop, board, members, at=plan.proposed_at - dt.timedelta(days=1))
    refused(coop, plan, board, "menyetujui usulan lain")


def test_an_approval_of_another_year_does_not_count(coop, board, members, plan):
    books.rat_decision(coop, board, members, year=2024)
    refused(coop, plan, board, "RAT belum menyetujui")


def test_a_year_not_closed_is_not_posted(coop, board, members, figures):
    books.book_year(coop)
    plan = books.proposed_plan(coop, figures)
    books.rat_decision(coop, board, members)
    refused(coop, plan, board, "belum ditutup")


def test_an_adjustment_after_the_proposal_asks_for_a_new_proposal(coop, board, members, plan):
    books.rat_decision(coop, board, members)
    with scope(cooperative=coop):
        record_adjustment(close=plan_close(coop), date=dt.date(2025, 12, 31), actor=board,
                          reason="Beban listrik Desember belum dicatat", lines=[
                              Line(account="operating_expense", debit=D(1_000_000)),
                              Line(account="cash", credit=D(1_000_000))])
    refused(coop, plan, board, "berubah setelah rencana ini diajukan")


@pytest.mark.parametrize("date, match", [
    (dt.date(2025, 12, 31), "setelah tahun buku berakhir"),
    (timezone.localdate() + dt.timedelta(days=1), "masa depan"),
])
def test_the_posting_date_is_after_the_year_and_not_in_the_future(
        coop, board, members, plan, date, match):
    books.rat_decision(coop, board, members)
    refused(coop, plan, board, match, date=date)


def test_posting_twice_is_refused(coop, board, members, plan):
    books.rat_decision(coop, board, members)
    post(coop, plan, board)
    with pytest.raises(DomainError, match="sudah dibukukan"):
        post(coop, plan, board)
    with scope(cooperative=coop):
        assert JournalEntry.objects.filter(source_type="finance.shuplan").count() == 1


def test_a_draft_is_not_posted(coop, board, members, closed, figures):
    plan = books.proposed_plan(coop, figures, status=ShuPlan.Status.DRAFT)
    books.rat_decision(coop, board, members)
    with pytest.raises(DomainError, match="diajukan ke RAT"):
        post(coop, plan, board)


def test_a_deficit_year_posts_nothing(coop, board, members, figures):
    books.book_year(coop, members_income=D(5_000_000), non_members_income=D(0),
                    expenses=D(8_000_000))
    books.close_year(coop, board)
    plan = books.proposed_plan(coop, figures)
    books.rat_decision(coop, board, members)
    refused(coop, plan, board, "defisit")
