"""The money of a booking, through the ledger: the fee charged to the member's account
when the booking holds the asset, released (reversed) when it is cancelled in time or
refused. Settling what is charged (cash, bank, simpanan sukarela), deposits and late
or damage charges at hand-over live here too.

A member's fee is member business (SAK EP: participation income, asset_fees_members,
and it counts toward their SHU); a non-member renter's is income from non-members.

How the money moves (each step ONE balanced entry, source the booking, the member on the
member sub-ledger lines):
- charge: Dr receivable_members (member) / Cr asset_fees_members; a non-member's:
  Dr receivable_buyers / Cr asset_fees_non_members.
- pay in cash or bank: Dr cash|bank / Cr the same receivable. From simpanan sukarela:
  members.simpanan's pay_debt_from_sukarela, Dr simpanan_sukarela / Cr
  receivable_members (its entry's source is the simpanan transaction).
- check-out with a deposit: Dr cash|bank / Cr asset_deposits (member).
- check-in: late fee and damage charge Dr receivable / Cr income_other; the deposit
  Dr asset_deposits, used first against those charges (Cr receivable) and the rest
  returned (Cr cash|bank). Whatever the deposit does not cover stays owed on the
  member's account (their receivable), like any other debt to the cooperative.

Lock order: the booking row first (select_for_update), then the member's simpanan
account (sukarela payments), then the cooperative row, which post_entry takes last.
Two payments of one booking therefore queue on the booking row, and the second finds
it paid."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.money import format_rupiah
from guyub.ledger.services import Line, post_entry, reverse_entry
from guyub.members.simpanan.services import pay_debt_from_sukarela

from ..assets.services import MAX_PHOTO_BYTES, PHOTO_FORMATS
from ..bookings.models import Booking, Handover
from . import rules, selectors

METHOD_ACCOUNT = {"cash": "cash", "bank": "bank"}


def _charge_lines(booking: Booking, amount) -> list[Line]:
    if booking.member_id is not None:
        return [Line(account="receivable_members", debit=amount, member=booking.member),
                Line(account="asset_fees_members", credit=amount)]
    return [Line(account="receivable_buyers", debit=amount),
            Line(account="asset_fees_non_members", credit=amount)]


@transaction.atomic
def charge_booking(*, booking: Booking, actor) -> None:
    """Charge the booking's fee once (the caller holds the booking's row lock). A free
    booking posts nothing."""
    if booking.charge_entry_id is not None or not booking.fee:
        return
    booking.charge_entry = post_entry(
        cooperative=booking.cooperative, date=timezone.localdate(),
        description=_("Biaya pemakaian %(asset)s, pemesanan %(number)s")
        % {"asset": booking.asset.name, "number": str(booking)},
        lines=_charge_lines(booking, booking.fee), actor=actor, source=booking)
    booking.save(update_fields=["charge_entry"])


@transaction.atomic
def release_charge(*, booking: Booking, actor, reason: str) -> None:
    """Reverse the fee of a booking cancelled within the free period or refused. A fee
    already paid in cash or by bank is handed back the same way, in a second entry
    (Dr the receivable / Cr cash|bank); one paid from simpanan sukarela stays as a
    credit on the member's account (their receivable), which their next charge uses:
    putting it back into sukarela here would lock their simpanan account after the
    cooperative row, against the order every simpanan write takes."""
    if booking.charge_entry_id is None:
        return
    today = timezone.localdate()
    reverse_entry(entry=booking.charge_entry, date=today, reason=reason[:200], actor=actor)
    if booking.paid_entry_id is None or booking.payment not in METHOD_ACCOUNT:
        return
    post_entry(
        cooperative=booking.cooperative, date=today, actor=actor, source=booking,
        description=_("Pengembalian biaya pemesanan %(number)s (%(asset)s)")
        % {"number": str(booking), "asset": booking.asset.name},
        lines=[_receivable(booking, debit=booking.fee),
               Line(account=METHOD_ACCOUNT[booking.payment], credit=booking.fee)])


def _locked(booking: Booking) -> Booking:
    return (Booking.objects.select_for_update(of=("self",))
            .select_related("asset", "member", "cooperative").get(pk=booking.pk))


def _receivable(booking: Booking, *, debit=Decimal(0), credit=Decimal(0)) -> Line:
    if booking.member_id is not None:
        return Line(account="receivable_members", debit=debit, credit=credit,
                    member=booking.member)
    return Line(account="receivable_buyers", debit=debit, credit=credit)


def _money_account(method: str) -> str:
    if method not in METHOD_ACCOUNT:
        raise DomainError(_("Cara bayar tidak dikenal."), field="method")
    return METHOD_ACCOUNT[method]


@transaction.atomic
def pay_booking(*, booking: Booking, actor, method: str) -> Booking:
    """Settle the booking's charged fee: in cash or by bank (recorded by staff), or from
    the member's simpanan sukarela (by staff at the member's request, or by the member).
    Paid once: a second payment, even at the same moment, is refused."""
    booking = _locked(booking)
    if method != Booking.Payment.SUKARELA:
        _money_account(method)
    if booking.paid_entry_id is not None:
        raise DomainError(_("Biaya pemesanan ini sudah dibayar."), code="conflict")
    due = selectors.fee_due(booking)
    if not due:
        raise DomainError(_("Tidak ada biaya yang perlu dibayar untuk pemesanan ini."),
                          code="conflict")
    today = timezone.localdate()
    description = (_("Pembayaran biaya %(asset)s, pemesanan %(number)s")
                   % {"asset": booking.asset.name, "number": str(booking)})
    if method == Booking.Payment.SUKARELA:
        if booking.member_id is None:
            raise DomainError(_("Penyewa non-anggota tidak punya simpanan sukarela."),
                              field="method")
        entry = pay_debt_from_sukarela(member=booking.member, actor=actor, date=today,
                                       amount=due, description=description).entry
    else:
        entry = post_entry(cooperative=booking.cooperative, date=today,
                           description=description, actor=actor, source=booking,
                           lines=[Line(account=_money_account(method), debit=due),
                                  _receivable(booking, credit=due)])
    booking.paid_entry, booking.payment = entry, method
    booking.save(update_fields=["paid_entry", "payment"])
    log_action(cooperative=booking.cooperative, actor=actor, action="booking.paid",
               obj=booking, amount=due, method=method)
    return booking


def _photo_name(photo, booking: Booking, kind: str) -> str:
    """Check the hand-over photo is a real JPG, PNG or WebP within the size; its name."""
    if photo.size > MAX_PHOTO_BYTES:
        raise DomainError(_("Foto terlalu besar (maksimal 8 MB)."), field="photo")
    try:
        photo.seek(0)
        with Image.open(photo) as image:
            fmt = image.format
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError,
            SyntaxError):
        raise DomainError(_("Berkas bukan gambar yang dapat dibaca."), field="photo") from None
    finally:
        photo.seek(0)
    if fmt not in PHOTO_FORMATS:
        raise DomainError(_("Foto harus JPG, PNG atau WebP."), field="photo")
    return f"{booking.number}-{kind}.{PHOTO_FORMATS[fmt]}"


def _handover(booking: Booking, *, kind: str, actor, condition: str, photo, at,
              damaged=False, late=0) -> Handover:
    if not (condition or "").strip():
        raise DomainError(_("Tulis kondisi aset saat serah terima."), field="condition")
    handover = Handover(cooperative=booking.cooperative, booking=booking, kind=kind, at=at,
                        condition=condition.strip(), damaged=damaged, late_minutes=late,
                        recorded_by=actor if getattr(actor, "pk", None) else None)
    if photo:
        handover.photo.save(Path(_photo_name(photo, booking, kind)).name, photo, save=False)
    handover.save()
    return handover


@transaction.atomic
def check_out(*, booking: Booking, actor, condition: str, photo=None,
              deposit_method: str = "cash", at: dt.datetime | None = None) -> Handover:
    """The member takes the asset: CONFIRMED → CHECKED_OUT, the condition seen, and the
    booking's deposit taken in cash or by bank (held in asset_deposits)."""
    booking = _locked(booking)
    if booking.status != Booking.Status.CONFIRMED:
        raise DomainError(_("Hanya pemesanan terkonfirmasi yang dapat diserahkan; status "
                            "sekarang: %(status)s.") % {"status": booking.get_status_display()},
                          code="transition")
    account = _money_account(deposit_method) if booking.deposit else None
    booking.move_to(Booking.Status.CHECKED_OUT)
    handover = _handover(booking, kind=Handover.Kind.OUT, actor=actor, condition=condition,
                         photo=photo, at=at or timezone.now())
    if booking.deposit:
        post_entry(cooperative=booking.cooperative, date=timezone.localdate(), actor=actor,
                   source=booking,
                   description=_("Uang jaminan %(asset)s, pemesanan %(number)s")
                   % {"asset": booking.asset.name, "number": str(booking)},
                   lines=[Line(account=account, debit=booking.deposit),
                          Line(account="asset_deposits", credit=booking.deposit,
                               member=booking.member)])
    booking.save(update_fields=["status"])
    log_action(cooperative=booking.cooperative, actor=actor, action="booking.checked_out",
               obj=booking, deposit=booking.deposit)
    return handover


