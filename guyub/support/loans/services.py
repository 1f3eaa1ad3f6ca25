"""Loan writes: the by-law settings, application, assessment, the board's decision
(four eyes), disbursement, repayment, early settlement and restructuring.

Every money step posts one balanced journal entry (source: the loan or the repayment;
the member on the receivable and interest lines, so the interest counts as the
member's business for the SHU). Interest is income when it is received (cash basis):
nothing is accrued, so restructuring or settling early waives unpaid interest without a
reversing entry.

Lock order, the same in every service, so two requests never wait on each other in a
circle: the member row (applications), the loan row, its instalment rows, the member's
simpanan sukarela account (inside members.simpanan.services), then the cooperative
row (loan numbers and post_entry's journal numbering).
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative, CoopRole
from guyub.core.money import format_rupiah
from guyub.core.roles import Role
from guyub.ledger.services import Line, post_entry
from guyub.members.models import Member
from guyub.members.simpanan.services import sukarela_against
from guyub.notifications.services import notify
from guyub.support import notices

from . import selectors
from .models import MAX_TERM_MONTHS, Instalment, Loan, LoanSettings, Method, PayMethod, Repayment
from .models import Restructuring as RestructuringRow
from .schedule import add_months, early_payoff, schedule

CASH_ACCOUNT = {PayMethod.CASH: "cash", PayMethod.BANK: "bank"}
MAX_AMOUNT = Decimal(10) ** 13  # fits the money columns (14 digits)


# --- helpers -------------------------------------------------------------------------

def _amount(value) -> Decimal:
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Jumlah tidak valid."), field="amount") from None
    if not value.is_finite() or value <= 0 or value != value.to_integral_value():
        raise DomainError(_("Jumlah harus rupiah utuh lebih dari nol."), field="amount")
    if value >= MAX_AMOUNT:
        raise DomainError(_("Jumlah terlalu besar."), field="amount")
    return value


def _term(value, limits: LoanSettings) -> int:
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Jangka waktu tidak valid."), field="term_months") from None
    if not 1 <= value <= limits.max_term_months:
        raise DomainError(_("Jangka waktu paling lama %(n)s bulan menurut AD/ART koperasi.")
                          % {"n": limits.max_term_months}, field="term_months")
    return value


def _method(value) -> str:
    if value not in Method.values:
        raise DomainError(_("Metode bunga tidak dikenal."), field="method")
    return value


def _locked(loan: Loan) -> Loan:
    return Loan.objects.select_related("member", "cooperative").select_for_update(
        of=("self",)).get(pk=loan.pk)


def _board(cooperative) -> list[int]:
    return list(CoopRole.objects.filter(cooperative=cooperative, role=Role.BOARD)
                .values_list("user_id", flat=True))


def loan_url(loan: Loan) -> str:
    return reverse("support:loan", args=[loan.cooperative.slug, loan.pk])


def member_loan_url(loan: Loan) -> str:
    return reverse("support:my_loan", args=[loan.cooperative.slug, loan.pk])


def _check_ceiling(member: Member, amount: Decimal, limits: LoanSettings,
                   excluding: Loan | None = None) -> None:
    room = selectors.ceiling(member, limits, excluding=excluding)
    if amount > room.available:
        raise DomainError(
            _("Jumlah melebihi plafon: paling banyak %(avail)s (%(mult)s × simpanan "
              "%(simpanan)s, dikurangi pinjaman berjalan %(owed)s).")
            % {"avail": format_rupiah(room.available), "mult": room_multiple(limits),
               "simpanan": format_rupiah(room.simpanan), "owed": format_rupiah(room.owed)},
            field="amount")


def room_multiple(limits: LoanSettings) -> str:
    return f"{limits.ceiling_multiple.normalize():f}".replace(".", ",")


def _require_user(actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Langkah ini harus dicatat oleh pengguna yang masuk."))


# --- settings --------------------------------------------------------------------------

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
    current.default_method = _method(default_method)
    current.grace_days = int(grace_days)
    current.updated_by = actor if getattr(actor, "pk", None) else None
    current.updated_at = timezone.now()
    current.full_clean(exclude=["cooperative", "updated_by"])
    current.save()
    after = {f: str(getattr(current, f)) for f in before}
    log_action(cooperative=cooperative, actor=actor, action="loan_settings.updated",
               changes={f: [before[f], after[f]] for f in before if before[f] != after[f]})
    return current


# --- application, assessment, decision -------------------------------------------------

@transaction.atomic
def apply(*, member: Member, actor, amount, term_months, purpose: str,
          method: str | None = None) -> Loan:
    """A loan application, by the member or by staff for them (`actor` is whoever typed
    it in). Within the ceiling and the maximum term; the rate is the by-laws' today."""
    _require_user(actor)
    member = Member.objects.select_for_update().get(pk=member.pk)  # queues rival applications
    if member.status != Member.Status.ACTIVE:
        raise DomainError(_("Hanya anggota aktif yang dapat mengajukan pinjaman."))
    limits = selectors.settings_of(member.cooperative)
    amount = _amount(amount)
    term = _term(term_months, limits)
    method = _method(method or limits.default_method)
    purpose = (purpose or "").strip()
    if not purpose:
        raise DomainError(_("Tuliskan keperluan pinjaman."), field="purpose")
    _check_ceiling(member, amount, limits)
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
           event_id=f"loan:{loan.pk}:applied", recipients=_board(loan.cooperative),
           link=loan_url(loan),
           params={"member": member.owner_name, "amount": format_rupiah(amount),
                   "term": str(term)})
    return loan


