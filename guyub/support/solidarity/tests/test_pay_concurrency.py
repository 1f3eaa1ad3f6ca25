"""Payments out of the fund at the same moment (PostgreSQL: parallel connections and row
locks): two grants that together exceed the fund are never both paid, and one grant
paid twice at once is paid once."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from guyub.ledger.models import JournalEntry
from guyub.support.solidarity import services
from guyub.support.solidarity.models import Grant
from guyub.testing.concurrency import at_once
from guyub.testing.support import approved_grant, fund_balance, ledger_balanced

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _pay(grant, actor):
    return lambda: services.pay_grant(grant=grant, actor=actor, method="cash",
                                      date=dt.date.today()).pk


def test_two_grants_that_together_exceed_the_fund_are_not_both_paid(coop, world):
    grants = [approved_grant(coop, member, requester=member.user, decider=world["board"],
                             amount=700_000) for member in (world["sari"], world["budi"])]

    results = at_once(coop, [_pay(grant, world["staff"]) for grant in grants])

    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    assert fund_balance(coop) == Decimal(300_000)
    assert ledger_balanced(coop)


def test_one_grant_paid_twice_at_once_is_paid_once(coop, world):
    grant = approved_grant(coop, world["sari"], requester=world["sari"].user,
                           decider=world["board"], amount=400_000)

    results = at_once(coop, [_pay(grant, world["staff"]), _pay(grant, world["board"])])

    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    with scopes_disabled():
        assert Grant.objects.get(pk=grant.pk).status == Grant.Status.PAID
        assert JournalEntry.objects.filter(source_type="support.grant").count() == 1
    assert fund_balance(coop) == Decimal(600_000)
