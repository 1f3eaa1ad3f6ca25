import hashlib
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from .regions import PROVINCE_CHOICES, PROVINCES
from .roles import Role

ZERO = Decimal("0")
HUNDRED = Decimal("100")

# The parts of the year's surplus (SHU) the by-laws allocate; they add up to 100%.
SHU_FIELDS = (
    "shu_reserve_pct",
    "shu_capital_pct",
    "shu_business_pct",
    "shu_board_pct",
    "shu_staff_pct",
    "shu_education_pct",
    "shu_social_pct",
    "shu_area_pct",
)

percent = [MinValueValidator(ZERO), MaxValueValidator(HUNDRED)]

# Where buyers pay: a bank account is published whole (all three) or not at all, and
# so is a QRIS merchant (both). Forms strip the spaces, dots and dashes people type.
BANK_FIELDS = ("bank_name", "bank_account_number", "bank_account_holder")
QRIS_FIELDS = ("qris_merchant_name", "qris_nmid")
PAYMENT_FIELDS = (*BANK_FIELDS, *QRIS_FIELDS)


def has_letters(message) -> RegexValidator:
    """A name people read has at least one letter in it (not only digits or signs)."""
    return RegexValidator(r"[^\W\d_]", message)


class Cooperative(models.Model):
    """The tenant: every domain row belongs to exactly one cooperative."""

    class Type(models.TextChoices):
        PRODUCER = "produsen", _("Koperasi Produsen")
        CONSUMER = "konsumen", _("Koperasi Konsumen")
        MARKETING = "pemasaran", _("Koperasi Pemasaran")
        SERVICE = "jasa", _("Koperasi Jasa")
        SAVINGS_LOAN = "simpan_pinjam", _("Koperasi Simpan Pinjam")
        MULTIPURPOSE = "serba_usaha", _("Koperasi Serba Usaha")

    name = models.CharField(_("nama koperasi"), max_length=200)
    slug = models.SlugField(_("kode alamat"), max_length=60, unique=True)
    legal_entity_number = models.CharField(
        _("nomor badan hukum"), max_length=100, blank=True,
        help_text=_("Nomor SK pengesahan badan hukum dari Kemenkumham (AHU)."),
    )
    nik_koperasi = models.CharField(
        _("NIK koperasi"), max_length=16, blank=True,
        validators=[RegexValidator(r"^\d{16}$", _("NIK koperasi harus 16 digit angka."))],
        help_text=_("Nomor Induk Koperasi dari ODS Kemenkop, 16 digit."),
    )
    coop_type = models.CharField(_("jenis koperasi"), max_length=20, choices=Type.choices)
    province = models.CharField(_("provinsi"), max_length=2, choices=PROVINCE_CHOICES)
    regency = models.CharField(_("kabupaten/kota"), max_length=100)
    address = models.TextField(_("alamat"), blank=True)
    founded_on = models.DateField(_("tanggal berdiri"), null=True, blank=True)
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("bulan awal tahun buku"), default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )

    # By-law (AD/ART) parameters.
    simpanan_pokok_amount = models.DecimalField(
        _("simpanan pokok (Rp)"), max_digits=14, decimal_places=0, default=Decimal("100000"),
        validators=[MinValueValidator(ZERO)],
    )
    simpanan_wajib_amount = models.DecimalField(
        _("simpanan wajib per bulan (Rp)"), max_digits=14, decimal_places=0,
        default=Decimal("25000"), validators=[MinValueValidator(ZERO)],
    )
    # The day of the month by which that month's simpanan wajib is to be paid; a member
    # is in arrears for a month only after it. At most 28 so every month has the day.
    simpanan_wajib_due_day = models.PositiveSmallIntegerField(
        _("tanggal jatuh tempo simpanan wajib"), default=10,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Tanggal 1 sampai 28 setiap bulan, sesuai AD/ART. Anggota baru dihitung "
                    "menunggak setelah tanggal ini lewat."),
    )
    rat_quorum = models.DecimalField(
        _("kuorum RAT"), max_digits=4, decimal_places=3, default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(Decimal("1"))],
        help_text=_("Bagian anggota yang harus hadir, misalnya 0,5 untuk separuh."),
    )
    shu_reserve_pct = models.DecimalField(_("cadangan (%)"), max_digits=5, decimal_places=2,
                                          default=Decimal("40"), validators=percent)
    shu_capital_pct = models.DecimalField(_("jasa modal anggota (%)"), max_digits=5,
                                          decimal_places=2, default=Decimal("20"),
                                          validators=percent)
    shu_business_pct = models.DecimalField(_("jasa usaha anggota (%)"), max_digits=5,
                                           decimal_places=2, default=Decimal("25"),
                                           validators=percent)
    shu_board_pct = models.DecimalField(_("dana pengurus dan pengawas (%)"), max_digits=5,
                                        decimal_places=2, default=Decimal("5"),
                                        validators=percent)
    shu_staff_pct = models.DecimalField(_("dana karyawan (%)"), max_digits=5, decimal_places=2,
                                        default=Decimal("5"), validators=percent)
    shu_education_pct = models.DecimalField(_("dana pendidikan (%)"), max_digits=5,
                                            decimal_places=2, default=Decimal("2.5"),
                                            validators=percent)
    shu_social_pct = models.DecimalField(_("dana sosial (%)"), max_digits=5, decimal_places=2,
                                         default=Decimal("2.5"), validators=percent)
    shu_area_pct = models.DecimalField(_("dana pembangunan daerah kerja (%)"), max_digits=5,
                                       decimal_places=2, default=Decimal("0"),
                                       validators=percent)

    # Joint marketing: the cooperative's share of a consignment sale (overridable per
    # category or product), and VAT, charged only by a PKP (VAT-registered) cooperative.
    consignment_commission_pct = models.DecimalField(
        _("komisi titip jual (%)"), max_digits=5, decimal_places=2, default=Decimal("10"),
        validators=percent)
    npwp = models.CharField(_("NPWP"), max_length=20, blank=True)
    is_pkp = models.BooleanField(_("Pengusaha Kena Pajak (PKP)"), default=False,
                                 help_text=_("Hanya koperasi PKP yang memungut PPN."))
    ppn_rate = models.DecimalField(_("tarif PPN (%)"), max_digits=5, decimal_places=2,
                                   default=Decimal("11"), validators=percent)

    # Payment details shown to buyers on the order page and the invoice (see BANK_FIELDS).
    bank_name = models.CharField(
        _("nama bank"), max_length=60, blank=True,
        validators=[MinLengthValidator(3, _("Nama bank minimal 3 karakter, misalnya Bank BRI.")),
                    has_letters(_("Nama bank harus berisi huruf, misalnya Bank BRI."))],
        help_text=_("Misalnya Bank BRI, BNI, Mandiri, BSI atau BPD DIY."))
    bank_account_number = models.CharField(
        _("nomor rekening"), max_length=30, blank=True,
        validators=[RegexValidator(r"^\d{6,20}$", _(
            "Nomor rekening hanya berisi angka, 6 sampai 20 digit "
            "(spasi, titik dan tanda hubung boleh diketik)."))],
        help_text=_("Spasi, titik dan tanda hubung dihapus otomatis."))
    bank_account_holder = models.CharField(
        _("nama pemilik rekening"), max_length=100, blank=True,
        validators=[MinLengthValidator(3, _("Nama pemilik rekening minimal 3 karakter.")),
                    has_letters(_("Nama pemilik rekening harus berisi huruf."))],
        help_text=_("Nama pemilik rekening persis seperti tercatat di bank."))
    qris_merchant_name = models.CharField(
        _("nama merchant QRIS"), max_length=100, blank=True,
        validators=[MinLengthValidator(3, _("Nama merchant QRIS minimal 3 karakter.")),
                    has_letters(_("Nama merchant QRIS harus berisi huruf."))],
        help_text=_("Boleh dikosongkan. Nama yang tampil di aplikasi pembeli saat memindai "
                    "QRIS koperasi."))
    qris_nmid = models.CharField(
        _("NMID QRIS"), max_length=20, blank=True,
        validators=[RegexValidator(r"^ID\d{13}$", _(
            "NMID QRIS terdiri dari huruf ID dan 13 digit angka, misalnya ID1020012345678."))],
        help_text=_("National Merchant ID yang tercetak di bawah kode QRIS."))

    # Member numbers are handed out from this counter under a row lock, so a
    # number is never given twice and never reused after a member leaves.
    last_member_number = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("koperasi")
        verbose_name_plural = _("koperasi")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def province_name(self) -> str:
        return PROVINCES.get(self.province, "")

    def shu_total_pct(self) -> Decimal:
        return sum((getattr(self, f) or ZERO for f in SHU_FIELDS), ZERO)

    @property
    def has_bank_account(self) -> bool:
        return all(getattr(self, f) for f in BANK_FIELDS)

    @property
    def has_qris(self) -> bool:
        return all(getattr(self, f) for f in QRIS_FIELDS)

    def clean(self):
        super().clean()
        errors = self._incomplete_payment_details()
        total = self.shu_total_pct()
        if total != HUNDRED:
            errors[NON_FIELD_ERRORS] = [
                _("Pembagian SHU harus berjumlah tepat 100%%; sekarang %(total)s%%.")
                % {"total": f"{total.normalize():f}"}
            ]
        if errors:
            raise ValidationError(errors)

    def _incomplete_payment_details(self) -> dict[str, list[str]]:
        """A half-filled account would send a buyer's money nowhere: name the gaps."""
        errors = {}
        for group, rule in (
            (BANK_FIELDS, _("Nama bank, nomor rekening dan nama pemilik rekening diisi "
                            "bersama, atau dikosongkan ketiganya.")),
            (QRIS_FIELDS, _("Nama merchant QRIS dan NMID diisi bersama, atau dikosongkan "
                            "keduanya.")),
        ):
            if any(getattr(self, f) for f in group):
                for field in group:
                    if not getattr(self, field):
                        label = self._meta.get_field(field).verbose_name
                        errors[field] = [_("Isi juga %(field)s. %(rule)s")
                                         % {"field": label, "rule": rule}]
        return errors