@transaction.atomic
def assess(*, loan: Loan, actor, note: str) -> Loan:
    """Staff's assessment notes on an application waiting for the board."""
    loan = _locked(loan)
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
    _require_user(actor)
    loan = _locked(loan)
    if actor.pk in {loan.member.user_id, loan.entered_by_id}:
        raise DomainError(_("Empat mata: keputusan harus diambil pengurus lain, bukan "
                            "peminjam atau orang yang mencatat pengajuan ini."),
                          code="conflict")
    reason = (reason or "").strip()
    if approve:
        loan.move_to(Loan.Status.APPROVED)
        # The member's simpanan may have changed since they applied.
        _check_ceiling(loan.member, loan.amount, selectors.settings_of(loan.cooperative),
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
               link=member_loan_url(loan),
               params={"number": loan.display_number, "amount": format_rupiah(loan.amount),
                       "decision": _("disetujui") if approve else _("ditolak"),
                       "reason": (" " + _("Alasan: %(r)s") % {"r": reason}) if reason and
                       not approve else ""})
    return loan


# --- money -----------------------------------------------------------------------------

def _write_schedule(loan: Loan, version: int, principal: Decimal, months: int,
                    monthly_rate: Decimal, method: str, first_due: dt.date) -> None:
    Instalment.objects.bulk_create([
        Instalment(cooperative=loan.cooperative, loan=loan, version=version, seq=row.seq,
                   due=row.due, principal=row.principal, interest=row.interest,
                   balance_after=row.balance_after)
        for row in schedule(principal, months, monthly_rate, method, first_due)])


@transaction.atomic
def disburse(*, loan: Loan, actor, date: dt.date, via: str,
             first_due: dt.date | None = None) -> Loan:
    """Pay an approved loan out: Dr loans receivable (the member) / Cr cash, bank or the
    member's simpanan sukarela; its schedule starts a month later unless set. The loan row
    lock and its status make a second disbursement of the same loan a refusal."""
    loan = _locked(loan)
    if loan.status == Loan.Status.ACTIVE or loan.status == Loan.Status.CLOSED:
        raise DomainError(_("Pinjaman ini sudah dicairkan."), code="conflict")
    loan.move_to(Loan.Status.ACTIVE, _("Hanya pinjaman yang disetujui dapat dicairkan."))
    if via not in PayMethod.values:
        raise DomainError(_("Cara pencairan tidak dikenal."), field="via")
    if not isinstance(date, dt.date) or date < timezone.localdate(loan.applied_at):
        raise DomainError(_("Tanggal pencairan tidak boleh sebelum tanggal pengajuan."),
                          field="date")
    if date > timezone.localdate():
        raise DomainError(_("Tanggal pencairan tidak boleh di masa depan."), field="date")
    first_due = first_due or add_months(date, 1)
    if first_due <= date or first_due > add_months(date, 12):
        raise DomainError(_("Angsuran pertama jatuh tempo setelah tanggal pencairan, paling "
                            "lambat setahun kemudian."), field="first_due")
    member = loan.member
    receivable = Line(account="loans_receivable", debit=loan.amount, member=member)
    description = _("Pencairan pinjaman %(number)s %(name)s") % {
        "number": loan.display_number, "name": member.owner_name}
    if via == PayMethod.SUKARELA:
        entry = sukarela_against(member=member, actor=actor, date=date, amount=loan.amount,
                                 deposit=True, counter=[receivable],
                                 description=description).entry
    else:
        entry = post_entry(cooperative=loan.cooperative, date=date, actor=actor,
                           description=description, source=loan, source_url=loan_url(loan),
                           lines=[receivable, Line(account=CASH_ACCOUNT[via],
                                                   credit=loan.amount)])
    loan.disbursed_on, loan.disbursed_via, loan.disbursement_entry = date, via, entry
    loan.schedule_version = 1
    loan.save(update_fields=["status", "disbursed_on", "disbursed_via", "disbursement_entry",
                             "schedule_version"])
    _write_schedule(loan, 1, loan.amount, loan.term_months, loan.monthly_rate, loan.method,
                    first_due)
    log_action(cooperative=loan.cooperative, actor=actor, action="loan.disbursed", obj=loan,
               amount=loan.amount, method=via, date=date, entry=entry.number)
    return loan


