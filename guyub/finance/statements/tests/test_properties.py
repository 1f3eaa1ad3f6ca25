"""Whatever balanced entries the books hold, over two years, closed or not: the position
balances, the result's SHU is the change in equity from results, and the cash flow's
net change is the change in cash and bank (Hypothesis)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from guyub.finance.statements.cashflow import cash_flows
from guyub.finance.statements.position import equity_changes, position
from guyub.finance.statements.profit import results_statement
from guyub.finance.statements.selectors import books_for
from guyub.ledger.chart import TEMPLATE
from guyub.ledger.services import Line, post_entry
from guyub.testing.factories import CooperativeFactory
from guyub.testing.finance_fa import close_year

ROLES = [role for _code, _name, _type, role in TEMPLATE]
TODAY = timezone.localdate()
LAST, NOW = TODAY.year - 1, TODAY.year

role = st.sampled_from(ROLES)
entry = st.tuples(role, role, st.integers(min_value=1, max_value=10**12),
                  st.booleans(),  # this year (else last year)
                  st.integers(min_value=0, max_value=364))


def _day(this_year: bool, offset: int) -> dt.date:
    if this_year:
        return min(dt.date(NOW, 1, 1) + dt.timedelta(days=offset), TODAY)
    return dt.date(LAST, 1, 1) + dt.timedelta(days=offset)


class StatementPropertyTests(TestCase):
    @settings(max_examples=30, deadline=None)
    @given(entries=st.lists(entry, max_size=12), close_last_year=st.booleans())
    def test_any_books_give_statements_that_balance_and_agree(self, entries, close_last_year):
        coop = CooperativeFactory(founded_on=dt.date(LAST - 1, 1, 1))
        with scope(cooperative=coop):
            for debit, credit, amount, this_year, offset in entries:
                if debit == credit:
                    continue
                post_entry(cooperative=coop, date=_day(this_year, offset), description="acak",
                           lines=[Line(debit, debit=Decimal(amount)),
                                  Line(credit, credit=Decimal(amount))])
        if close_last_year:
            close_year(coop, LAST)
        with scope(cooperative=coop):
            books = books_for(coop, NOW)
        pos, lhu = position(books), results_statement(books)
        equity, flows = equity_changes(books), cash_flows(books)
        assert pos.problems == () and flows.problems == ()
        for column in (0, 1):
            assert pos.row("jumlah-aset").values[column] == \
                pos.row("jumlah-kewajiban-ekuitas").values[column]
            assert (flows.row("kas-akhir").values[column]
                    - flows.row("kas-awal").values[column]) == \
                flows.row("kenaikan-kas").values[column]
            assert flows.row("kas-akhir").values[column] == pos.row("kas-bank").values[column]
        # The equity statement, last year then this year: the SHU row moves by the year's
        # result, apart from what was paid or set aside out of shu_current.
        for (_heading, row), column in zip(equity.rows_for("shu"), (1, 0), strict=True):
            opening, result, added, taken, closing = row.values
            assert result == lhu.row("shu").values[column]
            assert closing - opening - added + taken == result
            assert closing == pos.row("shu").values[column]
