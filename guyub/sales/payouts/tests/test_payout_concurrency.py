"""Two officers confirming payouts at the same moment (PostgreSQL: parallel connections
and row locks): each sale is still paid exactly once, and the books still agree."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.ledger.selectors import member_balance
from guyub.sales.models import FulfilmentLine, PayoutLine
from guyub.sales.payouts import services as payouts
from guyub.sales.tests.fulfilment_helpers import order, product
from guyub.testing.concurrency import at_once
from guyub.testing.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_payouts_at_once_pay_each_sale_once(coop, board):
    makers = [MemberFactory(cooperative=coop) for _ in range(3)]
    for i, maker in enumerate(makers):
        item = product(coop, maker, f"Keripik {i}", price=20_000 + i * 1000)
        order(coop, [(item, 3)])
    today = timezone.localdate()

    def pay(days):
        return lambda: payouts.create_payout(cooperative=coop, actor=board, end=today,
                                              start=today - dt.timedelta(days=days)).pk

    results = at_once(coop, [pay(7), pay(30)])

    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    with scopes_disabled():
        assert not FulfilmentLine.objects.filter(cooperative=coop, payout__isnull=True).exists()
        assert PayoutLine.objects.filter(cooperative=coop).count() == 3
    with scope(cooperative=coop):
        for maker in makers:
            assert member_balance(member=maker, role="payable_members") == 0
