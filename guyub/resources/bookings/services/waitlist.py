"""The waiting list: a member asks to wait for a full time; when slots free (a
cancellation, a refusal, a maintenance window cancelled) the first waiting member in
order whose wish now fits gets it booked for them, inside the freeing transaction
(which holds the cooperative row, so two frees cannot hand one slot out twice).
Entries whose time has come expire."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.members.models import Member
from guyub.notifications.services import notify

from ...assets.models import Asset
from ...notices import BOOKING_WAITLISTED, SLOT_FREED
from .. import rules, selectors
from ..models import WaitlistEntry
from . import slots
from .booking import check_availability, check_booker, check_time, place

Status = WaitlistEntry.Status


@transaction.atomic
def join_waitlist(*, asset: Asset, member: Member, starts_at, ends_at, units: int = 1,
                  actor) -> WaitlistEntry:
    """Wait for a time that is full now. The member must be allowed to book the asset
    (trained, within the cap) and the time must really be full."""
    asset = Asset.objects.get(pk=asset.pk)
    member = Member.objects.get(pk=member.pk)
    check_booker(asset, member, "", units)
    check_time(starts_at, ends_at)
    slots.serialise_on_asset(asset)
    check_availability(asset, member, starts_at, ends_at)
    free = rules.free_units(asset.units, selectors.taken_units(asset, starts_at, ends_at))
    if len(free) >= units:
        raise DomainError(_("Waktu itu masih kosong: pesan saja langsung."), code="conflict")
    if WaitlistEntry.objects.filter(asset=asset, member=member, status=Status.WAITING,
                                    starts_at__lt=ends_at, ends_at__gt=starts_at).exists():
        raise DomainError(_("Anda sudah di daftar tunggu untuk waktu itu."), code="conflict")
    entry = WaitlistEntry.objects.create(cooperative_id=asset.cooperative_id, asset=asset,
                                         member=member, starts_at=starts_at, ends_at=ends_at,
                                         units=units)
    position = selectors.waitlist_position(entry)
    if member.user_id:
        notify(cooperative=asset.cooperative, topic=BOOKING_WAITLISTED,
               event_id=f"waitlist:{entry.pk}:joined", recipients=[member.user_id],
               link=reverse("resources:my_bookings", args=[asset.cooperative.slug]),
               params={"asset": asset.name, "when": slots.when(starts_at, ends_at),
                       "position": str(position)})
    log_action(cooperative=asset.cooperative, actor=actor, action="booking.waitlisted",
               obj=asset, member=member.pk, starts_at=starts_at, ends_at=ends_at,
               units=units, position=position)
    entry.position = position
    return entry


@transaction.atomic
def withdraw_waitlist(*, entry: WaitlistEntry, actor) -> WaitlistEntry:
    entry = WaitlistEntry.objects.select_for_update().select_related("asset").get(pk=entry.pk)
    if entry.status != Status.WAITING:
        raise DomainError(_("Anda sudah tidak di daftar tunggu ini."), code="transition")
    entry.move_to(Status.WITHDRAWN)
    entry.save(update_fields=["status"])
    log_action(cooperative=entry.asset.cooperative, actor=actor,
               action="booking.waitlist_withdrawn", obj=entry.asset, member=entry.member_id)
    return entry


def _expire(entry: WaitlistEntry) -> None:
    entry.move_to(Status.EXPIRED)
    entry.save(update_fields=["status"])


def offer_freed(*, asset: Asset, starts_at, ends_at, actor=None) -> list:
    """Book freed time for waiting members, first come first served, each whose whole
    wish now fits (free units, no maintenance, still allowed, within the cap). The
    caller holds the cooperative row (and on SQLite the write lock). `actor`, who freed
    the time, is not the booker: the booking is the system's. Returns the
    bookings made."""
    now, made = timezone.now(), []
    entries = selectors.waiting_for(asset, starts_at, ends_at).select_for_update(of=("self",))
    for entry in entries:
        if entry.starts_at <= now:
            _expire(entry)
            continue
        try:
            # One savepoint per try: a wish that does not fit leaves nothing behind.
            with transaction.atomic():
                check_booker(asset, entry.member, "", entry.units)
                # Booked by the system (the audit says "Sistem"), not by whoever freed
                # the time: the cancelling member did not book for someone else.
                booking = place(asset=asset, member=entry.member, renter_name="",
                                starts_at=entry.starts_at, ends_at=entry.ends_at,
                                units=entry.units, actor=None, note="",
                                topic=SLOT_FREED, event=f"offered:{entry.pk}")
        except DomainError:
            continue
        entry.move_to(Status.BOOKED)
        entry.booking, entry.offered_at = booking, now
        entry.save(update_fields=["status", "booking", "offered_at"])
        log_action(cooperative=asset.cooperative, actor=None, action="booking.offered",
                   obj=booking, member=entry.member_id, asset=asset.name)
        made.append(booking)
    return made


@transaction.atomic
def expire_waitlist(*, cooperative, now=None) -> list[WaitlistEntry]:
    """Waiting entries whose time has started: they can no longer be offered."""
    now = now or timezone.now()
    entries = list(WaitlistEntry.objects.select_for_update()
                   .filter(cooperative=cooperative, status=Status.WAITING, starts_at__lte=now)
                   .select_related("asset", "member").order_by("pk"))
    for entry in entries:
        _expire(entry)
    return entries
