"""Simpanan under real concurrency (PostgreSQL: parallel connections and row locks).

Each thread has its own database connection and its own tenant scope, the way two
requests served at the same moment would.
"""

import datetime as dt
import time
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from guyub.ledger.models import JournalEntry
from guyub.ledger.selectors import member_balance, trial_balance
from guyub.members.models import Member, SimpananTransaction
from guyub.members.simpanan import selectors as simpanan_reads
from guyub.members.simpanan import services as simpanan
from guyub.testing.concurrency import at_once
from guyub.testing.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DAY = dt.date(2025, 6, 2)


@pytest.fixture
def slow_receipts(monkeypatch):
    """Hold each operation a moment inside its transaction, after the balance check and
    the receipt number: without the locks, rivals would overlap right there."""
    original = simpanan._next_receipt

    def slow(member):
        number = original(member)
        time.sleep(0.3)
        return number

    monkeypatch.setattr(simpanan, "_next_receipt", slow)


def reload(member):
    with scopes_disabled():
        return Member.objects.get(pk=member.pk)


def test_two_withdrawals_exceeding_the_balance_together_cannot_both_succeed(coop, slow_receipts):
    member = MemberFactory(cooperative=coop, owner_name="Sri Wahyuni")
    with scope(cooperative=coop):
        simpanan.deposit_sukarela(member=member, actor=None, date=DAY, amount=100_000)

    def withdraw():
        return simpanan.withdraw(member=reload(member), actor=None, kind="sukarela", date=DAY,
                                 amount=70_000).pk

    results = at_once(coop, [withdraw, withdraw])

    assert sorted(kind for kind, _value in results) == ["ok", "refused"], results
    [refusal] = [value for kind, value in results if kind == "refused"]
    assert refusal == "Saldo simpanan sukarela tidak cukup: saldo Rp30.000, diminta Rp70.000."
    with scope(cooperative=coop):
        balance = simpanan_reads.balances(member)["sukarela"]
        assert balance == 30_000
        assert balance == member_balance(member=member, role="simpanan_sukarela")
        assert SimpananTransaction.objects.filter(type="withdrawal").count() == 1
        assert JournalEntry.objects.count() == 2
        rows = trial_balance(as_of=DAY)
        assert sum(r.debit for r in rows) == sum(r.credit for r in rows)


def test_many_rival_withdrawals_never_overdraw(coop):
    member = MemberFactory(cooperative=coop)
    with scope(cooperative=coop):
        simpanan.deposit_sukarela(member=member, actor=None, date=DAY, amount=100_000)

    def withdraw():
        return simpanan.withdraw(member=reload(member), actor=None, kind="sukarela", date=DAY,
                                 amount=30_000).pk

    results = at_once(coop, [withdraw] * 5)

    assert sorted(kind for kind, _value in results) == ["ok"] * 3 + ["refused"] * 2, results
    with scope(cooperative=coop):
        assert simpanan_reads.balances(member)["sukarela"] == 10_000
        assert member_balance(member=member, role="simpanan_sukarela") == 10_000


def test_deposits_of_two_members_at_the_same_moment_both_get_their_receipt(coop,
                                                                           slow_receipts):
    first, second = (MemberFactory(cooperative=coop) for _ in range(2))

    def deposit(member):
        return lambda: simpanan.deposit_sukarela(member=reload(member), actor=None, date=DAY,
                                                 amount=Decimal(25_000)).receipt_number

    results = at_once(coop, [deposit(first), deposit(second)])

    assert [kind for kind, _value in results] == ["ok", "ok"], results
    assert sorted(value for _kind, value in results) == [1, 2]
    with scope(cooperative=coop):
        for member in (first, second):
            assert simpanan_reads.balances(member)["sukarela"] == 25_000
            assert member_balance(member=member, role="simpanan_sukarela") == 25_000
