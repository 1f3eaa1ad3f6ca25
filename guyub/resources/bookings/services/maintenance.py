"""Maintenance windows: the asset out of use for a time. A window holds every unit
through slot rows, so the same guard keeps bookings out of it; it is refused while a
booking holds that time (the refusal names them). Cancelling it frees the time for
the waiting list.

Lock order: the window row (cancel), the asset (SQLite), the cooperative row, slots."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.typed_text import clean_text

from ...assets.models import Asset, MaintenanceWindow
from .. import selectors
from . import slots, waitlist
from .booking import NOTE_MAX, check_time

NOTE_LIMIT = min(NOTE_MAX, MaintenanceWindow._meta.get_field("note").max_length)


def _clashes(asset, starts_at, ends_at) -> DomainError:
    found = list(selectors.bookings_overlapping(asset, starts_at, ends_at)[:10])
    names = ", ".join(f"{b} ({slots.when(b.starts_at, b.ends_at)})" for b in found)
    return DomainError(ngettext("Waktu itu dipegang pemesanan %(list)s: batalkan atau "
                                "pindahkan dulu.",
                                "Waktu itu dipegang %(n)s pemesanan: %(list)s. Batalkan "
                                "atau pindahkan dulu.", len(found))
                       % {"n": len(found), "list": names}, field="starts_at", code="conflict")


@transaction.atomic
def schedule_maintenance(*, asset: Asset, starts_at, ends_at, note: str = "",
                         actor) -> MaintenanceWindow:
    asset = Asset.objects.get(pk=asset.pk)
    note = clean_text(note, field="note", limit=NOTE_LIMIT, required=False)
    check_time(starts_at, ends_at)
    slots.serialise_on_asset(asset)
    slots.lock_cooperative(asset.cooperative_id)
    if selectors.bookings_overlapping(asset, starts_at, ends_at).exists():
        raise _clashes(asset, starts_at, ends_at)
    if selectors.maintenance_overlapping(asset, starts_at, ends_at).exists():
        raise DomainError(_("Sudah ada jadwal perawatan pada waktu itu."), field="starts_at",
                          code="conflict")
    window = MaintenanceWindow.objects.create(
        cooperative_id=asset.cooperative_id, asset=asset, starts_at=starts_at,
        ends_at=ends_at, note=note, created_by=actor)
    try:
        slots.hold(asset=asset, count=asset.units, starts_at=starts_at, ends_at=ends_at,
                   maintenance=window)
    except slots.SlotTaken:
        raise _clashes(asset, starts_at, ends_at) from None
    log_action(cooperative=asset.cooperative, actor=actor, action="maintenance.scheduled",
               obj=asset, starts_at=starts_at, ends_at=ends_at, note=note)
    return window


@transaction.atomic
def cancel_maintenance(*, window: MaintenanceWindow, actor) -> MaintenanceWindow:
    window = (MaintenanceWindow.objects.select_for_update(of=("self",))
              .select_related("asset").get(pk=window.pk))
    if window.cancelled:
        raise DomainError(_("Jadwal perawatan ini sudah dibatalkan."), code="transition")
    slots.serialise_on_asset(window.asset)
    slots.lock_cooperative(window.cooperative_id)
    window.cancelled = True
    window.save(update_fields=["cancelled"])
    slots.release(maintenance=window)
    log_action(cooperative=window.asset.cooperative, actor=actor,
               action="maintenance.cancelled", obj=window.asset,
               starts_at=window.starts_at, ends_at=window.ends_at)
    waitlist.offer_freed(asset=window.asset, starts_at=window.starts_at,
                         ends_at=window.ends_at, actor=actor)
    return window
