"""Two clicks on "close the year" at the same moment close it once (PostgreSQL)."""

import time
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from guyub.finance.closing import selectors
from guyub.finance.closing.models import YearClose
from guyub.finance.closing.services import close_year
from guyub.ledger.models import EntryKind, JournalEntry
from guyub.testing.concurrency import at_once
from guyub.testing.finance_fb import balance, book_year

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_balances(monkeypatch):
    """Hold each close a moment after its checks: a rival not made to wait would pass
    the same checks right there and close the year a second time."""
    original = selectors.year_balances

    def slow(*args, **kwargs):
        time.sleep(0.5)
        return original(*args, **kwargs)

    monkeypatch.setattr(selectors, "year_balances", slow)


def test_two_closes_at_once_close_the_year_once(coop, board, last_year, slow_balances):
    book_year(coop, last_year, members=400_000, expenses=100_000)

    def close():
        return close_year(cooperative=coop, year=last_year, actor=board).pk

    results = at_once(coop, [close, close])

    assert sorted(kind for kind, _value in results) == ["ok", "refused"], results
    assert [v for k, v in results if k == "refused"] == [
        f"Tahun buku {last_year} sudah ditutup."]
    with scopes_disabled():
        assert YearClose.objects.filter(cooperative=coop).count() == 1
        assert JournalEntry.objects.filter(cooperative=coop, kind=EntryKind.CLOSING).count() == 1
    assert balance(coop, "shu_current") == Decimal(300_000)
