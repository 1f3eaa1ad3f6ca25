"""Bookings of shared assets, the slot rows that make double booking impossible, the
waiting list, and the hand-over records (check-out and check-in).

A booking of n units holds n `Slot` rows, one per unit number, each with the booking's
time range. On PostgreSQL an exclusion constraint (migration) refuses two active slots of
the same asset and unit whose ranges overlap, whatever the application does; on SQLite
the booking service serialises on the asset and checks before it inserts. Maintenance
windows hold slots of every unit the same way."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned
from guyub.core.states import Stateful

from ..assets.models import MAX_UNITS, Asset, MaintenanceWindow


class Booking(CoopOwned, Stateful):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Menunggu persetujuan")
        CONFIRMED = "confirmed", _("Terkonfirmasi")
        CHECKED_OUT = "checked_out", _("Sedang dipakai")
        RETURNED = "returned", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")
        REJECTED = "rejected", _("Ditolak")

    TRANSITIONS = {
        Status.REQUESTED: {Status.CONFIRMED, Status.REJECTED, Status.CANCELLED},
        Status.CONFIRMED: {Status.CHECKED_OUT, Status.CANCELLED},
        Status.CHECKED_OUT: {Status.RETURNED},
    }
    # Statuses that hold the asset's time: their slots are active.
    HOLDING = (Status.REQUESTED, Status.CONFIRMED, Status.CHECKED_OUT)

    class Payment(models.TextChoices):
        CASH = "cash", _("Tunai")
        BANK = "bank", _("Transfer bank")
        SUKARELA = "sukarela", _("Dari simpanan sukarela")

    number = models.PositiveIntegerField()
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="bookings")
    # A member's booking, or a non-member renter's (staff enter those, at the other rate).
    member = models.ForeignKey("members.Member", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    renter_name = models.CharField(_("nama penyewa non-anggota"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    units = models.PositiveSmallIntegerField(_("jumlah satuan"), default=1,
                                             validators=[MinValueValidator(1),
                                                         MaxValueValidator(MAX_UNITS)])
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    # Bookings made together as a recurring series share this key (the first booking's id).
    series = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    # Priced when booked, at the rate then in force (member or non-member).
    fee = models.DecimalField(max_digits=16, decimal_places=0, default=Decimal(0))
    deposit = models.DecimalField(max_digits=12, decimal_places=0, default=Decimal(0))
    late_fee = models.DecimalField(max_digits=16, decimal_places=0, default=Decimal(0))
    damage_charge = models.DecimalField(max_digits=16, decimal_places=0, default=Decimal(0))
    # The entry that charged the fee (and the one that settled it), when posted.
    charge_entry = models.ForeignKey("ledger.JournalEntry", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    payment = models.CharField(max_length=10, choices=Payment.choices, blank=True)
    paid_entry = models.ForeignKey("ledger.JournalEntry", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("alasan"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "number"],
                                    name="booking_number_unique"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="booking_ends_after_start"),
        ]
        indexes = [models.Index(fields=["cooperative", "asset", "starts_at"],
                                name="booking_asset_time")]

    def __str__(self):
        return f"B-{self.number}"


class Slot(CoopOwned):
    """One unit of an asset held for a time, by a booking or a maintenance window.
    `active` is false once the booking is cancelled or rejected (or the window
    cancelled); only active slots take part in the overlap guard."""

    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="+")
    unit_no = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    booking = models.ForeignKey(Booking, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="slots")
    maintenance = models.ForeignKey(MaintenanceWindow, null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="slots")
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="slot_ends_after_start"),
            models.CheckConstraint(
                condition=(models.Q(booking__isnull=False, maintenance__isnull=True)
                           | models.Q(booking__isnull=True, maintenance__isnull=False)),
                name="slot_has_one_holder"),
        ]
        indexes = [models.Index(fields=["asset", "unit_no", "starts_at"],
                                name="slot_asset_unit_time")]


class WaitlistEntry(CoopOwned, Stateful):
    """A member waiting for a time that was full. When a slot frees, the first waiting
    member (by `created_at`, then id) whose wish now fits is offered it."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Menunggu")
        OFFERED = "offered", _("Ditawari")
        BOOKED = "booked", _("Mendapat slot")
        EXPIRED = "expired", _("Tawaran lewat")
        WITHDRAWN = "withdrawn", _("Dibatalkan")

    TRANSITIONS = {
        Status.WAITING: {Status.OFFERED, Status.BOOKED, Status.WITHDRAWN, Status.EXPIRED},
        Status.OFFERED: {Status.BOOKED, Status.EXPIRED, Status.WITHDRAWN},
    }

    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="waitlist")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    units = models.PositiveSmallIntegerField(default=1,
                                             validators=[MinValueValidator(1),
                                                         MaxValueValidator(MAX_UNITS)])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(default=timezone.now)
    offered_at = models.DateTimeField(null=True, blank=True)
    booking = models.OneToOneField(Booking, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(ends_at__gt=models.F("starts_at")),
            name="waitlist_ends_after_start")]


def handover_photo_path(instance, filename):
    return f"resources/{instance.cooperative_id}/handovers/{filename}"


class Handover(CoopOwned):
    """Check-out (the member takes the asset) or check-in (they bring it back): the
    condition seen, photos, damage and lateness. Written once, never edited."""

    class Kind(models.TextChoices):
        OUT = "out", _("Serah pakai")
        IN = "in", _("Pengembalian")

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="handovers")
    kind = models.CharField(max_length=3, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    condition = models.TextField(_("kondisi"), max_length=2000, blank=True)
    photo = models.ImageField(_("foto"), upload_to=handover_photo_path, blank=True)
    damaged = models.BooleanField(_("ada kerusakan"), default=False)
    late_minutes = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["booking", "kind"],
                                               name="handover_once_per_kind")]