def _late_fee(booking: Booking, returned_at: dt.datetime) -> Decimal:
    asset = booking.asset
    rate = asset.member_rate if booking.member_id else asset.non_member_rate
    return rules.late_fee(basis=asset.fee_basis, rate=rate, ends_at=booking.ends_at,
                          returned_at=returned_at, units=booking.units)


@transaction.atomic
def check_in(*, booking: Booking, actor, condition: str, photo=None, damaged: bool = False,
             damage_charge=0, refund_method: str = "cash",
             at: dt.datetime | None = None) -> Handover:
    """The asset comes back: CHECKED_OUT → RETURNED, the condition, the minutes late and
    the late fee (charges.rules), a damage charge, and the deposit used against those
    charges with the rest returned, all in one entry."""
    booking = _locked(booking)
    if booking.status != Booking.Status.CHECKED_OUT:
        raise DomainError(_("Hanya aset yang sedang dipakai yang dapat dikembalikan; status "
                            "sekarang: %(status)s.") % {"status": booking.get_status_display()},
                          code="transition")
    try:
        damage = Decimal(damage_charge or 0)
    except (TypeError, ValueError, ArithmeticError):
        raise DomainError(_("Tulis biaya kerusakan dalam rupiah."), field="damage_charge") \
            from None
    if not damage.is_finite() or damage < 0 or damage != damage.to_integral_value():
        raise DomainError(_("Tulis biaya kerusakan dalam rupiah utuh, tidak negatif."),
                          field="damage_charge")
    if damage and not damaged:
        raise DomainError(_("Biaya kerusakan hanya bila ada kerusakan (centang)."),
                          field="damage_charge")
    returned_at = at or timezone.now()
    late = rules.late_minutes(ends_at=booking.ends_at, returned_at=returned_at)
    late_fee = _late_fee(booking, returned_at)
    limit = Decimal(10) ** Booking._meta.get_field("damage_charge").max_digits - 1
    if damage > limit or late_fee > limit:
        raise DomainError(_("Biaya terlalu besar."), field="damage_charge")
    deposit = booking.deposit if booking.handovers.filter(kind=Handover.Kind.OUT).exists() \
        else Decimal(0)
    refund_account = _money_account(refund_method) if deposit else None
    booking.move_to(Booking.Status.RETURNED)
    booking.late_fee, booking.damage_charge = late_fee, damage
    handover = _handover(booking, kind=Handover.Kind.IN, actor=actor, condition=condition,
                         photo=photo, at=returned_at, damaged=damaged, late=late)
    charges = late_fee + damage
    applied = min(deposit, charges)
    lines = []
    if charges:
        lines += [_receivable(booking, debit=charges),
                  Line(account="income_other", credit=charges)]
    if deposit:
        lines.append(Line(account="asset_deposits", debit=deposit, member=booking.member))
        if applied:
            lines.append(_receivable(booking, credit=applied))
        if deposit - applied:
            lines.append(Line(account=refund_account, credit=deposit - applied))
    if lines:
        post_entry(cooperative=booking.cooperative, date=timezone.localdate(), actor=actor,
                   source=booking, lines=lines,
                   description=_("Pengembalian %(asset)s, pemesanan %(number)s: denda "
                                 "%(late)s, kerusakan %(damage)s, jaminan kembali %(back)s")
                   % {"asset": booking.asset.name, "number": str(booking),
                      "late": format_rupiah(late_fee), "damage": format_rupiah(damage),
                      "back": format_rupiah(deposit - applied)})
    booking.save(update_fields=["status", "late_fee", "damage_charge"])
    log_action(cooperative=booking.cooperative, actor=actor, action="booking.checked_in",
               obj=booking, late_minutes=late, late_fee=late_fee, damage=damage,
               deposit_returned=deposit - applied)
    return handover
