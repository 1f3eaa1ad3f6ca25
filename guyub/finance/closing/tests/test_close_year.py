"""The year-end close: one closing entry brings the year's income and expenses to zero
against SHU tahun berjalan, the year is locked, and the close is recorded once."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.core.audit import AuditLog
from guyub.core.errors import DomainError
from guyub.core.roles import Role
from guyub.finance.closing.models import YearClose
from guyub.finance.closing.services import close_year
from guyub.finance.notices import YEAR_CLOSED
from guyub.finance.statements.results import year_result
from guyub.ledger.models import EntryKind, JournalEntry
from guyub.ledger.selectors import trial_balance
from guyub.ledger.services import closed_through
from guyub.testing.finance_fb import balance, book, book_year, income_and_expense_balances
from guyub.testing.notices import inbox

pytestmark = pytest.mark.django_db
D = Decimal


def close(coop, year, actor=None):
    with scope(cooperative=coop):
        return close_year(cooperative=coop, year=year, actor=actor)


def test_the_closing_entry_moves_exactly_the_surplus_into_shu_current(coop, board, last_year):
    book_year(coop, last_year, members=800_000, non_members=200_000, other=50_000,
              cost=600_000, expenses=150_000)
    year_close = close(coop, last_year, board)

    assert year_close.surplus == D(300_000)
    assert set(income_and_expense_balances(coop, last_year).values()) == {D(0)}
    assert balance(coop, "shu_current") == D(300_000)
    entry = year_close.entry
    assert (entry.kind, entry.date) == (EntryKind.CLOSING, dt.date(last_year, 12, 31))
    assert set(entry.lines.values_list("kind", flat=True)) == {EntryKind.CLOSING}
    assert JournalEntry.objects.filter(cooperative=coop, kind=EntryKind.CLOSING).count() == 1


def test_a_deficit_is_moved_as_a_debit_of_shu_current(coop, board, last_year):
    book_year(coop, last_year, members=100_000, expenses=250_000)
    year_close = close(coop, last_year, board)

    assert year_close.surplus == D(-150_000)
    assert balance(coop, "shu_current") == D(-150_000)
    assert set(income_and_expense_balances(coop, last_year).values()) == {D(0)}


def test_the_trial_balance_still_balances_and_the_statements_are_unchanged(coop, board,
                                                                           last_year):
    book_year(coop, last_year, members=500_000, non_members=100_000, cost=250_000,
              expenses=90_000)
    with scope(cooperative=coop):
        before = year_result(coop, last_year)
    close(coop, last_year, board)
    with scope(cooperative=coop):
        after = year_result(coop, last_year)
        rows = trial_balance(as_of=dt.date(last_year, 12, 31))

    assert after == before
    assert after.surplus == D(260_000)
    assert sum(r.debit for r in rows) == sum(r.credit for r in rows)
    assert sum(r.debit_balance for r in rows) == sum(r.credit_balance for r in rows)
    # Only what the balance sheet holds is left: income and expenses are at zero.
    assert {r.account.type for r in rows if r.balance} <= {"asset", "liability", "equity"}


def test_the_next_year_starts_from_zero_and_closes_on_its_own(coop, board, last_year):
    book_year(coop, last_year - 1, members=400_000, expenses=100_000)
    book_year(coop, last_year, members=100_000, expenses=30_000)
    close(coop, last_year - 1, board)
    second = close(coop, last_year, board)

    assert second.surplus == D(70_000)
    assert balance(coop, "shu_current") == D(370_000)
    assert balance(coop, "income_members") == D(0)


def test_the_closed_year_is_locked_for_ordinary_postings(coop, board, last_year):
    book_year(coop, last_year, members=100_000)
    close(coop, last_year, board)

    with scope(cooperative=coop):
        assert closed_through(coop) == dt.date(last_year, 12, 31)
    with pytest.raises(DomainError, match="sudah ditutup"):
        book(coop, dt.date(last_year, 7, 1), "cash", "income_members", 5_000)
    # The next year goes on.
    book(coop, dt.date(last_year + 1, 1, 1), "cash", "income_members", 5_000)


def test_a_year_without_income_or_expenses_closes_without_an_entry(coop, board, last_year):
    book(coop, dt.date(last_year, 2, 1), "cash", "simpanan_pokok", 100_000)
    year_close = close(coop, last_year, board)

    assert (year_close.entry, year_close.surplus) == (None, D(0))
    with scope(cooperative=coop):
        assert closed_through(coop) == dt.date(last_year, 12, 31)


def test_a_close_is_recorded_audited_and_told_to_the_rest_of_the_board(coop, board, make_user,
                                                                        last_year):
    other_board = make_user(coop, Role.BOARD)
    staff = make_user(coop, Role.STAFF)
    book_year(coop, last_year, members=300_000, expenses=100_000)
    year_close = close(coop, last_year, board)

    assert YearClose.objects.filter(cooperative=coop, year=last_year).get() == year_close
    assert year_close.closed_by == board
    log = AuditLog.objects.filter(cooperative=coop, action="year.closed").get()
    assert (log.data["year"], log.data["surplus"]) == (str(last_year), "200000")
    told = inbox(other_board)
    assert [t.topic for t in told] == [YEAR_CLOSED]
    assert str(last_year) in told[0].text and "200.000" in told[0].text
    assert inbox(board) == [] and inbox(staff) == []


def test_an_earlier_ledger_lock_is_kept_and_a_later_one_not_moved_back(coop, board, last_year):
    book_year(coop, last_year, members=100_000)
    with scope(cooperative=coop):
        from guyub.ledger.services import close_period
        close_period(cooperative=coop, actor=board, through=dt.date(last_year + 1, 1, 31))
    close(coop, last_year, board)
    with scope(cooperative=coop):
        assert closed_through(coop) == dt.date(last_year + 1, 1, 31)
    assert balance(coop, "shu_current") == D(100_000)


# --- refusals ---------------------------------------------------------------------------


def test_the_current_year_cannot_be_closed_before_it_ends(coop, board, this_year):
    book(coop, dt.date(this_year, 1, 2), "cash", "income_members", 10_000)
    with pytest.raises(DomainError, match="belum berakhir"):
        close(coop, this_year, board)
    assert not YearClose.objects.filter(cooperative=coop).exists()


def test_a_year_closes_once(coop, board, last_year):
    book_year(coop, last_year, members=100_000)
    close(coop, last_year, board)
    with pytest.raises(DomainError, match="sudah ditutup"):
        close(coop, last_year, board)
    assert YearClose.objects.filter(cooperative=coop).count() == 1
    assert JournalEntry.objects.filter(cooperative=coop, kind=EntryKind.CLOSING).count() == 1


def test_the_close_is_refused_while_an_earlier_year_is_open(coop, board, last_year):
    book_year(coop, last_year - 2, members=100_000)
    book_year(coop, last_year, members=100_000)
    with pytest.raises(DomainError, match=f"{last_year - 2} masih terbuka"):
        close(coop, last_year, board)
    assert not YearClose.objects.filter(cooperative=coop).exists()
    assert balance(coop, "shu_current") == D(0)
    # In order it goes: the year between has no entries and closes without one.
    close(coop, last_year - 2, board)
    close(coop, last_year - 1, board)
    assert close(coop, last_year, board).surplus == D(100_000)


@pytest.mark.parametrize("year", [2015, 1, 0, 99999])
def test_a_year_before_the_first_entry_or_off_the_calendar_is_refused(coop, board, last_year,
                                                                      year):
    book_year(coop, last_year, members=100_000)
    with pytest.raises(DomainError):
        close(coop, year, board)
    assert not YearClose.objects.filter(cooperative=coop).exists()


def test_other_cooperatives_books_are_not_closed(coop, other_coop, board, last_year):
    book_year(coop, last_year, members=100_000)
    book_year(other_coop, last_year, members=70_000)
    close(coop, last_year, board)
    assert balance(other_coop, "income_members") == D(70_000)
    with scope(cooperative=other_coop):
        assert closed_through(other_coop) is None
