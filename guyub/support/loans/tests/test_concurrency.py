"""Two officers (or an officer and the member) acting on the same loan at the same moment
(PostgreSQL: parallel connections and row locks): a loan is disbursed once, an instalment
paid once, and the books still agree."""

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.ledger.models import JournalEntry
from guyub.support.loans import selectors, services
from guyub.support.loans.models import Repayment
from guyub.testing import loans as world
from guyub.testing.concurrency import at_once

from .books import assert_books_agree

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_disbursements_of_one_loan_count_once(coop, member, board, staff):
    loan = world.approved(member, 2_000_000)
    today = timezone.localdate()
    results = at_once(coop, [
        lambda: services.disburse(loan=loan, actor=board, date=today, via="cash").pk,
        lambda: services.disburse(loan=loan, actor=staff, date=today, via="sukarela").pk,
    ])
    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    with scope(cooperative=coop):
        loan.refresh_from_db()
        assert loan.instalments.count() == loan.term_months
        assert_books_agree(loan)
    with scopes_disabled():
        disbursed = JournalEntry.objects.filter(
            cooperative=coop, lines__account__role="loans_receivable",
            lines__debit__gt=0).distinct().count()
    assert disbursed == 1


def test_two_payments_of_one_instalment_count_once(coop, member, member_user, board):
    loan = world.running(member, 1_000_000)
    today = timezone.localdate()
    with scope(cooperative=coop):
        row = selectors.next_due(loan)
    results = at_once(coop, [
        lambda: services.repay(instalment=row, actor=board, date=today, via="cash").pk,
        lambda: services.repay(instalment=row, actor=member_user, date=today,
                               via="sukarela").pk,
        lambda: services.repay(instalment=row, actor=board, date=today, via="bank").pk,
    ])
    assert sorted(kind for kind, _ in results) == ["ok", "refused", "refused"], results
    with scope(cooperative=coop):
        assert Repayment.objects.filter(instalment=row).count() == 1
        assert_books_agree(loan)


def test_two_applications_at_once_stay_within_the_ceiling(coop, member, member_user, staff):
    # Rp6.000.000 of room: each asks 4.000.000, so only one may be recorded.
    results = at_once(coop, [
        lambda: services.apply(member=member, actor=member_user, amount=4_000_000,
                               term_months=6, purpose="Modal").pk,
        lambda: services.apply(member=member, actor=staff, amount=4_000_000,
                               term_months=6, purpose="Modal").pk,
    ])
    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
