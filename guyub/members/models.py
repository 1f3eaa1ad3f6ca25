from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from guyub.core.models import Cooperative
from guyub.core.regions import PROVINCE_CHOICES, PROVINCES

from .scale import umkm_scale
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


class Member(models.Model):
    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Pemohon")
        ACTIVE = "active", _("Aktif")
        REJECTED = "rejected", _("Ditolak")
        EXITED = "exited", _("Keluar")
        EXPELLED = "expelled", _("Diberhentikan")

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

    objects = ScopedManager(cooperative="cooperative")

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


class StatusChange(models.Model):
    """One step of a member's lifecycle, with its date and reason. Append-only."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Member.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Member.Status.choices)
    date = models.DateField(_("tanggal"))
    reason = models.TextField(_("alasan"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.member_id}: {self.from_status} → {self.to_status} ({self.date})"


class SimpananKind(models.TextChoices):
    POKOK = "pokok", _("Simpanan pokok")
    WAJIB = "wajib", _("Simpanan wajib")
    SUKARELA = "sukarela", _("Simpanan sukarela")


# The ledger account (by role) that carries each kind of simpanan.
SIMPANAN_ACCOUNT_ROLE = {
    SimpananKind.POKOK: "simpanan_pokok",
    SimpananKind.WAJIB: "simpanan_wajib",
    SimpananKind.SUKARELA: "simpanan_sukarela",
}


class SimpananAccount(models.Model):
    """A member's balance of one kind of simpanan.

    The row is locked (select_for_update) by every write, so two withdrawals at the
    same moment queue here; its balance always equals the member's sub-ledger.
    """

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT,
                               related_name="simpanan_accounts")
    kind = models.CharField(max_length=10, choices=SimpananKind.choices)
    balance = models.DecimalField(max_digits=16, decimal_places=0, default=Decimal(0))
    # Simpanan wajib: how many monthly dues have been paid in total.
    months_paid = models.PositiveIntegerField(default=0)

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"],
                                    name="one_simpanan_account_per_kind"),
            models.CheckConstraint(condition=models.Q(balance__gte=0),
                                   name="simpanan_balance_never_negative"),
        ]

    def __str__(self):
        return f"{self.member_id} {self.kind} {self.balance}"


class SimpananTransaction(models.Model):
    class Type(models.TextChoices):
        DEPOSIT = "deposit", _("Setoran")
        WITHDRAWAL = "withdrawal", _("Penarikan")
        SETTLEMENT = "settlement", _("Pengembalian saat keluar")

    class Method(models.TextChoices):
        CASH = "cash", _("Tunai (kas)")
        BANK = "bank", _("Transfer bank")

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT,
                               related_name="simpanan_transactions")
    kind = models.CharField(_("jenis simpanan"), max_length=10, choices=SimpananKind.choices)
    type = models.CharField(_("transaksi"), max_length=12, choices=Type.choices)
    amount = models.DecimalField(_("jumlah (Rp)"), max_digits=16, decimal_places=0)
    months = models.PositiveIntegerField(_("jumlah bulan"), default=0)
    date = models.DateField(_("tanggal"))
    method = models.CharField(_("cara bayar"), max_length=10, choices=Method.choices,
                              default=Method.CASH)
    receipt_number = models.PositiveIntegerField(_("nomor bukti"))
    entry = models.ForeignKey("ledger.JournalEntry", null=True, on_delete=models.PROTECT,
                              related_name="simpanan_transactions")
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "receipt_number", "kind"],
                                    name="simpanan_receipt_unique"),
            models.CheckConstraint(condition=models.Q(amount__gt=0),
                                   name="simpanan_amount_positive"),
        ]
        indexes = [models.Index(fields=["cooperative", "member", "kind", "date"])]

    def __str__(self):
        return f"{self.receipt_display} {self.get_kind_display()} {self.amount}"

    @property
    def receipt_display(self) -> str:
        return f"BS-{self.receipt_number:06d}"

    @property
    def title(self) -> str:
        """"Setoran simpanan sukarela": one phrase per type, not two labels side by side
        ("Simpanan sukarela Setoran")."""
        kind = str(self.get_kind_display())
        kind = kind[:1].lower() + kind[1:]
        phrase = {self.Type.DEPOSIT: _("Setoran %(kind)s"),
                  self.Type.WITHDRAWAL: _("Penarikan %(kind)s"),
                  self.Type.SETTLEMENT: _("Pengembalian %(kind)s saat keluar")}[self.type]
        return phrase % {"kind": kind}

    @property
    def signed_amount(self) -> Decimal:
        return self.amount if self.type == self.Type.DEPOSIT else -self.amount
