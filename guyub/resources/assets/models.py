"""What the cooperative shares: its assets (equipment, vehicles, spaces), their
photos, who is trained to use them, and the maintenance that blocks them."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned

# Rupiah amounts on an asset (a rate, a deposit): 12 digits is a trillion rupiah, far past
# any real rate, and keeps a fee (rate × hours × units) inside the booking's 16 digits.
MAX_RATE = Decimal("999999999999")
MAX_UNITS = 1000


class Asset(CoopOwned):
    """One shared thing. `units` > 1 makes it divisible (cold-room shelves, warehouse
    pallets): a booking takes some of its units, never more than are free."""

    class Kind(models.TextChoices):
        EQUIPMENT = "equipment", _("Peralatan")
        VEHICLE = "vehicle", _("Kendaraan")
        SPACE = "space", _("Ruang")

    class FeeBasis(models.TextChoices):
        HOUR = "hour", _("per jam")
        DAY = "day", _("per hari")
        UNIT = "unit", _("per satuan per pemakaian")

    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    description = models.TextField(_("keterangan"), max_length=4000, blank=True)
    usage_rules = models.TextField(_("aturan pemakaian"), max_length=4000, blank=True)
    units = models.PositiveSmallIntegerField(
        _("jumlah satuan"), default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_UNITS)],
        help_text=_("Lebih dari 1 bila dapat dibagi, mis. rak ruang pendingin."))
    unit_label = models.CharField(_("nama satuan"), max_length=30, blank=True)
    fee_basis = models.CharField(_("dasar tarif"), max_length=8, choices=FeeBasis.choices,
                                 default=FeeBasis.HOUR)
    member_rate = models.DecimalField(_("tarif anggota (Rp)"), max_digits=12, decimal_places=0,
                                      default=Decimal(0),
                                      validators=[MinValueValidator(0),
                                                  MaxValueValidator(MAX_RATE)])
    non_member_rate = models.DecimalField(_("tarif non-anggota (Rp)"), max_digits=12,
                                          decimal_places=0, default=Decimal(0),
                                          validators=[MinValueValidator(0),
                                                      MaxValueValidator(MAX_RATE)])
    deposit = models.DecimalField(_("uang jaminan (Rp)"), max_digits=12, decimal_places=0,
                                  default=Decimal(0),
                                  validators=[MinValueValidator(0), MaxValueValidator(MAX_RATE)])
    requires_approval = models.BooleanField(_("pemesanan perlu persetujuan staf"),
                                            default=False)
    # Only members trained (or certified) for it may book it: the roaster, the kitchen.
    required_training = models.CharField(_("pelatihan/sertifikat yang disyaratkan"),
                                         max_length=120, blank=True)
    # Cancellation is free until this many hours before the start; later, the fee stays.
    free_cancel_hours = models.PositiveSmallIntegerField(
        _("batal gratis sampai (jam sebelum mulai)"), default=24,
        validators=[MaxValueValidator(24 * 30)])
    # Fairness where the asset is scarce: at most so many hours per member per week.
    weekly_cap_hours = models.PositiveSmallIntegerField(
        _("batas jam per anggota per minggu"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 7)])
    maintenance_every_days = models.PositiveSmallIntegerField(
        _("perawatan tiap (hari)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)])
    last_maintained_on = models.DateField(_("perawatan terakhir"), null=True, blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "name"], name="asset_name_unique"),
        ]

    def __str__(self):
        return self.name

    @property
    def divisible(self) -> bool:
        return self.units > 1


def asset_photo_path(instance, filename):
    return f"resources/{instance.cooperative_id}/assets/{filename}"


class AssetPhoto(CoopOwned):
    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("foto"), upload_to=asset_photo_path)
    caption = models.CharField(_("keterangan"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)


class Qualification(CoopOwned):
    """A member trained or certified to use an asset that requires it."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="qualifications")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    granted_on = models.DateField(_("tanggal pelatihan"), default=timezone.localdate)
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["asset", "member"],
                                               name="qualification_unique")]


class MaintenanceWindow(CoopOwned):
    """A time the asset is out of use. It holds every unit of the asset through the
    same slot rows bookings use, so the overlap guard keeps bookings out of it."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="maintenance")
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    note = models.CharField(_("keterangan"), max_length=200, blank=True)
    cancelled = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="maintenance_ends_after_start")]
