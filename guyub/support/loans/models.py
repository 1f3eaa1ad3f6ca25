"""Member loans: the by-law limits, the loan, its instalments, repayments and
restructurings. Money rows are never edited away: a paid instalment stays paid, a
restructured schedule's rows stay as "superseded", repayments are append-only."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned
from guyub.core.states import Stateful

from .schedule import DECLINING, FLAT

MAX_TERM_MONTHS = 120  # the longest term any by-laws may set here (ten years)
MAX_GRACE_DAYS = 30
MONEY = {"max_digits": 14, "decimal_places": 0}


class Method(models.TextChoices):
    FLAT = FLAT, _("Flat (bunga tetap dari pokok awal)")
    DECLINING = DECLINING, _("Menurun (bunga dari sisa pokok)")


class PayMethod(models.TextChoices):
    CASH = "cash", _("Tunai (kas)")
    BANK = "bank", _("Transfer bank")
    SUKARELA = "sukarela", _("Simpanan sukarela")


class LoanSettings(CoopOwned):
    """The by-law limits of the cooperative's loans (one row per cooperative)."""

    ceiling_multiple = models.DecimalField(
        _("plafon (kali simpanan)"), max_digits=5, decimal_places=2, default=Decimal(3),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
        help_text=_("Pinjaman paling banyak sekian kali jumlah simpanan pokok, wajib dan "
                    "sukarela anggota."))
    max_term_months = models.PositiveSmallIntegerField(
        _("jangka waktu maksimum (bulan)"), default=24,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TERM_MONTHS)])
    monthly_rate_pct = models.DecimalField(
        _("jasa pinjaman per bulan (%)"), max_digits=5, decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(10))])
    default_method = models.CharField(_("metode bunga"), max_length=10,
                                      choices=Method.choices, default=Method.DECLINING)
    grace_days = models.PositiveSmallIntegerField(
        _("masa tenggang (hari)"), default=7, validators=[MaxValueValidator(MAX_GRACE_DAYS)],
        help_text=_("Angsuran yang terlambat tidak lebih dari sekian hari masih lancar."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative"],
                                               name="one_loan_settings_per_coop")]

    def __str__(self):
        return f"{self.cooperative_id}: x{self.ceiling_multiple}, {self.max_term_months}"

    @property
    def monthly_rate(self) -> Decimal:
        return self.monthly_rate_pct / 100


class Loan(CoopOwned, Stateful):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Diajukan")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")
        ACTIVE = "active", _("Berjalan")
        CLOSED = "closed", _("Lunas")

    TRANSITIONS = {
        Status.APPLIED: {Status.APPROVED, Status.REJECTED},
        Status.APPROVED: {Status.ACTIVE},
        Status.ACTIVE: {Status.CLOSED},
    }

    number = models.PositiveIntegerField(_("nomor pinjaman"))
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT,
                               related_name="loans")
    amount = models.DecimalField(_("jumlah pinjaman (Rp)"), **MONEY)
    term_months = models.PositiveSmallIntegerField(_("jangka waktu (bulan)"))
    monthly_rate_pct = models.DecimalField(_("jasa per bulan (%)"), max_digits=5,
                                           decimal_places=2)
    method = models.CharField(_("metode bunga"), max_length=10, choices=Method.choices)
    purpose = models.CharField(_("keperluan"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.APPLIED)
    # Who typed the application in: the member themselves, or staff for them. With the
    # member's own login these are the two people the approver must not be (four eyes).
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    applied_at = models.DateTimeField(default=timezone.now)
    assessment = models.TextField(_("catatan penilaian"), max_length=4000, blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    assessed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(_("alasan penolakan"), max_length=500, blank=True)
    disbursed_on = models.DateField(null=True, blank=True)
    disbursed_via = models.CharField(max_length=10, choices=PayMethod.choices, blank=True)
    disbursement_entry = models.ForeignKey("ledger.JournalEntry", null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")
    # The schedule in force: instalments of older versions are superseded (restructured).
    schedule_version = models.PositiveSmallIntegerField(default=0)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "number"],
                                    name="loan_number_unique_per_coop"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="loan_amount_positive"),
            models.CheckConstraint(condition=models.Q(term_months__gte=1),
                                   name="loan_term_positive"),
        ]
        indexes = [models.Index(fields=["cooperative", "status", "number"]),
                   models.Index(fields=["cooperative", "member", "status"])]

    def __str__(self):
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"PJ-{self.number:05d}"

    @property
    def monthly_rate(self) -> Decimal:
        return self.monthly_rate_pct / 100


class Instalment(CoopOwned):
    class Status(models.TextChoices):
        DUE = "due", _("Belum dibayar")
        PAID = "paid", _("Lunas")
        SUPERSEDED = "superseded", _("Diganti restrukturisasi")
        SETTLED = "settled", _("Dilunasi dipercepat")

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="instalments")
    version = models.PositiveSmallIntegerField(default=1)
    seq = models.PositiveSmallIntegerField()
    due = models.DateField(_("jatuh tempo"))
    principal = models.DecimalField(_("pokok"), **MONEY)
    interest = models.DecimalField(_("jasa"), **MONEY)
    balance_after = models.DecimalField(_("sisa pokok"), **MONEY)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DUE)
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["version", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "version", "seq"],
                                    name="instalment_unique_per_schedule"),
            models.CheckConstraint(condition=models.Q(principal__gte=0, interest__gte=0,
                                                      balance_after__gte=0),
                                   name="instalment_amounts_not_negative"),
        ]
        indexes = [models.Index(fields=["cooperative", "status", "due"])]

    def __str__(self):
        return f"{self.loan_id}/{self.version}/{self.seq}"

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest


class Repayment(CoopOwned):
    """Money received on a loan: one instalment, or the early settlement of all of it.
    Append-only; the entry splits it into principal (Cr loans_receivable) and interest
    (Cr loan_interest)."""

    class Kind(models.TextChoices):
        INSTALMENT = "instalment", _("Angsuran")
        EARLY = "early", _("Pelunasan dipercepat")

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="repayments")
    # The instalment notice this pays. Unique: two repayments of the same instalment never
    # both count, even if the service's lock were bypassed.
    instalment = models.OneToOneField(Instalment, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="repayment")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.INSTALMENT)
    date = models.DateField(_("tanggal"))
    principal = models.DecimalField(**MONEY)
    interest = models.DecimalField(**MONEY)
    method = models.CharField(_("cara bayar"), max_length=10, choices=PayMethod.choices)
    entry = models.ForeignKey("ledger.JournalEntry", null=True, on_delete=models.PROTECT,
                              related_name="+")
    simpanan_transaction = models.ForeignKey(
        "members.SimpananTransaction", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(principal__gte=0, interest__gte=0),
                                   name="repayment_amounts_not_negative"),
            models.UniqueConstraint(fields=["loan"], condition=models.Q(kind="early"),
                                    name="one_early_settlement_per_loan"),
        ]

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest


class Restructuring(CoopOwned):
    """The board's decision to reschedule what is still owed: the old instalments stay,
    superseded; the new schedule is version `version` of the loan's instalments."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="restructurings")
    version = models.PositiveSmallIntegerField()
    outstanding = models.DecimalField(**MONEY)
    term_months = models.PositiveSmallIntegerField()
    monthly_rate_pct = models.DecimalField(max_digits=5, decimal_places=2)
    method = models.CharField(max_length=10, choices=Method.choices)
    first_due = models.DateField()
    reason = models.TextField(max_length=2000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["version"]
        constraints = [models.UniqueConstraint(fields=["loan", "version"],
                                               name="one_restructuring_per_version")]
