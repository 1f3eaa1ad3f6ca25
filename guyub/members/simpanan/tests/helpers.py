"""Helpers shared by the simpanan service tests: run an operation in the cooperative's
scope, count rows, read the books."""

import datetime as dt
from decimal import Decimal

from django_scopes import scope, scopes_disabled

from guyub.ledger import selectors as ledger
from guyub.ledger.models import JournalEntry
from guyub.ledger.services import Line, post_entry
from guyub.members.models import Member, SimpananAccount, SimpananKind, SimpananTransaction
from guyub.members.simpanan import selectors as simpanan_reads
from guyub.members.simpanan import services as simpanan
from guyub.members.simpanan.models import SIMPANAN_ACCOUNT_ROLE

Kind = SimpananKind
Status = Member.Status
DAY = dt.date(2025, 3, 10)


def lines_of(entry) -> list[tuple]:
    """(role, debit, credit, member id) of each line, in posting order."""
    with scopes_disabled():
        return [(ln.account.role, ln.debit, ln.credit, ln.member_id)
                for ln in entry.lines.select_related("account").order_by("id")]


def counts(coop) -> tuple[int, int, int]:
    with scopes_disabled():
        return (SimpananTransaction.objects.filter(cooperative=coop).count(),
                JournalEntry.objects.filter(cooperative=coop).count(),
                SimpananAccount.objects.filter(cooperative=coop, balance__gt=0).count())


def balances(member) -> dict:
    with scope(cooperative=member.cooperative):
        return simpanan_reads.balances(member)


def assert_books_agree(member):
    """The member's balance rows equal their sub-ledgers, and the books balance."""
    with scope(cooperative=member.cooperative):
        for kind, role in SIMPANAN_ACCOUNT_ROLE.items():
            assert simpanan_reads.balances(member)[kind] == ledger.member_balance(
                member=member, role=role), kind
        rows = ledger.trial_balance(as_of=dt.date(2100, 1, 1))
        assert sum(r.debit for r in rows) == sum(r.credit for r in rows)


def run(coop, operation, **kwargs):
    with scope(cooperative=coop):
        return operation(**kwargs)


def deposit(member, amount, date=DAY, **kwargs):
    return run(member.cooperative, simpanan.deposit_sukarela, member=member, actor=None,
               date=date, amount=amount, **kwargs)


def withdraw(member, amount, kind=Kind.SUKARELA, date=DAY, **kwargs):
    return run(member.cooperative, simpanan.withdraw, member=member, actor=None, kind=kind,
               date=date, amount=amount, **kwargs)


def pay_wajib(member, months, date=DAY, **kwargs):
    return run(member.cooperative, simpanan.pay_wajib, member=member, actor=None, date=date,
               months=months, **kwargs)


def owe(member, amount):
    """The member bought on credit: Dr piutang anggota (member) / Cr pendapatan."""
    with scope(cooperative=member.cooperative):
        return post_entry(cooperative=member.cooperative, date=DAY,
                          description="Pembelian bahan baku secara kredit", lines=[
                              Line(account="receivable_members", debit=Decimal(amount),
                                   member=member),
                              Line(account="income_members", credit=Decimal(amount))])
