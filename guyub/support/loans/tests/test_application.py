"""Applying for a loan and the board's decision: the by-law limits, four eyes, the
rejection's reason, and who is told."""

import pytest
from django_scopes import scope

from guyub.core.audit import AuditLog
from guyub.core.errors import DomainError
from guyub.notifications.models import Notice
from guyub.support.loans import services
from guyub.support.loans.models import Loan
from guyub.testing import loans as world

pytestmark = pytest.mark.django_db


def apply(member, actor, amount, term=6, **kwargs):
    with scope(cooperative=member.cooperative):
        return services.apply(member=member, actor=actor, amount=amount, term_months=term,
                              purpose="Modal kerja", **kwargs)


def test_member_applies_within_ceiling_and_the_board_is_told(member, member_user, board):
    loan = apply(member, member_user, 6_000_000)  # exactly 3 × Rp2.000.000
    assert loan.status == Loan.Status.APPLIED and loan.display_number == "PJ-00001"
    assert loan.monthly_rate_pct == world.limits(member.cooperative).monthly_rate_pct
    with scope(cooperative=member.cooperative):
        assert Notice.objects.filter(user=board, topic="support.loan_applied").exists()
        assert AuditLog.objects.filter(action="loan.applied", object_id=str(loan.pk)).exists()


@pytest.mark.parametrize(("amount", "term", "field"), [
    (6_000_001, 6, "amount"),       # over the ceiling (3 × simpanan)
    (1_000_000, 25, "term_months"),  # over the maximum term (24)
    (1_000_000, 0, "term_months"),
    (0, 6, "amount"), (-5, 6, "amount"), ("12,5", 6, "amount"), ("NaN", 6, "amount"),
    (10**20, 6, "amount"),
])
def test_applications_outside_the_by_laws_are_refused(member, member_user, amount, term,
                                                       field):
    with pytest.raises(DomainError) as refused:
        apply(member, member_user, amount, term)
    assert refused.value.field == field
    with scope(cooperative=member.cooperative):
        assert not Loan.objects.exists()


def test_open_loans_use_up_the_ceiling(member, member_user):
    apply(member, member_user, 4_000_000)
    with pytest.raises(DomainError, match="plafon"):
        apply(member, member_user, 2_500_000)
    apply(member, member_user, 2_000_000)


def test_four_eyes_the_borrower_and_the_clerk_may_not_approve(coop, member, member_user,
                                                               staff, board, make_user):
    own = apply(member, member_user, 1_000_000)
    entered = apply(member, staff, 1_000_000)
    with scope(cooperative=coop):
        for loan, actor in [(own, member_user), (entered, staff)]:
            with pytest.raises(DomainError, match="Empat mata"):
                services.decide(loan=loan, actor=actor, approve=True)
            loan.refresh_from_db()
            assert loan.status == Loan.Status.APPLIED
        assert services.decide(loan=own, actor=board, approve=True).status == "approved"
        assert services.decide(loan=entered, actor=board, approve=True).decided_by == board


def test_rejection_needs_a_reason_and_tells_the_member(coop, member, member_user, board):
    loan = apply(member, member_user, 1_000_000)
    with scope(cooperative=coop):
        with pytest.raises(DomainError) as refused:
            services.decide(loan=loan, actor=board, approve=False, reason="  ")
        assert refused.value.field == "reason"
        services.decide(loan=loan, actor=board, approve=False, reason="Usaha belum berjalan")
        loan.refresh_from_db()
        assert loan.status == Loan.Status.REJECTED
        notice = Notice.objects.get(user=member_user, topic="support.loan_decided")
        assert notice.params["reason"].endswith("Usaha belum berjalan")
        with pytest.raises(DomainError):
            services.decide(loan=loan, actor=board, approve=True)


def test_assessment_notes_only_while_applied(coop, member, member_user, staff, board):
    loan = apply(member, member_user, 1_000_000)
    with scope(cooperative=coop):
        services.assess(loan=loan, actor=staff, note="Usaha sehat, omzet stabil.")
        loan.refresh_from_db()
        assert loan.assessment == "Usaha sehat, omzet stabil." and loan.assessed_by == staff
        services.decide(loan=loan, actor=board, approve=True)
        with pytest.raises(DomainError):
            services.assess(loan=loan, actor=staff, note="Terlambat")


def test_inactive_member_cannot_apply(member, member_user):
    member.status = "exited"
    member.save()
    with pytest.raises(DomainError, match="aktif"):
        apply(member, member_user, 1_000_000)
