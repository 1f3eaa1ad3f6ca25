"""Simpanan sukarela deposits and withdrawals; every transaction posts its entry, all or nothing."""

import datetime as dt

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.ledger.models import JournalEntry, JournalLine
from guyub.ledger.services import close_period
from guyub.members.models import SimpananTransaction
from guyub.members.simpanan import services as simpanan
from guyub.testing.factories import MemberFactory

from .helpers import (
    DAY,
    Kind,
    Status,
    assert_books_agree,
    balances,
    counts,
    deposit,
    lines_of,
    pay_wajib,
    run,
    withdraw,
)

pytestmark = pytest.mark.django_db


# --- simpanan sukarela -------------------------------------------------------------------

def test_a_sukarela_deposit_and_withdrawal_move_the_balance_and_the_books(coop, board, member):
    deposited = run(coop, simpanan.deposit_sukarela, member=member, actor=board, date=DAY,
                    amount="1250000", note="Hasil panen")
    assert (deposited.kind, deposited.type, deposited.amount, deposited.note) == (
        Kind.SUKARELA, "deposit", 1_250_000, "Hasil panen")
    assert lines_of(deposited.entry) == [("cash", 1_250_000, 0, None),
                                         ("simpanan_sukarela", 0, 1_250_000, member.pk)]
    withdrawn = withdraw(member, 250_000, method="bank")
    assert lines_of(withdrawn.entry) == [("bank", 0, 250_000, None),
                                         ("simpanan_sukarela", 250_000, 0, member.pk)]
    assert withdrawn.signed_amount == -250_000
    assert balances(member) == {Kind.POKOK: 0, Kind.WAJIB: 0, Kind.SUKARELA: 1_000_000}
    with scope(cooperative=coop):
        log = AuditLog.objects.get(action="simpanan.sukarela.deposit")
    assert (log.actor, log.data["amount"], log.data["receipt"]) == (board, "1250000",
                                                                    "BS-000001")
    assert_books_agree(member)


def test_the_whole_balance_can_be_withdrawn(coop, member):
    deposit(member, 50_000)
    withdraw(member, 50_000)
    assert balances(member)[Kind.SUKARELA] == 0
    assert_books_agree(member)


def test_a_withdrawal_above_the_balance_is_refused_naming_the_balance(coop, member):
    deposit(member, 50_000)
    before = counts(coop)
    with pytest.raises(DomainError) as refused:
        withdraw(member, 50_001)
    assert refused.value.field == "amount"
    assert refused.value.message == ("Saldo simpanan sukarela tidak cukup: saldo Rp50.000, "
                                     "diminta Rp50.001.")
    assert counts(coop) == before
    assert balances(member)[Kind.SUKARELA] == 50_000


def test_a_withdrawal_without_any_savings_is_refused(coop, member):
    with pytest.raises(DomainError, match="saldo Rp0"):
        withdraw(member, 1)
    assert counts(coop)[:2] == (0, 0)


@pytest.mark.parametrize("kind", [Kind.POKOK, Kind.WAJIB])
def test_pokok_and_wajib_cannot_be_withdrawn_while_a_member(coop, member, kind):
    run(coop, simpanan.pay_pokok, member=member, actor=None, date=DAY)
    pay_wajib(member, 4)
    before = counts(coop)
    with pytest.raises(DomainError, match="tidak dapat ditarik selama masih menjadi anggota"):
        withdraw(member, 25_000, kind=kind)
    assert counts(coop) == before
    assert_books_agree(member)


@pytest.mark.parametrize("amount", [0, -5_000, "1000.5", "seribu", None, "NaN", "sNaN",
                                    "Infinity", "-Infinity"])
def test_a_sukarela_amount_must_be_whole_rupiah_above_zero(coop, member, amount):
    with pytest.raises(DomainError) as refused:
        deposit(member, amount)
    assert refused.value.field == "amount"
    deposit(member, 10_000)
    with pytest.raises(DomainError):
        withdraw(member, amount)
    assert counts(coop)[:2] == (1, 1)


def test_an_unknown_payment_method_is_refused(coop, member):
    with pytest.raises(DomainError, match="Cara bayar tidak dikenal") as refused:
        deposit(member, 10_000, method="cek")
    assert refused.value.field == "method"
    assert counts(coop) == (0, 0, 0)


@pytest.mark.parametrize("status", [Status.APPLICANT, Status.REJECTED, Status.EXITED,
                                    Status.EXPELLED])
def test_only_an_active_member_can_transact(coop, status):
    member = MemberFactory(cooperative=coop, status=status)
    for operation in (lambda: deposit(member, 10_000), lambda: pay_wajib(member, 1),
                      lambda: withdraw(member, 10_000)):
        with pytest.raises(DomainError, match="Hanya anggota aktif"):
            operation()
    assert counts(coop) == (0, 0, 0)


# --- every transaction has its entry, all or nothing ---------------------------------------

def test_every_simpanan_transaction_has_its_own_entry_pointing_back(coop, member):
    made = [run(coop, simpanan.pay_pokok, member=member, actor=None, date=DAY),
            pay_wajib(member, 2), deposit(member, 30_000), withdraw(member, 10_000)]
    with scopes_disabled():
        for tx in made:
            entry = JournalEntry.objects.get(pk=tx.entry_id)
            assert (entry.source_type, entry.source_id) == ("members.simpanantransaction",
                                                            str(tx.pk))
            assert entry.source_url == f"/k/{coop.slug}/anggota/{member.pk}/#simpanan"
            assert entry.date == tx.date
            assert sum(ln.debit for ln in entry.lines.all()) == tx.amount
    assert [tx.receipt_display for tx in made] == ["BS-000001", "BS-000002", "BS-000003",
                                                   "BS-000004"]
    assert_books_agree(member)


def test_an_entry_that_cannot_be_posted_leaves_no_transaction_behind(coop, board, member):
    deposit(member, 80_000, date=dt.date(2025, 3, 31))
    with scope(cooperative=coop):
        close_period(cooperative=coop, actor=board, through=dt.date(2025, 3, 31))
    before = counts(coop)
    # The transaction row is written before the entry; the refused entry takes it along.
    for operation in (lambda: deposit(member, 10_000, date=dt.date(2025, 3, 1)),
                      lambda: withdraw(member, 10_000, date=dt.date(2025, 3, 1)),
                      lambda: pay_wajib(member, 1, date=dt.date(2025, 3, 1))):
        with pytest.raises(DomainError, match="sudah ditutup"):
            operation()
    assert counts(coop) == before
    assert balances(member)[Kind.SUKARELA] == 80_000
    with scope(cooperative=coop):
        assert not AuditLog.objects.filter(action="simpanan.sukarela.withdrawal").exists()
    assert_books_agree(member)


def test_a_refused_withdrawal_leaves_no_rows(coop, member):
    deposit(member, 10_000)
    with scopes_disabled():
        before = (SimpananTransaction.objects.count(), JournalEntry.objects.count(),
                  JournalLine.objects.count(), AuditLog.objects.count())
    with pytest.raises(DomainError):
        withdraw(member, 10_001)
    with scopes_disabled():
        assert (SimpananTransaction.objects.count(), JournalEntry.objects.count(),
                JournalLine.objects.count(), AuditLog.objects.count()) == before