def _receive(*, loan: Loan, actor, date: dt.date, via: str, principal: Decimal,
             interest: Decimal, kind: str, instalment: Instalment | None,
             description: str) -> Repayment:
    """Write the repayment and its one entry: Dr cash|bank|simpanan sukarela / Cr loans
    receivable (principal) / Cr loan interest (interest), the member on both credits."""
    if via not in PayMethod.values:
        raise DomainError(_("Cara bayar tidak dikenal."), field="via")
    if not isinstance(date, dt.date) or (loan.disbursed_on and date < loan.disbursed_on):
        raise DomainError(_("Tanggal bayar tidak boleh sebelum tanggal pencairan."),
                          field="date")
    member = loan.member
    credits = [line for line in (
        Line(account="loans_receivable", credit=principal, member=member) if principal else None,
        Line(account="loan_interest", credit=interest, member=member) if interest else None,
    ) if line is not None]
    repayment = Repayment(cooperative=loan.cooperative, loan=loan, instalment=instalment,
                          kind=kind, date=date, principal=principal, interest=interest,
                          method=via, created_by=actor if getattr(actor, "pk", None) else None)
    if via == PayMethod.SUKARELA:
        # Through the simpanan service, so the sukarela balance row moves with its
        # sub-ledger and the member gets their simpanan receipt; the entry's source is
        # that simpanan transaction, which the repayment points to.
        tx = sukarela_against(member=member, actor=actor, date=date,
                              amount=principal + interest, deposit=False, counter=credits,
                              description=description)
        repayment.simpanan_transaction, repayment.entry = tx, tx.entry
        repayment.save()
    else:
        repayment.save()
        repayment.entry = post_entry(
            cooperative=loan.cooperative, date=date, actor=actor, description=description,
            source=repayment, source_url=loan_url(loan),
            lines=[Line(account=CASH_ACCOUNT[via], debit=principal + interest), *credits])
        repayment.save(update_fields=["entry"])
    return repayment


def _close_if_paid(loan: Loan, date: dt.date) -> None:
    if not selectors.unpaid(loan).exists():
        loan.move_to(Loan.Status.CLOSED)
        loan.closed_on = date
        loan.save(update_fields=["status", "closed_on"])


@transaction.atomic
def repay(*, instalment: Instalment, actor, date: dt.date, via: str) -> Repayment:
    """Pay one instalment notice in full, the oldest unpaid first. Locks the loan, then the
    instalment: a second payment of the same instalment finds it paid and is refused (the
    repayment's unique instalment is the database's own guard)."""
    loan = _locked(instalment.loan)
    instalment = Instalment.objects.select_for_update().get(pk=instalment.pk)
    if loan.status != Loan.Status.ACTIVE:
        raise DomainError(_("Pinjaman ini tidak sedang berjalan."), code="transition")
    if instalment.status != Instalment.Status.DUE or instalment.version != loan.schedule_version:
        raise DomainError(_("Angsuran ini sudah dibayar atau tidak berlaku lagi."),
                          code="conflict")
    oldest = selectors.next_due(loan)
    if oldest is not None and oldest.pk != instalment.pk:
        raise DomainError(_("Bayar dulu angsuran ke-%(seq)s (jatuh tempo lebih awal).")
                          % {"seq": oldest.seq}, code="conflict")
    repayment = _receive(
        loan=loan, actor=actor, date=date, via=via, principal=instalment.principal,
        interest=instalment.interest, kind=Repayment.Kind.INSTALMENT, instalment=instalment,
        description=_("Angsuran ke-%(seq)s pinjaman %(number)s %(name)s") % {
            "seq": instalment.seq, "number": loan.display_number,
            "name": loan.member.owner_name})
    instalment.status, instalment.paid_on = Instalment.Status.PAID, date
    instalment.save(update_fields=["status", "paid_on"])
    _close_if_paid(loan, date)
    log_action(cooperative=loan.cooperative, actor=actor, action="loan.repaid", obj=loan,
               seq=instalment.seq, principal=instalment.principal,
               interest=instalment.interest, method=via, date=date)
    return repayment


