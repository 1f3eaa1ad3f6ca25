"""The portfolio statement counts one cooperative's loans only: a running loan of
another cooperative, even in arrears, never shows in this one's grades."""

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.support.loans import statements
from guyub.support.loans.selectors import portfolio
from guyub.testing import loans as world
from guyub.testing.bookings import make_member

pytestmark = pytest.mark.django_db


def test_the_portfolio_statement_names_its_cooperative():
    assert "cooperative_id = %(coop)s" in statements.PORTFOLIO_SQL
    assert statements.PORTFOLIO_SQL.count("cooperative_id = %(coop)s") == 2


def test_another_cooperatives_loans_are_never_counted(coop, other_coop):
    for cooperative, amount in ((coop, 1_200_000), (other_coop, 3_000_000)):
        world.limits(cooperative)
        borrower = make_member(cooperative)
        world.save(borrower, 5_000_000)
        world.running(borrower, amount)  # paid out 92 days ago: in arrears
    today = timezone.localdate()
    with scope(cooperative=coop):
        mine = portfolio(coop, as_of=today, grace_days=7)
    with scope(cooperative=other_coop):
        theirs = portfolio(other_coop, as_of=today, grace_days=7)
    assert sum(r.loans for r in mine) == 1 and sum(r.loans for r in theirs) == 1
    # Nothing repaid yet: each counts its own principal only.
    assert sum(r.outstanding for r in mine) == 1_200_000
    assert sum(r.outstanding for r in theirs) == 3_000_000
