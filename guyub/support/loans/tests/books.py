"""What the loan tests check in the books after every step."""

from decimal import Decimal

from django.utils import timezone

from guyub.ledger.selectors import member_balance, trial_balance
from guyub.support.loans import selectors


def assert_books_agree(loan) -> None:
    """The trial balance balances, and the member's loan receivable equals the principal
    still owed on the loan's current schedule."""
    rows = trial_balance(as_of=timezone.localdate())
    assert sum(r.debit for r in rows) == sum(r.credit for r in rows)
    loan.refresh_from_db()
    owed = selectors.outstanding(loan) if loan.status == "active" else Decimal(0)
    assert member_balance(member=loan.member, role="loans_receivable") == owed
