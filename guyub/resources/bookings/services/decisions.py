"""What happens to a booking after it is made: staff approve or reject a requested
one; the member (their own) or staff cancel. Freed time goes to the waiting list in
the same transaction.

Lock order: the booking row, then the asset (SQLite), then the cooperative row (before
any slot is freed or written, see slots.py)."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.typed_text import clean_text
from guyub.notifications.services import notify

from ...charges.services import charge_booking, release_charge
from ...notices import BOOKING_DECIDED
from .. import selectors
from ..models import Booking
from . import slots, waitlist

REASON_MAX = Booking._meta.get_field("cancel_reason").max_length
Status = Booking.Status


def _locked(booking: Booking) -> Booking:
    booking = (Booking.objects.select_for_update(of=("self",))
               .select_related("asset", "member").get(pk=booking.pk))
    slots.serialise_on_asset(booking.asset)
    slots.lock_cooperative(booking.cooperative_id)
    return booking


def free_until(booking: Booking) -> dt.datetime:
    """Until when cancelling costs nothing."""
    return booking.starts_at - dt.timedelta(hours=booking.asset.free_cancel_hours)


def cancel_is_free(booking: Booking, now: dt.datetime | None = None) -> bool:
    """A requested booking was never charged; a confirmed one is free to cancel until
    the asset's free-cancel hours before its start."""
    return booking.status == Status.REQUESTED or (now or timezone.now()) <= free_until(booking)


def _tell_decision(booking: Booking, decision: str, reason: str = "") -> None:
    if not (booking.member_id and booking.member.user_id):
        return
    coop = booking.cooperative
    notify(cooperative=coop, topic=BOOKING_DECIDED,
           event_id=f"booking:{booking.pk}:{booking.status}",
           recipients=[booking.member.user_id],
           link=reverse("resources:my_bookings", args=[coop.slug]),
           params={"asset": booking.asset.name,
                   "when": slots.when(booking.starts_at, booking.ends_at),
                   "decision": decision, "reason": f" {reason}" if reason else ""})


@transaction.atomic
def approve(*, booking: Booking, actor) -> Booking:
    """Staff confirm a requested booking: its fee is charged now."""
    booking = _locked(booking)
    if booking.status != Status.REQUESTED:
        raise DomainError(_("Pemesanan ini tidak sedang menunggu persetujuan."),
                          code="transition")
    if booking.starts_at <= timezone.now():
        raise DomainError(_("Waktu pemesanan sudah lewat; tolak saja."), code="conflict")
    booking.move_to(Status.CONFIRMED)
    booking.decided_by = actor
    booking.save(update_fields=["status", "decided_by"])
    charge_booking(booking=booking, actor=actor)
    _tell_decision(booking, _("disetujui"))
    log_action(cooperative=booking.cooperative, actor=actor, action="booking.approved",
               obj=booking, asset=booking.asset.name, fee=booking.fee)
    return booking


def _end(booking: Booking, *, status: str, actor, reason: str) -> None:
    booking.move_to(status)
    booking.cancelled_at = timezone.now()
    booking.cancel_reason = reason
    fields = ["status", "cancelled_at", "cancel_reason"]
    if status == Status.REJECTED:
        booking.decided_by = actor
        fields.append("decided_by")
    booking.save(update_fields=fields)
    slots.release(booking=booking)


@transaction.atomic
def reject(*, booking: Booking, actor, reason: str = "") -> Booking:
    """Staff refuse a requested booking: its slots are freed (and offered to the
    waiting list); nothing stays charged."""
    reason = clean_text(reason, field="reason", limit=REASON_MAX, required=False)
    booking = _locked(booking)
    if booking.status != Status.REQUESTED:
        raise DomainError(_("Pemesanan ini tidak sedang menunggu persetujuan."),
                          code="transition")
    _end(booking, status=Status.REJECTED, actor=actor, reason=reason)
    release_charge(booking=booking, actor=actor,
                   reason=_("Pemesanan %(number)s ditolak") % {"number": str(booking)})
    _tell_decision(booking, _("ditolak"), reason)
    log_action(cooperative=booking.cooperative, actor=actor, action="booking.rejected",
               obj=booking, asset=booking.asset.name, reason=reason)
    waitlist.offer_freed(asset=booking.asset, starts_at=booking.starts_at,
                         ends_at=booking.ends_at, actor=actor)
    return booking


@transaction.atomic
def cancel(*, booking: Booking, actor, reason: str = "") -> Booking:
    """Cancel a booking before it starts (the page checks it is the member's own, or
    the actor is staff). Until the asset's free-cancel hours before the start the fee
    is released; later it stays charged. Freed slots go to the waiting list."""
    reason = clean_text(reason, field="reason", limit=REASON_MAX, required=False)
    booking = _locked(booking)
    if booking.status not in selectors.CANCELLABLE:
        raise DomainError(_("Pemesanan ini tidak dapat dibatalkan lagi."), code="transition")
    now = timezone.now()
    if booking.starts_at <= now:
        raise DomainError(_("Pemakaian sudah dimulai; pemesanan tidak dapat dibatalkan."),
                          code="conflict")
    free = cancel_is_free(booking, now)
    _end(booking, status=Status.CANCELLED, actor=actor, reason=reason)
    if free:
        release_charge(booking=booking, actor=actor,
                       reason=_("Pemesanan %(number)s dibatalkan") % {"number": str(booking)})
    log_action(cooperative=booking.cooperative, actor=actor, action="booking.cancelled",
               obj=booking, asset=booking.asset.name, reason=reason,
               fee_kept=booking.fee if not free else 0)
    waitlist.offer_freed(asset=booking.asset, starts_at=booking.starts_at,
                         ends_at=booking.ends_at, actor=actor)
    return booking


__all__ = ["approve", "cancel", "cancel_is_free", "free_until", "reject"]
