"""On PostgreSQL: a posting and a period close at the same moment. The posting reads the
closed date under the cooperative's lock, which the close takes too, so either it lands
before the close or it is refused with the close's date; never the database guard's
error at insert (a 500 to whoever was posting)."""

import datetime as dt
import threading
import time
from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.ledger import services
from guyub.ledger.models import JournalEntry
from guyub.testing.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DAY = dt.date(2025, 3, 10)


def test_a_posting_racing_a_period_close_lands_before_it_or_is_refused(coop, board,
                                                                       monkeypatch):
    checked = services.check_entry_date
    inside = threading.Event()

    def slow_check(**kwargs):
        # The posting has read the closed date; the close gets every chance to commit
        # before the posting inserts its lines.
        checked(**kwargs)
        inside.set()
        time.sleep(0.4)

    monkeypatch.setattr(services, "check_entry_date", slow_check)

    def post():
        return services.post_entry(
            cooperative=coop, date=DAY, description="Penjualan tunai", actor=board,
            lines=[services.Line(account="cash", debit=Decimal(75_000)),
                   services.Line(account="income_other", credit=Decimal(75_000))]).pk

    def close():
        assert inside.wait(10)  # the posting is inside its check when the close starts
        return services.close_period(cooperative=coop, actor=board,
                                     through=dt.date(2025, 3, 31)).pk

    results = at_once(coop, [post, close])
    assert [r[0] for r in results] == ["ok", "ok"], results
    with scope(cooperative=coop):
        assert JournalEntry.objects.filter(pk=results[0][1]).exists()
    # The books are closed now: a posting in the period is refused with the date.
    late = at_once(coop, [post])
    assert late[0][0] == "refused" and "31-03-2025" in late[0][1], late
