"""Reads of a booking's money: what is owed on it and the hand-over records."""

from decimal import Decimal

from guyub.ledger.models import JournalEntry
from guyub.members.models import Member
from guyub.members.simpanan.models import SimpananAccount

from ..bookings.models import Booking, Handover


def booking(pk) -> Booking | None:
    return (Booking.objects.filter(pk=pk)
            .select_related("asset", "member", "charge_entry", "paid_entry").first())


def own_booking(member: Member | None, pk) -> Booking | None:
    if member is None:
        return None
    return (Booking.objects.filter(pk=pk, member=member)
            .select_related("asset", "member").first())


def charge_released(booking: Booking) -> bool:
    return (booking.charge_entry_id is not None
            and JournalEntry.objects.filter(reverses_id=booking.charge_entry_id).exists())


def fee_due(booking: Booking) -> Decimal:
    """The charged fee still to pay: nothing when free, unpaid-and-released, or paid."""
    if (not booking.fee or booking.charge_entry_id is None or booking.paid_entry_id
            or charge_released(booking)):
        return Decimal(0)
    return booking.fee


def handovers(booking: Booking) -> dict:
    return {h.kind: h for h in Handover.objects.filter(booking=booking)
            .select_related("recorded_by")}


def sukarela_balance(member: Member | None) -> Decimal:
    if member is None:
        return Decimal(0)
    account = SimpananAccount.objects.filter(member=member, kind="sukarela").first()
    return account.balance if account else Decimal(0)


def money_entries(booking: Booking):
    """Every entry posted for the booking (its own and their reversals), oldest first."""
    return (JournalEntry.objects.filter(source_type=Booking._meta.label_lower,
                                        source_id=str(booking.pk))
            .order_by("number"))
