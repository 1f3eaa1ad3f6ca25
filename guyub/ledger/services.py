"""The only way to write to the books."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative
from guyub.core.money import format_rupiah

from .chart import TEMPLATE
from .dates import check_entry_date
from .models import ZERO, Account, EntryKind, JournalEntry, JournalLine, PeriodClose


@dataclass(frozen=True)
class Line:
    """One side of an entry. `account` is an Account or a system role such as "cash"."""

    account: Account | str
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    member: object = None


def create_chart(*, cooperative: Cooperative) -> None:
    Account.objects.bulk_create(
        [Account(cooperative=cooperative, code=code, name=name, type=type_, role=role)
         for code, name, type_, role in TEMPLATE],
        ignore_conflicts=True,
    )


def account_for(cooperative: Cooperative, role: str) -> Account:
    try:
        return Account.objects.get(cooperative=cooperative, role=role)
    except Account.DoesNotExist:
        raise DomainError(_("Akun sistem '%(role)s' tidak ada.") % {"role": role}) from None


def closed_through(cooperative: Cooperative) -> dt.date | None:
    return (PeriodClose.objects.filter(cooperative=cooperative)
            .aggregate(d=Max("closed_through"))["d"])


def _check_lines(lines: list[Line]) -> None:
    if len(lines) < 2:
        raise DomainError(_("Jurnal harus punya paling sedikit dua baris."))
    total_debit = total_credit = ZERO
    for line in lines:
        debit, credit = Decimal(line.debit or 0), Decimal(line.credit or 0)
        # NaN cannot be compared (InvalidOperation) and Infinity "balances" Infinity:
        # refuse both before any arithmetic, with the message every caller understands.
        if not (debit.is_finite() and credit.is_finite()):
            raise DomainError(_("Jumlah harus dalam rupiah utuh."))
        if debit < 0 or credit < 0:
            raise DomainError(_("Jumlah debit atau kredit tidak boleh negatif."))
        if (debit > 0) == (credit > 0):
            raise DomainError(_("Setiap baris harus berisi debit atau kredit, tidak keduanya."))
        if debit != debit.to_integral_value() or credit != credit.to_integral_value():
            raise DomainError(_("Jumlah harus dalam rupiah utuh."))
        total_debit += debit
        total_credit += credit
    if total_debit != total_credit:
        raise DomainError(_("Jurnal tidak seimbang: debit %(d)s, kredit %(c)s.")
                          % {"d": format_rupiah(total_debit), "c": format_rupiah(total_credit)})


def _lock(cooperative: Cooperative) -> None:
    Cooperative.objects.select_for_update(no_key=True).filter(pk=cooperative.pk).first()


@transaction.atomic
def post_entry(*, cooperative: Cooperative, date: dt.date, description: str,
               lines: list[Line], actor=None, source=None, source_url: str = "",
               reverses: JournalEntry | None = None,
               kind: str = EntryKind.REGULAR) -> JournalEntry:
    """Post one balanced entry. Refuses empty, unbalanced or malformed entries, and dates
    no money event could have (see dates.check_entry_date). Only the year-end's own
    entries (closing, adjusting) may be dated in a closed period: finance.closing posts
    those, with its own checks and audit entries, into the year it closes or closed."""
    _check_lines(lines)
    if kind not in EntryKind.values:
        raise ValueError(f"unknown entry kind {kind!r}")
    members = {line.member.pk: line.member for line in lines if line.member is not None}
    # The cooperative row lock serialises numbering (entry numbers have no gaps or twins)
    # and the period checks: taken before the closed date is read, so a close committing
    # meanwhile (close_period takes it too) is seen here and refused with a message,
    # not by the database guard at insert.
    # NO KEY: the queue must not block other transactions' foreign-key checks on the
    # cooperative row (every insert of theirs takes one at commit): that deadlocked a
    # checkout against a cancellation posting its reversal.
    _lock(cooperative)
    check_entry_date(cooperative=cooperative, date=date, members=members.values(),
                     closed_through=(closed_through(cooperative)
                                     if kind == EntryKind.REGULAR else None))
    accounts = {}
    for line in lines:
        key = line.account if isinstance(line.account, str) else line.account.pk
        if key not in accounts:
            account = (account_for(cooperative, line.account) if isinstance(line.account, str)
                       else line.account)
            if account.cooperative_id != cooperative.pk:
                raise DomainError(_("Akun bukan milik koperasi ini."))
            accounts[key] = account
    number = (JournalEntry.objects.filter(cooperative=cooperative)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    entry = JournalEntry.objects.create(
        cooperative=cooperative, number=number, date=date, description=description[:255],
        source_type=source._meta.label_lower if source is not None else "",
        source_id=str(source.pk) if source is not None else "",
        source_url=source_url, reverses=reverses, kind=kind,
        posted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    JournalLine.objects.bulk_create([
        JournalLine(
            cooperative=cooperative, entry=entry, date=date,
            account=accounts[line.account if isinstance(line.account, str) else line.account.pk],
            debit=Decimal(line.debit or 0), credit=Decimal(line.credit or 0),
            member=line.member, kind=kind,
        )
        for line in lines
    ])
    return entry


@transaction.atomic
def reverse_entry(*, entry: JournalEntry, date: dt.date, reason: str, actor) -> JournalEntry:
    """Correct an entry by posting its mirror image; the original stays as it was."""
    entry = JournalEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.reverses_id is not None:
        raise DomainError(_("Jurnal pembalik tidak dapat dibalik lagi; catat jurnal baru."))
    if entry.kind == EntryKind.CLOSING:
        # Its year is locked: a correction is an adjusting entry in that year.
        raise DomainError(_("Jurnal penutup tidak dapat dibalik; catat jurnal penyesuaian "
                            "untuk tahun buku itu."))
    if JournalEntry.objects.filter(reverses=entry).exists():
        raise DomainError(_("Jurnal ini sudah dibalik."))
    if not reason.strip():
        raise DomainError(_("Alasan pembalikan wajib diisi."), field="reason")
    lines = [Line(account=line.account, debit=line.credit, credit=line.debit, member=line.member)
             for line in entry.lines.select_related("account")]
    reversal = post_entry(
        cooperative=entry.cooperative, date=date, actor=actor, reverses=entry, lines=lines,
        description=_("Pembalikan %(no)s: %(reason)s") % {"no": entry.display_number,
                                                           "reason": reason},
        source_url=entry.source_url,
    )
    log_action(cooperative=entry.cooperative, actor=actor, action="journal.reversed", obj=entry,
               reversal=reversal.display_number, reason=reason)
    return reversal


@transaction.atomic
def add_account(*, cooperative: Cooperative, actor, code: str, name: str, type: str) -> Account:
    if Account.objects.filter(cooperative=cooperative, code=code).exists():
        raise DomainError(_("Kode akun %(code)s sudah dipakai.") % {"code": code}, field="code")
    account = Account.objects.create(cooperative=cooperative, code=code, name=name, type=type)
    log_action(cooperative=cooperative, actor=actor, action="account.created", obj=account)
    return account


@transaction.atomic
def delete_account(*, account: Account, actor) -> None:
    if account.role:
        raise DomainError(_("Akun sistem tidak dapat dihapus."))
    if JournalLine.objects.filter(account=account).exists():
        raise DomainError(_("Akun yang sudah punya transaksi tidak dapat dihapus."))
    log_action(cooperative=account.cooperative, actor=actor, action="account.deleted",
               obj=account)
    account.delete()


@transaction.atomic
def close_period(*, cooperative: Cooperative, actor, through: dt.date) -> PeriodClose:
    _lock(cooperative)  # a posting in flight commits first, or sees this close
    current = closed_through(cooperative)
    if current is not None and through <= current:
        raise DomainError(_("Buku sudah ditutup sampai %(d)s.") % {"d": current}, field="through")
    close = PeriodClose.objects.create(cooperative=cooperative, closed_through=through,
                                       closed_by=actor)
    log_action(cooperative=cooperative, actor=actor, action="period.closed", obj=None,
               through=through)
    return close
