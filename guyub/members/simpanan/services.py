"""Simpanan (member capital and savings) writes: every write posts its journal entry in the
same database transaction, and keeps the member's balance row equal to the sub-ledger."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative
from guyub.core.money import format_rupiah
from guyub.ledger.services import Line, post_entry
from guyub.members.models import Member

from . import notices
from .models import SIMPANAN_ACCOUNT_ROLE, SimpananAccount, SimpananKind, SimpananTransaction

Kind = SimpananKind
TxType = SimpananTransaction.Type
MAX_WAJIB_MONTHS = 60
METHOD_ACCOUNT = {"cash": "cash", "bank": "bank"}


def _locked_account(member: Member, kind: str) -> SimpananAccount:
    account, _created = SimpananAccount.objects.get_or_create(
        cooperative=member.cooperative, member=member, kind=kind)
    return SimpananAccount.objects.select_for_update().get(pk=account.pk)


def _next_receipt(member: Member) -> int:
    # Receipt numbers run per cooperative, across members. Without this row lock two
    # cashiers serving two members at the same moment read the same last number and one
    # of them fails on the unique constraint (a 500). post_entry takes the same lock
    # right after, for the journal number, so the lock order does not change.
    Cooperative.objects.select_for_update(no_key=True).filter(pk=member.cooperative_id).first()
    last = (SimpananTransaction.objects.filter(cooperative=member.cooperative)
            .aggregate(n=Max("receipt_number"))["n"] or 0)
    return last + 1


def _record(*, member: Member, kind: str, type_: str, amount: Decimal, date: dt.date,
            method: str, actor, months: int = 0, note: str = "",
            description: str, counter: Line | list[Line] | None = None) -> SimpananTransaction:
    """Post the entry, write the transaction, move the balance: all or nothing.

    The other side of the entry is cash or bank by `method`, unless `counter` names
    another account (a withdrawal that settles what the member owes, say), or several
    (an instalment paid from sukarela: the loan's principal and its interest).
    """
    if method not in METHOD_ACCOUNT:
        raise DomainError(_("Cara bayar tidak dikenal."), field="method")
    account = _locked_account(member, kind)
    cash = counter or Line(account=METHOD_ACCOUNT[method],
                           debit=amount if type_ == TxType.DEPOSIT else 0,
                           credit=amount if type_ != TxType.DEPOSIT else 0)
    others = cash if isinstance(cash, list) else [cash]
    capital = Line(account=SIMPANAN_ACCOUNT_ROLE[kind], member=member,
                   credit=amount if type_ == TxType.DEPOSIT else 0,
                   debit=amount if type_ != TxType.DEPOSIT else 0)
    # The transaction is written first so the journal entry, which can never be
    # changed afterwards, is born knowing its source.
    tx = SimpananTransaction.objects.create(
        cooperative=member.cooperative, member=member, kind=kind, type=type_, amount=amount,
        months=months, date=date, method=method, receipt_number=_next_receipt(member),
        note=note, created_by=actor if getattr(actor, "pk", None) else None,
    )
    tx.entry = post_entry(
        cooperative=member.cooperative, date=date, actor=actor, description=description,
        lines=[*others, capital], source=tx, source_url=source_url(member),
    )
    tx.save(update_fields=["entry"])
    account.balance += amount if type_ == TxType.DEPOSIT else -amount
    account.months_paid += months
    account.save(update_fields=["balance", "months_paid"])
    log_action(cooperative=member.cooperative, actor=actor, action=f"simpanan.{kind}.{type_}",
               obj=member, amount=amount, receipt=tx.receipt_display, months=months)
    notices.receipt(tx, account.balance)
    return tx


def source_url(member: Member) -> str:
    return reverse("members:detail", args=[member.cooperative.slug, member.pk]) + "#simpanan"


def _positive_amount(amount) -> Decimal:
    try:
        amount = Decimal(amount)
    except Exception:
        raise DomainError(_("Jumlah tidak valid."), field="amount") from None
    # "NaN" and "Infinity" parse as Decimals; NaN cannot even be compared with zero.
    if not amount.is_finite() or amount <= 0 or amount != amount.to_integral_value():
        raise DomainError(_("Jumlah harus rupiah utuh lebih dari nol."), field="amount")
    return amount


def _require_active(member: Member) -> None:
    if member.status != Member.Status.ACTIVE:
        raise DomainError(_("Hanya anggota aktif yang dapat bertransaksi simpanan."))


@transaction.atomic
def pay_pokok(*, member: Member, actor, date: dt.date, method: str = "cash") -> \
        SimpananTransaction | None:
    """The once-only principal share, at the by-law amount. None when the by-laws set none."""
    amount = member.cooperative.simpanan_pokok_amount
    if not amount:
        return None
    if SimpananTransaction.objects.filter(member=member, kind=Kind.POKOK,
                                          type=TxType.DEPOSIT).exists():
        raise DomainError(_("Simpanan pokok anggota ini sudah dibayar."))
    return _record(member=member, kind=Kind.POKOK, type_=TxType.DEPOSIT, amount=amount, date=date,
                   method=method, actor=actor,
                   description=_("Simpanan pokok %(name)s") % {"name": member.owner_name})


@transaction.atomic
def pay_wajib(*, member: Member, actor, date: dt.date, months: int,
              method: str = "cash") -> SimpananTransaction:
    """Monthly dues for one or more months at the by-law amount."""
    _require_active(member)
    if not 1 <= int(months) <= MAX_WAJIB_MONTHS:
        raise DomainError(_("Jumlah bulan harus antara 1 dan %(n)s.") % {"n": MAX_WAJIB_MONTHS},
                          field="months")
    monthly = member.cooperative.simpanan_wajib_amount
    if not monthly:
        raise DomainError(_("AD/ART koperasi ini tidak menetapkan simpanan wajib."))
    return _record(member=member, kind=Kind.WAJIB, type_=TxType.DEPOSIT, amount=monthly * months,
                   months=int(months), date=date, method=method, actor=actor,
                   description=_("Simpanan wajib %(name)s, %(n)s bulan")
                   % {"name": member.owner_name, "n": months})


@transaction.atomic
def deposit_sukarela(*, member: Member, actor, date: dt.date, amount,
                     method: str = "cash", note: str = "") -> SimpananTransaction:
    _require_active(member)
    amount = _positive_amount(amount)
    return _record(member=member, kind=Kind.SUKARELA, type_=TxType.DEPOSIT, amount=amount,
                   date=date, method=method, actor=actor, note=note,
                   description=_("Setoran simpanan sukarela %(name)s")
                   % {"name": member.owner_name})


@transaction.atomic
def withdraw(*, member: Member, actor, kind: str, date: dt.date, amount,
             method: str = "cash", note: str = "") -> SimpananTransaction:
    """Only simpanan sukarela can be withdrawn, and never beyond its balance."""
    if kind != Kind.SUKARELA:
        raise DomainError(_("Simpanan pokok dan wajib tidak dapat ditarik selama masih "
                            "menjadi anggota; dananya dikembalikan saat keluar."), field="kind")
    _require_active(member)
    amount = _positive_amount(amount)
    account = _locked_account(member, Kind.SUKARELA)  # the lock that queues rival withdrawals
    if amount > account.balance:
        raise DomainError(_("Saldo simpanan sukarela tidak cukup: saldo %(bal)s, diminta %(amt)s.")
                          % {"bal": format_rupiah(account.balance),
                             "amt": format_rupiah(amount)}, field="amount")
    return _record(member=member, kind=Kind.SUKARELA, type_=TxType.WITHDRAWAL, amount=amount,
                   date=date, method=method, actor=actor, note=note,
                   description=_("Penarikan simpanan sukarela %(name)s")
                   % {"name": member.owner_name})


@transaction.atomic
def pay_debt_from_sukarela(*, member: Member, actor, date: dt.date, amount,
                           description: str) -> SimpananTransaction:
    """Settle something the member owes the cooperative (a collective purchase, say)
    from their simpanan sukarela, at their request: never beyond the balance."""
    _require_active(member)
    amount = _positive_amount(amount)
    account = _locked_account(member, Kind.SUKARELA)
    if amount > account.balance:
        raise DomainError(_("Saldo simpanan sukarela tidak cukup: saldo %(bal)s, diminta %(amt)s.")
                          % {"bal": format_rupiah(account.balance),
                             "amt": format_rupiah(amount)}, field="amount")
    return _record(member=member, kind=Kind.SUKARELA, type_=TxType.WITHDRAWAL, amount=amount,
                   date=date, method="cash", actor=actor, note=description[:200],
                   description=description,
                   counter=Line(account="receivable_members", credit=amount, member=member))


@transaction.atomic
def sukarela_against(*, member: Member, actor, date: dt.date, amount, deposit: bool,
                     counter: list[Line], description: str) -> SimpananTransaction:
    """Move simpanan sukarela against other accounts instead of cash, keeping the
    balance row equal to the sub-ledger: a loan paid out into the member's sukarela
    (deposit; `counter` debits the loan receivable) or an instalment paid from it
    (withdrawal, never beyond the balance; `counter` credits the loan's principal and
    interest). The lines of `counter` must add up to `amount` (the entry must balance)."""
    _require_active(member)
    amount = _positive_amount(amount)
    if not deposit:
        account = _locked_account(member, Kind.SUKARELA)
        if amount > account.balance:
            raise DomainError(
                _("Saldo simpanan sukarela tidak cukup: saldo %(bal)s, diminta %(amt)s.")
                % {"bal": format_rupiah(account.balance), "amt": format_rupiah(amount)},
                field="amount")
    return _record(member=member, kind=Kind.SUKARELA,
                   type_=TxType.DEPOSIT if deposit else TxType.WITHDRAWAL, amount=amount,
                   date=date, method="cash", actor=actor, note=description[:200],
                   description=description, counter=list(counter))


def transfer_sukarela(*, member: Member, actor, date: dt.date, amount, to_sukarela: bool,
                      account: str, description: str) -> SimpananTransaction:
    """Move money between the member's simpanan sukarela and ONE other account of the
    cooperative (the solidarity fund, say) in one entry, with no cash changing hands:
    into sukarela (Dr `account` / Cr sukarela) or out of it (Dr sukarela / Cr `account`,
    never beyond the balance)."""
    amount = _positive_amount(amount)
    counter = (Line(account=account, debit=amount) if to_sukarela
               else Line(account=account, credit=amount))
    return sukarela_against(member=member, actor=actor, date=date, amount=amount,
                            deposit=to_sukarela, counter=[counter], description=description)


@transaction.atomic
def settle_exit(*, member: Member, actor, date: dt.date, method: str = "cash") \
        -> list[SimpananTransaction]:
    """On leaving: return pokok, wajib and sukarela minus what the member owes, as ONE entry.

    What the member owes (their receivable sub-ledger) is offset first; the rest is
    paid out. If the debt exceeds the simpanan, the remainder stays owed.
    """
    from guyub.ledger.selectors import member_balance

    if method not in METHOD_ACCOUNT:
        raise DomainError(_("Cara bayar tidak dikenal."), field="method")
    accounts = [_locked_account(member, kind) for kind in (Kind.POKOK, Kind.WAJIB, Kind.SUKARELA)]
    accounts = [a for a in accounts if a.balance > 0]
    total = sum((a.balance for a in accounts), Decimal(0))
    if not total:
        return []
    owed = max(member_balance(member=member, role="receivable_members"), Decimal(0))
    offset = min(owed, total)
    payout = total - offset
    lines = [Line(account=SIMPANAN_ACCOUNT_ROLE[a.kind], debit=a.balance, member=member)
             for a in accounts]
    if offset:
        lines.append(Line(account="receivable_members", credit=offset, member=member))
    if payout:
        lines.append(Line(account=METHOD_ACCOUNT[method], credit=payout))
    receipt = _next_receipt(member)
    transactions = [
        SimpananTransaction.objects.create(
            cooperative=member.cooperative, member=member, kind=a.kind, type=TxType.SETTLEMENT,
            amount=a.balance, date=date, method=method, receipt_number=receipt,
            note=_("dikurangi utang %(owed)s") % {"owed": format_rupiah(offset)} if offset else "",
            created_by=actor if getattr(actor, "pk", None) else None)
        for a in accounts
    ]
    entry = post_entry(
        cooperative=member.cooperative, date=date, actor=actor, lines=lines,
        source=transactions[0], source_url=source_url(member),
        description=_("Pengembalian simpanan %(name)s (keluar): %(total)s, dikurangi utang "
                      "%(offset)s, dibayar %(payout)s")
        % {"name": member.owner_name, "total": format_rupiah(total),
           "offset": format_rupiah(offset), "payout": format_rupiah(payout)},
    )
    SimpananTransaction.objects.filter(pk__in=[t.pk for t in transactions]).update(entry=entry)
    for a in accounts:
        a.balance = Decimal(0)
        a.save(update_fields=["balance"])
    log_action(cooperative=member.cooperative, actor=actor, action="simpanan.settlement",
               obj=member, total=total, offset=offset, payout=payout)
    return transactions
