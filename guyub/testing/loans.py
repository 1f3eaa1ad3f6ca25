"""Member loans for tests: a member with simpanan (so they have a ceiling), the
cooperative's limits, and loans taken through the services to the step a test needs
(applied, approved, running with its schedule). `loans_walk_world` builds the records
the permission and tenant walks point the loan pages at."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

from guyub.members.simpanan import services as simpanan
from guyub.support.loans import services as loans
from guyub.support.loans.models import Loan, LoanSettings
from guyub.testing.factories import UserFactory

SAVED_ON = dt.date(2025, 1, 10)


def limits(cooperative, **changes) -> LoanSettings:
    values = {"ceiling_multiple": Decimal(3), "max_term_months": 24,
              "monthly_rate_pct": Decimal("1.5"), "default_method": "declining",
              "grace_days": 7, **changes}
    with scope(cooperative=cooperative):
        return loans.save_settings(cooperative=cooperative, actor=None, **values)


def save(member, amount, actor=None) -> None:
    """`amount` of simpanan sukarela for `member` (their ceiling is 3× it by default)."""
    with scope(cooperative=member.cooperative):
        simpanan.deposit_sukarela(member=member, actor=actor, date=SAVED_ON, amount=amount)


def applied(member, amount=3_000_000, *, by=None, term=6, method="declining"):
    by = by or member.user or UserFactory()
    with scope(cooperative=member.cooperative):
        return loans.apply(member=member, actor=by, amount=amount, term_months=term,
                           purpose="Modal kerja: bahan baku", method=method)


def approved(member, amount=3_000_000, **kwargs):
    loan = applied(member, amount, **kwargs)
    with scope(cooperative=member.cooperative):
        return loans.decide(loan=loan, actor=UserFactory(), approve=True)


def running(member, amount=3_000_000, *, on=None, via="cash", first_due=None, **kwargs):
    """Disbursed `on` (default: three months ago, so instalments are due)."""
    loan = approved(member, amount, **kwargs)
    on = on or timezone.localdate() - dt.timedelta(days=92)
    with scope(cooperative=member.cooperative):
        # Applied for (and decided) before the day it was paid out.
        Loan.objects.filter(pk=loan.pk).update(applied_at=timezone.make_aware(
            dt.datetime.combine(on - dt.timedelta(days=7), dt.time(9))))
        loan.refresh_from_db()
        return loans.disburse(loan=loan, actor=UserFactory(), date=on, via=via,
                              first_due=first_due)


def loans_walk_world(cooperative, user, member) -> dict:
    """`member` (logged in as `user`) has an application waiting and a running loan with
    its schedule; an instalment of it is the one the pay pages point at."""
    limits(cooperative)
    save(member, 10_000_000, actor=user)
    waiting = applied(member, 1_000_000, by=UserFactory())
    loan = running(member, 2_000_000, by=UserFactory())
    with scope(cooperative=cooperative):
        instalment = loan.instalments.order_by("seq").first()
    return {"loan_applied": waiting, "loan": loan, "instalment": instalment}
