"""A loan's money: disbursement, instalments, early settlement, and restructuring
(which moves no money but reschedules what is owed)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.ledger.services import Line, post_entry
from guyub.members.simpanan.services import sukarela_against

from .. import selectors
from ..models import MAX_TERM_MONTHS, Instalment, Loan, PayMethod, Repayment
from ..models import Restructuring as RestructuringRow
from ..schedule import add_months, early_payoff, schedule
from . import common


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
    loan = common.locked(loan)
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
                           description=description, source=loan, source_url=common.loan_url(loan),
                           lines=[receivable, Line(account=common.CASH_ACCOUNT[via],
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
    # Payments are recorded in the order they were made: a date before the last one
    # would also let an early settlement be priced on an earlier day (less interest).
    last = loan.repayments.aggregate(last=Max("date"))["last"]
    if last is not None and date < last:
        raise DomainError(_("Tanggal bayar tidak boleh sebelum pembayaran terakhir "
                            "(%(date)s).") % {"date": last.strftime("%d-%m-%Y")},
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
            source=repayment, source_url=common.loan_url(loan),
            lines=[Line(account=common.CASH_ACCOUNT[via], debit=principal + interest), *credits])
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
    loan = common.locked(instalment.loan)
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
    loan = common.locked(loan)
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
    loan = common.locked(loan)
    if loan.status != Loan.Status.ACTIVE:
        raise DomainError(_("Hanya pinjaman berjalan yang dapat direstrukturisasi."),
                          code="transition")
    limits = selectors.settings_of(loan.cooperative)
    term = common.term(term_months, limits)
    method = common.method(method)
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
