"""Two officers posting the same approved SHU at the same moment (PostgreSQL: parallel
connections and row locks): it is posted once; an adjustment of the year racing the
posting cannot slip in after the posting checked the books; and the unclaimed job racing
a second run moves the unpaid shares once."""

import datetime as dt
import threading
import time
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.finance.closing.models import YearClose
from guyub.finance.closing.services import record_adjustment
from guyub.finance.shu import unclaimed
from guyub.finance.shu.models import ShuPlan
from guyub.finance.shu.services import post_plan, posting
from guyub.ledger.models import JournalEntry
from guyub.ledger.services import Line
from guyub.testing import finance_plans as books
from guyub.testing import governance as world
from guyub.testing.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
POST_ON = dt.date(2026, 1, 15)


@pytest.fixture
def approved(coop, board):
    members = [world.member_with_login(coop, name) for name in ("Ani", "Budi", "Citra")]
    books.book_year(coop)
    books.close_year(coop, board)
    plan = books.proposed_plan(coop, [(m, 1_000_000, 1_000_000) for m in members])
    books.rat_decision(coop, board, members)
    return plan


def test_two_postings_at_once_post_once(coop, board, approved):
    results = at_once(coop, [
        lambda: post_plan(plan=approved, actor=board, date=POST_ON).pk,
        lambda: post_plan(plan=approved, actor=board, date=POST_ON).pk,
    ])
    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    with scopes_disabled():
        assert JournalEntry.objects.filter(source_type="finance.shuplan").count() == 1
        assert ShuPlan.objects.get(pk=approved.pk).status == ShuPlan.Status.POSTED


def test_an_adjustment_racing_the_posting_waits_and_is_refused(coop, board, approved,
                                                               monkeypatch):
    """The posting checks that the year's surplus is still the plan's, then posts: an
    adjustment changing the surplus in between would leave a posted SHU the books no
    longer hold. The posting holds the cooperative's lock from before its check, so the
    adjustment waits for it and then finds the SHU posted."""
    checked = posting._check_books
    inside = threading.Event()

    def slow_check(plan):
        checked(plan)
        inside.set()
        time.sleep(0.5)

    monkeypatch.setattr(posting, "_check_books", slow_check)
    with scope(cooperative=coop):
        close = YearClose.objects.get(cooperative=coop, year=books.YEAR)

    def adjust():
        assert inside.wait(10)  # the posting is past its check when the adjustment starts
        return record_adjustment(
            close=close, date=dt.date(books.YEAR, 12, 31), actor=board,
            reason="Biaya listrik Desember belum dicatat",
            lines=[Line(account="admin_expense", debit=Decimal(500_000)),
                   Line(account="cash", credit=Decimal(500_000))]).pk

    results = at_once(coop, [lambda: post_plan(plan=approved, actor=board,
                                               date=POST_ON).pk, adjust])
    assert [kind for kind, _ in results] == ["ok", "refused"], results
    assert "SHU" in results[1][1]
    with scopes_disabled():
        assert ShuPlan.objects.get(pk=approved.pk).status == ShuPlan.Status.POSTED
        assert not JournalEntry.objects.filter(cooperative=coop, kind="adjusting").exists()


def test_two_unclaimed_runs_at_once_move_the_shares_once(coop, board, approved):
    with scope(cooperative=coop):
        posted = post_plan(plan=approved, actor=board, date=POST_ON)
    books.set_policy(coop, unclaimed_months=6)
    today = timezone.localdate()  # past POST_ON + 6 months
    results = at_once(coop, [
        lambda: unclaimed.settle_plan(plan=posted, actor=None, today=today),
        lambda: unclaimed.settle_plan(plan=posted, actor=None, today=today),
    ])
    assert sorted(value for _kind, value in results) == [0, 3_000_000 + 3_750_000], results
    with scopes_disabled():
        moved = JournalEntry.objects.filter(source_type="finance.shuplan").count()
    assert moved == 2  # the posting and one unclaimed entry
