"""The slot rows and the locks every booking write shares.

Lock order, one for every service of bookings (and maintenance windows): the booking
row (approve, reject, cancel), then the asset (SQLite only: a write to its row, so the
transaction holds SQLite's write lock before it checks anything), then the
cooperative row (NO KEY UPDATE: booking numbers without gaps, as the ledger numbers
its entries; post_entry takes the same row again), then the slot rows. A service that
frees slots takes the cooperative row before it touches them: a booking inserting an
overlapping slot would otherwise wait on the freeing transaction's slot update while
that transaction waits for the cooperative row.

The cooperative row lock (taken for the booking number, before any look at the time)
serialises one cooperative's bookings, so on PostgreSQL too the look before the insert
sees every committed slot, and the weekly cap counts every committed booking. Under
it the exclusion constraint `slot_no_overlap` (migration) is the guard that holds
whatever the code does (another path, a bug, raw SQL): `hold` turns its violation
into the same refusal, after one more look for other free units of a divisible asset.
On SQLite the write lock, taken first, serialises whole transactions."""

import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from guyub.core.errors import DomainError
from guyub.core.models import Cooperative

from ...assets.models import Asset
from .. import rules, selectors
from ..models import Booking, Slot

OVERLAP_CONSTRAINT = "slot_no_overlap"


class SlotTaken(DomainError):
    """The time (or enough units of it) is already held: the page may offer the
    waiting list."""

    def __init__(self, message=None):
        super().__init__(message or _("Waktu itu sudah dipesan orang lain; slot sudah "
                                      "terisi."), field="starts_at", code="conflict")


def serialise_on_asset(asset: Asset) -> None:
    """SQLite has no row locks and a deferred transaction reads before it writes: a
    no-op write to the asset row takes the database's write lock first, so no other
    booking can check and insert between our check and our insert. PostgreSQL relies on
    the exclusion constraint instead and takes no lock here."""
    if connection.vendor == "sqlite":
        Asset.objects.filter(pk=asset.pk).update(active=F("active"))


def lock_cooperative(cooperative_id: int) -> None:
    Cooperative.objects.select_for_update(no_key=True).filter(pk=cooperative_id).first()


def next_number(cooperative_id: int) -> int:
    """The next booking number, under the cooperative row lock (no gaps, no twins)."""
    lock_cooperative(cooperative_id)
    return (Booking.objects.filter(cooperative_id=cooperative_id)
            .aggregate(n=Max("number"))["n"] or 0) + 1


def is_overlap(error: IntegrityError) -> bool:
    cause = error.__cause__
    return (getattr(cause, "sqlstate", None) == "23P01"
            or OVERLAP_CONSTRAINT in str(error))


def _insert(asset, units: list[int], starts_at, ends_at, holder: dict) -> None:
    Slot.objects.bulk_create([
        Slot(cooperative_id=asset.cooperative_id, asset=asset, unit_no=n,
             starts_at=starts_at, ends_at=ends_at, **holder) for n in units])


def check_free(asset: Asset, count: int, starts_at, ends_at) -> list[int]:
    """The free unit numbers, when there are at least `count` of them."""
    units = rules.free_units(asset.units, selectors.taken_units(asset, starts_at, ends_at))
    if len(units) < count:
        raise SlotTaken(_("Waktu itu sudah penuh: tinggal %(free)s dari %(total)s "
                          "satuan yang kosong.") % {"free": len(units), "total": asset.units}
                        if asset.divisible else None)
    return units


def hold(*, asset: Asset, count: int, starts_at, ends_at, **holder) -> list[int]:
    """Insert `count` active slots of free units for the holder (booking= or
    maintenance=); the unit numbers taken. The caller holds the cooperative row."""
    for attempt in range(2):
        units = check_free(asset, count, starts_at, ends_at)
        try:
            with transaction.atomic():
                _insert(asset, units[:count], starts_at, ends_at, holder)
            return units[:count]
        except IntegrityError as error:
            # The database's guard refused: something committed these units after our
            # look without taking the cooperative row. Look again, once.
            if not is_overlap(error):
                raise
            if attempt:
                raise SlotTaken() from None
    raise SlotTaken()  # pragma: no cover  (the loop returns or raises)


def release(**holder) -> int:
    """Make the holder's slots inactive (they stay, for the record)."""
    return Slot.objects.filter(active=True, **holder).update(active=False)


def when(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """"07-12-2026 08:00–10:00" (or both dates when it spans days), local time."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() == end.date():
        return f"{formats.date_format(start, 'd-m-Y')} {start:%H:%M}–{end:%H:%M}"
    return f"{formats.date_format(start, 'd-m-Y H:i')} – {formats.date_format(end, 'd-m-Y H:i')}"