@transaction.atomic
def settle_early(*, loan: Loan, actor, date: dt.date, via: str) -> Repayment:
    """Pay the whole loan off before its term: the outstanding principal and the
    interest schedule.early_payoff names (overdue instalments' and the month in
    progress'); the remaining instalments are marked settled."""
    loan = _locked(loan)
    if loan.status != Loan.Status.ACTIVE:
        raise DomainError(_("Pinjaman ini tidak sedang berjalan."), code="transition")
    rows = list(selectors.unpaid(loan).select_for_update())
    principal, interest = early_payoff([selectors.as_row(row) for row in rows], date)
    if not rows:
        raise DomainError(_("Tidak ada angsuran yang tersisa."), code="conflict")
    repayment = _receive(
        loan=loan, actor=actor, date=date, via=via, principal=principal, interest=interest,
        kind=Repayment.Kind.EARLY, instalment=None,
        description=_("Pelunasan dipercepat pinjaman %(number)s %(name)s") % {
            "number": loan.display_number, "name": loan.member.owner_name})
    Instalment.objects.filter(pk__in=[row.pk for row in rows]).update(
        status=Instalment.Status.SETTLED, paid_on=date)
    _close_if_paid(loan, date)
    log_action(cooperative=loan.cooperative, actor=actor, action="loan.settled_early",
               obj=loan, principal=principal, interest=interest, method=via, date=date)
    return repayment


@transaction.atomic
def restructure(*, loan: Loan, actor, term_months, monthly_rate_pct, method: str,
                first_due: dt.date, reason: str) -> RestructuringRow:
    """The board reschedules the principal still owed: a new version of the schedule;
    the unpaid rows of the old one stay, marked superseded (their unpaid interest is
    waived: interest is income only when received). No money moves, so no entry."""
    loan = _locked(loan)
    if loan.status != Loan.Status.ACTIVE:
        raise DomainError(_("Hanya pinjaman berjalan yang dapat direstrukturisasi."),
                          code="transition")
    limits = selectors.settings_of(loan.cooperative)
    term = _term(term_months, limits)
    method = _method(method)
    try:
        rate = Decimal(monthly_rate_pct)
    except (InvalidOperation, TypeError, ValueError):
        rate = Decimal(-1)
    if not rate.is_finite() or not 0 <= rate <= 10 or rate != rate.quantize(Decimal("0.01")):
        raise DomainError(_("Jasa per bulan antara 0 dan 10 %."), field="monthly_rate_pct")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Tuliskan alasan restrukturisasi."), field="reason")
    if not isinstance(first_due, dt.date) or first_due <= timezone.localdate() \
            or first_due > add_months(timezone.localdate(), MAX_TERM_MONTHS):
        raise DomainError(_("Angsuran pertama harus jatuh tempo setelah hari ini."),
                          field="first_due")
    rows = list(selectors.unpaid(loan).select_for_update())
    owed = sum((row.principal for row in rows), Decimal(0))
    if not owed:
        raise DomainError(_("Tidak ada pokok yang tersisa."), code="conflict")
    version = loan.schedule_version + 1
    Instalment.objects.filter(pk__in=[row.pk for row in rows]).update(
        status=Instalment.Status.SUPERSEDED)
    loan.schedule_version = version
    loan.save(update_fields=["schedule_version"])
    _write_schedule(loan, version, owed, term, rate / 100, method, first_due)
    done = RestructuringRow.objects.create(
        cooperative=loan.cooperative, loan=loan, version=version, outstanding=owed,
        term_months=term, monthly_rate_pct=rate, method=method, first_due=first_due,
        reason=reason[:2000], decided_by=actor if getattr(actor, "pk", None) else None)
    log_action(cooperative=loan.cooperative, actor=actor, action="loan.restructured",
               obj=loan, amount=owed, months=term, rate_pct=rate, interest_method=method,
               version=version, reason=reason[:500])
    return done
