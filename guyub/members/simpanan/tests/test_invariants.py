"""Invariants of simpanan under any sequence of operations (Hypothesis).

Whatever members do — deposits, withdrawals (too large ones included, which must be
refused), wajib payments, buying on credit, leaving at the end — the books balance, no
sukarela balance goes below zero, and every member's balance row equals their
sub-ledger in the journal.
"""

import datetime as dt
from decimal import Decimal

from django_scopes import scope
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from guyub.core.errors import DomainError
from guyub.ledger.selectors import member_balance, member_balances, trial_balance
from guyub.ledger.services import Line, post_entry
from guyub.members import services
from guyub.members.models import Member, SimpananKind, SimpananTransaction
from guyub.members.simpanan import selectors as simpanan_reads
from guyub.members.simpanan import services as simpanan
from guyub.members.simpanan.models import SIMPANAN_ACCOUNT_ROLE
from guyub.testing.factories import CooperativeFactory, MemberFactory

Kind = SimpananKind
MEMBERS = 2
START = dt.date(2025, 1, 1)

who = st.integers(min_value=0, max_value=MEMBERS - 1)
rupiah = st.integers(min_value=1, max_value=500_000)
day = st.integers(min_value=0, max_value=364).map(lambda n: START + dt.timedelta(days=n))
operation = st.one_of(
    st.tuples(st.just("deposit"), who, rupiah, day),
    st.tuples(st.just("withdraw"), who, rupiah, day),
    st.tuples(st.just("wajib"), who, st.integers(min_value=1, max_value=12), day),
    st.tuples(st.just("owe"), who, rupiah, day),
)


def check_invariants(members: list[Member], expected_sukarela: dict[int, Decimal]) -> None:
    """A handful of queries whatever the number of operations, so many examples stay fast."""
    rows = trial_balance(as_of=dt.date(2100, 1, 1))
    assert sum(r.debit for r in rows) == sum(r.credit for r in rows)
    ledger = member_balances(roles=list(SIMPANAN_ACCOUNT_ROLE.values()))
    history = {}
    for t in SimpananTransaction.objects.all():
        history[t.member_id, t.kind] = history.get((t.member_id, t.kind), 0) + t.signed_amount
    for member in members:
        balances = simpanan_reads.balances(member)
        assert balances[Kind.SUKARELA] >= 0
        assert balances[Kind.SUKARELA] == expected_sukarela[member.pk]
        for kind, role in SIMPANAN_ACCOUNT_ROLE.items():
            assert balances[kind] == ledger.get((member.pk, role), 0), kind
            assert balances[kind] == history.get((member.pk, kind), 0), kind


class SimpananInvariantTests(TestCase):
    @settings(max_examples=25, deadline=None)
    @given(operations=st.lists(operation, max_size=10), leaves=st.booleans())
    def test_any_sequence_of_operations_keeps_the_books_and_balances_equal(self, operations,
                                                                           leaves):
        coop = CooperativeFactory()
        members = [MemberFactory(cooperative=coop, join_date=START) for _ in range(MEMBERS)]
        expected = {m.pk: Decimal(0) for m in members}
        with scope(cooperative=coop):
            simpanan.pay_pokok(member=members[0], actor=None, date=START)
            for name, index, value, date in operations:
                member = members[index]
                self.apply(name, member, value, date, expected)
                check_invariants(members, expected)
            if leaves:
                self.leave(members[0], expected)
                check_invariants(members, expected)

    def apply(self, name, member, value, date, expected):
        if name == "deposit":
            simpanan.deposit_sukarela(member=member, actor=None, date=date, amount=value)
            expected[member.pk] += value
        elif name == "withdraw":
            if value > expected[member.pk]:
                with self.assertRaises(DomainError):
                    simpanan.withdraw(member=member, actor=None, kind=Kind.SUKARELA, date=date,
                                      amount=value)
            else:
                simpanan.withdraw(member=member, actor=None, kind=Kind.SUKARELA, date=date,
                                  amount=value)
                expected[member.pk] -= value
        elif name == "wajib":
            simpanan.pay_wajib(member=member, actor=None, date=date, months=value)
        else:  # bought on credit from the cooperative
            post_entry(cooperative=member.cooperative, date=date, description="Kredit",
                       lines=[Line(account="receivable_members", debit=Decimal(value),
                                   member=member),
                              Line(account="income_members", credit=Decimal(value))])

    def leave(self, member, expected):
        owed = member_balance(member=member, role="receivable_members")
        held = sum(simpanan_reads.balances(member).values(), Decimal(0))
        services.change_status(member=member, actor=None, to_status=Member.Status.EXITED,
                               date=dt.date(2026, 1, 5), reason="Pindah")
        expected[member.pk] = Decimal(0)
        assert simpanan_reads.balances(member) == {Kind.POKOK: 0, Kind.WAJIB: 0, Kind.SUKARELA: 0}
        # What is owed is offset first; only a debt larger than the simpanan remains.
        assert member_balance(member=member, role="receivable_members") == max(owed - held, 0)