class CoopRoleQuerySet(models.QuerySet):
    def roles_of(self, user, cooperative) -> set[str]:
        return set(
            self.filter(user=user, cooperative=cooperative).values_list("role", flat=True)
        )


class CoopRole(models.Model):
    """A user holds one or more roles in one or more cooperatives."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="coop_roles")
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE,
                                    related_name="roles")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    objects = CoopRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("peran")
        verbose_name_plural = _("peran")
        constraints = [
            models.UniqueConstraint(fields=["user", "cooperative", "role"],
                                    name="one_role_row_per_user_coop_role"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.cooperative}"


class CoopOwned(models.Model):
    """Base of every model a cooperative owns: the tenant key, and a manager that
    refuses to query outside `django_scopes.scope(cooperative=…)` (or an explicit
    `scopes_disabled()`), so a forgotten filter is an error, never a leak.

    The key is PROTECT with no reverse accessor by default: a cooperative with
    records is never deleted by a cascade. A model that needs a reverse name (or
    CASCADE for set-up rows) redeclares the field; the manager stays. The foreign
    key's own index serves the tenant filter; models add composite indexes that
    lead with `cooperative` for their hot lists.
    """

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        abstract = True


class AuditLog(CoopOwned):
    """Who did what to which object, when. Append-only."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["cooperative", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    @property
    def data_pairs(self) -> list[tuple[str, object]]:
        # Templates read `data.items` as a key when the data has one named "items".
        return list(self.data.items())


class ApiToken(CoopOwned):
    """A bearer token for /api/v1/, bound to one user in one cooperative.

    Only a hash is stored: the key is shown once, when it is issued.
    """

    PREFIX = "gy_"

    # A token is access, not a record: it goes with its cooperative.
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(_("nama token"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    key_hint = models.CharField(max_length=12)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.key_hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def new_key(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)


# The periodic jobs' run records live in core.jobs; Django loads models from here.
from .jobs.models import JobRun, JobRunLine  # noqa: E402,F401
