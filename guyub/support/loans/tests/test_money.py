"""Every money step of a loan posts one balanced entry and keeps the member's loan
receivable equal to the principal still owed: disbursement (cash, bank, into sukarela),
instalments (cash, from sukarela), early settlement, restructuring."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.ledger.models import JournalEntry
from guyub.ledger.selectors import member_balance
from guyub.members.simpanan.selectors import balances
from guyub.support.loans import selectors, services
from guyub.support.loans.models import Instalment, Loan, Repayment
from guyub.support.loans.schedule import add_months
from guyub.testing import loans as world

from .books import assert_books_agree

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = timezone.localdate


def lines(entry):
    return sorted((line.account.role, line.debit, line.credit, line.member_id)
                  for line in entry.lines.select_related("account"))


@pytest.mark.parametrize("via", ["cash", "bank"])
def test_disbursement_debits_the_members_receivable(coop, member, board, via):
    loan = world.running(member, 3_000_000, via=via)
    with scope(cooperative=coop):
        assert lines(loan.disbursement_entry) == sorted([
            ("loans_receivable", D(3_000_000), 0, member.pk), (via, 0, D(3_000_000), None)])
        rows = list(selectors.current_schedule(loan))
        assert len(rows) == 6 and sum(r.principal for r in rows) == 3_000_000
        assert rows[0].due == add_months(loan.disbursed_on, 1)
        assert_books_agree(loan)


def test_disbursement_into_sukarela_credits_the_members_savings(coop, member):
    loan = world.running(member, 1_000_000, via="sukarela")
    with scope(cooperative=coop):
        assert balances(member)["sukarela"] == D(3_000_000)
        assert member_balance(member=member, role="simpanan_sukarela") == D(3_000_000)
        assert lines(loan.disbursement_entry) == sorted([
            ("loans_receivable", D(1_000_000), 0, member.pk),
            ("simpanan_sukarela", 0, D(1_000_000), member.pk)])
        assert_books_agree(loan)


def test_a_loan_is_disbursed_once_and_only_when_approved(coop, member, board):
    waiting = world.applied(member, 1_000_000)
    loan = world.running(member, 1_000_000)
    with scope(cooperative=coop):
        with pytest.raises(DomainError, match="disetujui"):
            services.disburse(loan=waiting, actor=board, date=TODAY(), via="cash")
        with pytest.raises(DomainError, match="sudah dicairkan"):
            services.disburse(loan=loan, actor=board, date=TODAY(), via="cash")
        assert JournalEntry.objects.filter(source_type="support.loan").count() == 1


def test_instalments_split_into_principal_and_interest(coop, member, board):
    loan = world.running(member, 3_000_000)  # declining, 1.5 % a month
    with scope(cooperative=coop):
        first = selectors.next_due(loan)
        assert (first.principal, first.interest) == (D(500_000), D(45_000))
        repayment = services.repay(instalment=first, actor=board, date=TODAY(), via="cash")
        assert lines(repayment.entry) == sorted([
            ("cash", D(545_000), 0, None),
            ("loans_receivable", 0, D(500_000), member.pk),
            ("loan_interest", 0, D(45_000), member.pk)])
        assert member_balance(member=member, role="loans_receivable") == D(2_500_000)
        assert_books_agree(loan)
        with pytest.raises(DomainError, match="sudah dibayar"):
            services.repay(instalment=first, actor=board, date=TODAY(), via="cash")


def test_the_oldest_instalment_is_paid_first(coop, member, board):
    loan = world.running(member, 3_000_000)
    with scope(cooperative=coop):
        second = selectors.current_schedule(loan)[1]
        with pytest.raises(DomainError, match="ke-1"):
            services.repay(instalment=second, actor=board, date=TODAY(), via="cash")
        assert not Repayment.objects.exists()


def test_paying_from_sukarela_moves_the_savings_and_the_receivable(coop, member, board):
    loan = world.running(member, 3_000_000)
    with scope(cooperative=coop):
        first = selectors.next_due(loan)
        repayment = services.repay(instalment=first, actor=board, date=TODAY(),
                                   via="sukarela")
        assert balances(member)["sukarela"] == D(2_000_000) - D(545_000)
        assert lines(repayment.entry) == sorted([
            ("simpanan_sukarela", D(545_000), 0, member.pk),
            ("loans_receivable", 0, D(500_000), member.pk),
            ("loan_interest", 0, D(45_000), member.pk)])
        assert repayment.simpanan_transaction.amount == D(545_000)
        assert_books_agree(loan)


def test_too_little_sukarela_is_refused_and_nothing_is_written(coop, member, board):
    loan = world.running(member, 6_000_000, term=2)  # 3.000.000 + interest each month
    with scope(cooperative=coop):
        entries = JournalEntry.objects.count()
        with pytest.raises(DomainError, match="tidak cukup"):
            services.repay(instalment=selectors.next_due(loan), actor=board, date=TODAY(),
                           via="sukarela")
        assert JournalEntry.objects.count() == entries
        assert not Repayment.objects.exists()
        assert selectors.next_due(loan).status == Instalment.Status.DUE
        assert balances(member)["sukarela"] == D(2_000_000)


def test_the_last_instalment_closes_the_loan(coop, member, board):
    loan = world.running(member, 1_000_000, term=2)
    with scope(cooperative=coop):
        for _ in range(2):
            services.repay(instalment=selectors.next_due(loan), actor=board, date=TODAY(),
                           via="bank")
        loan.refresh_from_db()
        assert loan.status == Loan.Status.CLOSED and loan.closed_on == TODAY()
        assert_books_agree(loan)


def test_early_settlement_waives_later_interest(coop, member, board):
    # Disbursed today: nothing is due yet; settling costs the principal and the first
    # month's interest only.
    loan = world.running(member, 3_000_000, on=TODAY())
    with scope(cooperative=coop):
        repayment = services.settle_early(loan=loan, actor=board, date=TODAY(), via="cash")
        assert (repayment.principal, repayment.interest) == (D(3_000_000), D(45_000))
        loan.refresh_from_db()
        assert loan.status == Loan.Status.CLOSED
        assert set(loan.instalments.values_list("status", flat=True)) == {"settled"}
        assert_books_agree(loan)
        with pytest.raises(DomainError):
            services.settle_early(loan=loan, actor=board, date=TODAY(), via="cash")


def test_restructuring_keeps_the_old_schedule(coop, member, board):
    loan = world.running(member, 3_000_000)
    with scope(cooperative=coop):
        services.repay(instalment=selectors.next_due(loan), actor=board, date=TODAY(),
                       via="cash")
        first_due = TODAY() + dt.timedelta(days=20)
        done = services.restructure(loan=loan, actor=board, term_months=10,
                                    monthly_rate_pct=D("1.0"), method="flat",
                                    first_due=first_due, reason="Gagal panen")
        loan.refresh_from_db()
        assert done.version == loan.schedule_version == 2 and done.outstanding == 2_500_000
        new = list(selectors.current_schedule(loan))
        assert len(new) == 10 and sum(r.principal for r in new) == 2_500_000
        assert {r.interest for r in new} == {D(25_000)} and new[0].due == first_due
        assert loan.instalments.filter(status="superseded").count() == 5
        assert loan.instalments.filter(status="paid").count() == 1
        assert_books_agree(loan)
        with pytest.raises(DomainError) as refused:
            services.restructure(loan=loan, actor=board, term_months=99,
                                 monthly_rate_pct=1, method="flat", first_due=first_due,
                                 reason="x")
        assert refused.value.field == "term_months"


def test_instalments_of_a_superseded_schedule_cannot_be_paid(coop, member, board):
    loan = world.running(member, 3_000_000)
    with scope(cooperative=coop):
        old = selectors.next_due(loan)
        services.restructure(loan=loan, actor=board, term_months=6, monthly_rate_pct=1,
                             method="flat", first_due=TODAY() + dt.timedelta(days=30),
                             reason="Sakit")
        with pytest.raises(DomainError, match="tidak berlaku"):
            services.repay(instalment=old, actor=board, date=TODAY(), via="cash")


@pytest.mark.parametrize(("days_before_applied", "first_due_days", "field"), [
    (1, None, "date"), (0, 0, "first_due"), (0, 400, "first_due"), (-2_000_000, None, "date")])
def test_impossible_disbursement_dates_are_refused(coop, member, board, days_before_applied,
                                                    first_due_days, field):
    loan = world.approved(member, 1_000_000)
    applied_on = timezone.localdate(loan.applied_at)
    date = applied_on - dt.timedelta(days=days_before_applied)
    first_due = date + dt.timedelta(days=first_due_days) if first_due_days is not None \
        else None
    with scope(cooperative=coop), pytest.raises(DomainError) as refused:
        services.disburse(loan=loan, actor=board, date=date, via="cash", first_due=first_due)
    assert refused.value.field == field
    with scope(cooperative=coop):
        loan.refresh_from_db()
        assert loan.status == Loan.Status.APPROVED and not loan.instalments.exists()


def test_a_payment_cannot_be_dated_before_the_last_one(coop, member, board):
    # Disbursed 92 days ago: the first instalment is paid today; settling the loan "as
    # of" a month ago would price it on that day (less interest) and is refused.
    loan = world.running(member, 3_000_000)
    with scope(cooperative=coop):
        services.repay(instalment=selectors.next_due(loan), actor=board, date=TODAY(),
                       via="cash")
        entries = JournalEntry.objects.count()
        with pytest.raises(DomainError, match="pembayaran terakhir"):
            services.settle_early(loan=loan, actor=board,
                                  date=TODAY() - dt.timedelta(days=30), via="cash")
        assert JournalEntry.objects.count() == entries
        loan.refresh_from_db()
        assert loan.status == Loan.Status.ACTIVE
