"""The by-law settings and a loan's way to the board's decision: application (by the
member or by staff for them), assessment notes, approval or rejection (four eyes)."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative
from guyub.core.money import format_rupiah
from guyub.members.models import Member
from guyub.notifications.services import notify
from guyub.support import notices

from .. import selectors
from ..models import Loan, LoanSettings
from . import common


@transaction.atomic
def save_settings(*, cooperative: Cooperative, actor, ceiling_multiple, max_term_months: int,
                  monthly_rate_pct, default_method: str, grace_days: int) -> LoanSettings:
    """The board sets the by-law limits; loans already applied for keep their terms."""
    current = selectors.settings_of(cooperative)
    if current.pk:
        current = LoanSettings.objects.select_for_update().get(pk=current.pk)
    before = {f: str(getattr(current, f)) for f in
              ("ceiling_multiple", "max_term_months", "monthly_rate_pct", "default_method",
               "grace_days")}
    current.ceiling_multiple = Decimal(ceiling_multiple)
    current.max_term_months = int(max_term_months)
    current.monthly_rate_pct = Decimal(monthly_rate_pct)
    current.default_method = common.method(default_method)
    current.grace_days = int(grace_days)
    current.updated_by = actor if getattr(actor, "pk", None) else None
    current.updated_at = timezone.now()
    current.full_clean(exclude=["cooperative", "updated_by"])
    current.save()
    after = {f: str(getattr(current, f)) for f in before}
    log_action(cooperative=cooperative, actor=actor, action="loan_settings.updated",
               changes={f: [before[f], after[f]] for f in before if before[f] != after[f]})
    return current


@transaction.atomic
def apply(*, member: Member, actor, amount, term_months, purpose: str,
          method: str | None = None) -> Loan:
    """A loan application, by the member or by staff for them (`actor` is whoever typed
    it in). Within the ceiling and the maximum term; the rate is the by-laws' today."""
    common.require_user(actor)
    # Queues rival applications of the member. NO KEY: a simpanan deposit that has taken
    # the cooperative row (its receipt number) may still insert a row pointing at the
    # member (a KEY SHARE lock), so the two cannot wait on each other in a circle.
    member = Member.objects.select_for_update(no_key=True).get(pk=member.pk)
    if member.status != Member.Status.ACTIVE:
        raise DomainError(_("Hanya anggota aktif yang dapat mengajukan pinjaman."))
    limits = selectors.settings_of(member.cooperative)
    amount = common.amount(amount)
    term = common.term(term_months, limits)
    method = common.method(method or limits.default_method)
    purpose = (purpose or "").strip()
    if not purpose:
        raise DomainError(_("Tuliskan keperluan pinjaman."), field="purpose")
    common.check_ceiling(member, amount, limits)
    Cooperative.objects.select_for_update(no_key=True).filter(pk=member.cooperative_id).first()
    number = (Loan.objects.filter(cooperative=member.cooperative)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    loan = Loan.objects.create(
        cooperative=member.cooperative, number=number, member=member, amount=amount,
        term_months=term, monthly_rate_pct=limits.monthly_rate_pct, method=method,
        purpose=purpose[:300], entered_by=actor)
    log_action(cooperative=loan.cooperative, actor=actor, action="loan.applied", obj=loan,
               member=member.pk, amount=amount, months=term, method=method)
    notify(cooperative=loan.cooperative, topic=notices.LOAN_APPLIED,
           event_id=f"loan:{loan.pk}:applied", recipients=common.board(loan.cooperative),
           link=common.loan_url(loan),
           params={"member": member.owner_name, "amount": format_rupiah(amount),
                   "term": str(term)})
    return loan


@transaction.atomic
def assess(*, loan: Loan, actor, note: str) -> Loan:
    """Staff's assessment notes on an application waiting for the board."""
    loan = common.locked(loan)
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Tuliskan catatan penilaian."), field="note")
    if loan.status != Loan.Status.APPLIED:
        raise DomainError(_("Penilaian hanya untuk pinjaman yang masih diajukan."),
                          code="transition")
    loan.assessment = note[:4000]
    loan.assessed_by = actor if getattr(actor, "pk", None) else None
    loan.assessed_at = timezone.now()
    loan.save(update_fields=["assessment", "assessed_by", "assessed_at"])
    log_action(cooperative=loan.cooperative, actor=actor, action="loan.assessed", obj=loan,
               note=note[:500])
    return loan


@transaction.atomic
def decide(*, loan: Loan, actor, approve: bool, reason: str = "") -> Loan:
    """The board's decision. Four eyes: the approver is neither the member who borrows
    nor the person who entered the application."""
    common.require_user(actor)
    loan = common.locked(loan)
    if actor.pk in {loan.member.user_id, loan.entered_by_id}:
        raise DomainError(_("Empat mata: keputusan harus diambil pengurus lain, bukan "
                            "peminjam atau orang yang mencatat pengajuan ini."),
                          code="conflict")
    reason = (reason or "").strip()
    if approve:
        loan.move_to(Loan.Status.APPROVED)
        # The member's simpanan may have changed since they applied.
        common.check_ceiling(loan.member, loan.amount, selectors.settings_of(loan.cooperative),
                       excluding=loan)
    else:
        if not reason:
            raise DomainError(_("Tuliskan alasan penolakan."), field="reason")
        loan.move_to(Loan.Status.REJECTED)
        loan.rejection_reason = reason[:500]
    loan.decided_by, loan.decided_at = actor, timezone.now()
    loan.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
    log_action(cooperative=loan.cooperative, actor=actor,
               action="loan.approved" if approve else "loan.rejected", obj=loan,
               amount=loan.amount, reason=reason[:500])
    if loan.member.user_id:
        notify(cooperative=loan.cooperative, topic=notices.LOAN_DECIDED,
               event_id=f"loan:{loan.pk}:decided", recipients=[loan.member.user_id],
               link=common.member_loan_url(loan),
               params={"number": loan.display_number, "amount": format_rupiah(loan.amount),
                       "decision": _("disetujui") if approve else _("ditolak"),
                       "reason": (" " + _("Alasan: %(r)s") % {"r": reason}) if reason and
                       not approve else ""})
    return loan
