"""The demo's books, read by the statements: every year balances (assets = liabilities +
equity) and agrees with itself, last year is closed with its SHU posted from the
RAT-approved plan, and the members' shares add up to the posted payables."""

import pytest
from django_scopes import scope

from guyub.core.demo import DEMO_SLUG, load_demo
from guyub.core.models import Cooperative
from guyub.finance.closing.models import YearClose
from guyub.finance.shu.models import ShuPlan
from guyub.finance.statements.catalogue import build_all
from guyub.finance.statements.selectors import books_for, years_offered
from guyub.ledger.models import JournalLine

pytestmark = pytest.mark.django_db


def test_the_demo_statements_balance_and_its_shu_is_posted_from_the_rat_approved_plan():
    load_demo()
    coop = Cooperative.objects.get(slug=DEMO_SLUG)
    with scope(cooperative=coop):
        years = years_offered(coop)
        assert len(years) >= 2
        for year in years:
            statements = {s.key: s for s in build_all(books_for(coop, year))}
            assert not [p for s in statements.values() for p in s.problems], year
            pos = statements["posisi-keuangan"]
            assets = pos.row("jumlah-aset").values
            assert assets == pos.row("jumlah-kewajiban-ekuitas").values, year
        last = max(YearClose.objects.values_list("year", flat=True))
        plan = ShuPlan.objects.get(year=last, status=ShuPlan.Status.POSTED)
        assert plan.decision is not None and plan.decision.decided_at > plan.proposed_at
        payable = sum(line.credit for line in JournalLine.objects.filter(
            entry=plan.entry, account__role="shu_payable"))
        assert payable == sum(s.amount for s in plan.shares.all()) > 0
