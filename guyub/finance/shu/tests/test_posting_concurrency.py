"""Two officers posting the same approved SHU at the same moment (PostgreSQL: parallel
connections and row locks): it is posted once, and the unclaimed job racing a second
run moves the unpaid shares once."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.finance.shu import unclaimed
from guyub.finance.shu.models import ShuPlan
from guyub.finance.shu.services import post_plan
from guyub.ledger.models import JournalEntry
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
