"""The money of a booking, through the ledger: the fee charged to the member's account
when the booking holds the asset, released (reversed) when it is cancelled in time or
refused. Settling what is charged (cash, bank, simpanan sukarela), deposits and late
or damage charges at hand-over live here too.

A member's fee is member business (SAK EP: participation income, asset_fees_members,
and it counts toward their SHU); a non-member renter's is income from non-members."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.ledger.services import Line, post_entry, reverse_entry

from ..bookings.models import Booking


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
    """Reverse the fee of a booking cancelled within the free period or refused, when it
    was charged and not yet paid (a paid fee is refunded by the payment's own reversal)."""
    if booking.charge_entry_id is None or booking.paid_entry_id is not None:
        return
    reverse_entry(entry=booking.charge_entry, date=timezone.localdate(),
                  reason=reason[:200], actor=actor)
