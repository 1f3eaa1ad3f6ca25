"""The statements from a cooperative's books: the position balances with the year open
and after its closing entry, the result leaves closing entries out, the SHU in equity
moves by the year's result, the cash flow explains the change in cash, and the
previous year's column is that year's own statement."""

import pytest
from django_scopes import scope

from guyub.finance.statements.books import CURRENT, PREVIOUS
from guyub.finance.statements.cashflow import cash_flows
from guyub.finance.statements.position import equity_changes, position
from guyub.finance.statements.profit import results_statement
from guyub.finance.statements.results import year_result
from guyub.finance.statements.selectors import books_for
from guyub.testing.finance_fa import D, books_world, close_year

pytestmark = pytest.mark.django_db

THIS, LAST = 0, 1  # the columns


@pytest.fixture
def world(coop):
    return books_world(coop)


def _books(coop, year):
    with scope(cooperative=coop):
        return books_for(coop, year)


def _assert_sound(books):
    """Every check the statements make of themselves, and their agreement."""
    pos, lhu, eq, flows = (position(books), results_statement(books), equity_changes(books),
                           cash_flows(books))
    assert pos.problems == () and flows.problems == ()
    for col in (THIS, LAST):
        assert pos.row("jumlah-aset").values[col] == \
            pos.row("jumlah-kewajiban-ekuitas").values[col]
        assert flows.row("shu").values[col] == lhu.row("shu").values[col]
        assert (flows.row("kas-awal").values[col] + flows.row("kenaikan-kas").values[col]
                == flows.row("kas-akhir").values[col] == pos.row("kas-bank").values[col])
    # The equity statement: each year's SHU column is that year's result, and its
    # closing balances are the position's equity.
    this_year, last_year = [row for _h, row in eq.rows_for("shu")][::-1]
    assert this_year.values[1] == lhu.row("shu").values[THIS]
    assert last_year.values[1] == lhu.row("shu").values[LAST]
    assert this_year.values[4] == pos.row("shu").values[THIS]
    totals = [r for r in eq.rows if r.style == "total"]
    assert [t.values[4] for t in totals] == list(pos.row("jumlah-ekuitas").values[::-1])
    return pos, lhu, eq, flows


def test_the_statements_balance_and_agree_while_the_years_are_open(coop, world):
    pos, lhu, _eq, flows = _assert_sound(_books(coop, world["now"]))
    assert pos.row("jumlah-aset").values[THIS] > 0
    # The member loan: paid out this year, one instalment back; its interest is
    # participation income.
    assert pos.row("piutang-pinjaman").values[LAST] == 0
    assert 0 < pos.row("piutang-pinjaman").values[THIS] < D(3_000_000)
    assert flows.row("pinjaman-anggota").values[THIS] == -pos.row("piutang-pinjaman").values[THIS]
    interest = next(p for p in lhu.row("partisipasi-anggota").parts
                    if p.account.role == "loan_interest")
    assert interest.values[THIS] > 0


def test_member_and_non_member_income_are_shown_apart(coop, world):
    lhu = results_statement(_books(coop, world["now"]))
    # Last year (scale 1): members 5,000,000 sales + 200,000 commission + 200,000 asset
    # fees; non-members 3,000,000 sales + 100,000 asset fees; other 50,000.
    assert lhu.row("partisipasi-anggota").values[LAST] == D(5_400_000)
    assert lhu.row("non-anggota").values[LAST] == D(3_100_000)
    assert lhu.row("pendapatan-lain").values[LAST] == D(50_000)
    assert lhu.row("hpp").values[LAST] == D(6_000_000)
    assert lhu.row("beban").values[LAST] == D(850_000)
    assert lhu.row("shu").values[LAST] == D(1_700_000)
    # 1,700,000 × 3,100,000 / 8,500,000 = 620,000 is not the members' to share.
    assert lhu.row("shu-non-anggota").values[LAST] == D(620_000)
    assert lhu.row("shu-anggota").values[LAST] == D(1_080_000)
    # The same figures the SHU code reads.
    with scope(cooperative=coop):
        result = year_result(coop, world["now"])
    assert lhu.row("shu").values[THIS] == result.surplus
    assert lhu.row("shu-anggota").values[THIS] == result.member_surplus


def test_closing_last_year_changes_no_statement_figure(coop, world):
    before = _books(coop, world["now"])
    close_year(coop, world["last"])
    after = _books(coop, world["now"])
    pos, lhu, eq, flows = _assert_sound(after)
    for build in (results_statement, cash_flows):
        assert [r.values for r in build(after).rows] == [r.values for r in build(before).rows]
    assert [r.values for r in pos.rows] == [r.values for r in position(before).rows]
    # What moved is inside the SHU line: last year's result now sits in shu_current.
    shu_account = next(p for p in pos.row("shu").parts if p.account.role == "shu_current")
    assert shu_account.values[LAST] == lhu.row("shu").values[LAST]
    last_year = [row for _h, row in eq.rows_for("shu")][0]
    closed, unclosed = last_year.parts
    assert closed.values[1] == lhu.row("shu").values[LAST]      # closed into shu_current
    assert unclosed.values[4] == 0                             # nothing left open


def test_the_previous_year_column_is_that_years_own_statement(coop, world):
    close_year(coop, world["last"])
    now, last = _books(coop, world["now"]), _books(coop, world["last"])
    for build in (position, results_statement, cash_flows):
        this_years, last_years = build(now), build(last)
        assert [r.values[LAST] for r in this_years.rows if r.values] == \
            [r.values[THIS] for r in last_years.rows if r.values], build.__name__
    assert CURRENT - PREVIOUS == 1


def test_a_line_is_the_sum_of_its_accounts(coop, world):
    books = _books(coop, world["now"])
    for build in (position, results_statement, equity_changes, cash_flows):
        for row in build(books).rows:
            if row.parts:
                width = len(row.values)
                assert tuple(sum((p.values[i] for p in row.parts), D(0))
                             for i in range(width)) == row.values, (build.__name__, row.key)


def test_closing_entries_are_left_out_of_the_result_but_not_of_the_balance(coop, world):
    close_year(coop, world["last"])
    books = _books(coop, world["last"])
    lhu = results_statement(books)
    assert lhu.row("shu").values[THIS] == D(1_700_000)
    # Income accounts stand at zero after the close, shu_current holds the year.
    income = next(f for f in books.accounts if f.account.role == "income_members")
    assert income.balance(CURRENT) == 0
    assert income.flow(CURRENT) == D(5_000_000)
