from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import Cooperative, CoopOwned
from guyub.core.regions import PROVINCE_CHOICES, PROVINCES
from guyub.core.states import Stateful

from .scale import umkm_scale

# Django looks for an app's models in `members.models`: the simpanan sub-package's
# models are registered through this import (app label "members", tables unchanged).
from .simpanan.models import SimpananAccount, SimpananKind, SimpananTransaction  # noqa: F401
from .validators import validate_nib, validate_nik


class Sector(models.TextChoices):
    COFFEE = "kopi", _("Kopi dan teh")
    BATIK = "batik", _("Batik dan tenun")
    SNACKS = "makanan_ringan", _("Makanan ringan")
    FOOD = "makanan_minuman", _("Makanan dan minuman")
    CRAFTS = "kerajinan", _("Kerajinan")
    FASHION = "fesyen", _("Fesyen")
    AGRICULTURE = "pertanian", _("Pertanian")
    FISHERIES = "perikanan", _("Perikanan")
    SERVICES = "jasa", _("Jasa")
    OTHER = "lainnya", _("Lainnya")


class Scale(models.TextChoices):
    MICRO = "mikro", _("Mikro")
    SMALL = "kecil", _("Kecil")
    MEDIUM = "menengah", _("Menengah")
    LARGE = "besar", _("Besar (di atas UMKM)")


class Member(Stateful, CoopOwned):
    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Pemohon")
        ACTIVE = "active", _("Aktif")
        REJECTED = "rejected", _("Ditolak")
        EXITED = "exited", _("Keluar")
        EXPELLED = "expelled", _("Diberhentikan")

    # The lifecycle: an application is decided once; a member leaves or is expelled
    # once. Rejected, exited and expelled are final.
    TRANSITIONS = {
        Status.APPLICANT: {Status.ACTIVE, Status.REJECTED},
        Status.ACTIVE: {Status.EXITED, Status.EXPELLED},
    }

    # Redeclared for its reverse name (`cooperative.members`).
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT,
                                    related_name="members")
    number = models.PositiveIntegerField(_("nomor anggota"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.APPLICANT)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="memberships")

    owner_name = models.CharField(_("nama pemilik"), max_length=150)
    nik = models.CharField(_("NIK"), max_length=16, validators=[validate_nik])
    business_name = models.CharField(_("nama usaha"), max_length=200)
    nib = models.CharField(_("NIB"), max_length=13, blank=True, validators=[validate_nib])
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("alamat"), blank=True)
    province = models.CharField(_("provinsi"), max_length=2, choices=PROVINCE_CHOICES)
    regency = models.CharField(_("kabupaten/kota"), max_length=100)
    sector = models.CharField(_("sektor"), max_length=20, choices=Sector.choices)
    workers = models.PositiveIntegerField(_("jumlah pekerja"), default=1)
    business_capital = models.DecimalField(
        _("modal usaha (Rp)"), max_digits=16, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Tidak termasuk tanah dan bangunan tempat usaha."),
    )
    annual_sales = models.DecimalField(
        _("omzet tahunan (Rp)"), max_digits=16, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    # Stored (not only computed) so the list can filter and index on it; kept in
    # step with the two figures in save().
    scale = models.CharField(_("skala usaha"), max_length=10, choices=Scale.choices,
                             blank=True, editable=False)
    join_date = models.DateField(_("tanggal bergabung"), null=True, blank=True)
    applied_at = models.DateTimeField(_("tanggal permohonan"), default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("anggota")
        verbose_name_plural = _("anggota")
        ordering = ["number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "number"],
                                    name="member_number_unique_per_coop"),
            models.UniqueConstraint(fields=["cooperative", "nik"],
                                    name="member_nik_unique_per_coop"),
        ]
        indexes = [
            models.Index(fields=["cooperative", "status", "number"]),
            models.Index(fields=["cooperative", "scale"]),
            models.Index(fields=["cooperative", "sector"]),
            models.Index(fields=["cooperative", "province"]),
            models.Index(fields=["cooperative", "owner_name"]),
        ]

    def __str__(self):
        return f"{self.display_number} {self.owner_name} ({self.business_name})"

    def save(self, *args, **kwargs):
        self.scale = umkm_scale(self.business_capital, self.annual_sales)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "scale"}
        super().save(*args, **kwargs)

    @property
    def display_number(self) -> str:
        return f"A-{self.number:05d}" if self.number else "—"

    @property
    def province_name(self) -> str:
        return PROVINCES.get(self.province, "")

    @property
    def is_member(self) -> bool:
        return self.status == self.Status.ACTIVE


class StatusChange(CoopOwned):
    """One step of a member's lifecycle, with its date and reason. Append-only."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Member.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Member.Status.choices)
    date = models.DateField(_("tanggal"))
    reason = models.TextField(_("alasan"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.member_id}: {self.from_status} → {self.to_status} ({self.date})"
