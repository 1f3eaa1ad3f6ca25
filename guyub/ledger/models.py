from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import Cooperative, CoopOwned

from .chart import ASSET, DEBIT_NORMAL, EQUITY, EXPENSE, INCOME, LIABILITY

ZERO = Decimal("0")


class Account(CoopOwned):
    class Type(models.TextChoices):
        ASSET_ = ASSET, _("Aset")
        LIABILITY_ = LIABILITY, _("Kewajiban")
        EQUITY_ = EQUITY, _("Ekuitas")
        INCOME_ = INCOME, _("Pendapatan")
        EXPENSE_ = EXPENSE, _("Beban")

    # Redeclared: the chart is set-up data that goes with its cooperative
    # (CASCADE), and is reached as `cooperative.accounts`.
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE,
                                    related_name="accounts")
    code = models.CharField(_("kode akun"), max_length=20)
    name = models.CharField(_("nama akun"), max_length=150)
    type = models.CharField(_("jenis"), max_length=10, choices=Type.choices)
    role = models.CharField(max_length=40, blank=True,
                            help_text=_("Penanda akun sistem; kosong untuk akun tambahan."))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("akun")
        verbose_name_plural = _("akun")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "code"], name="account_code_unique"),
            models.UniqueConstraint(fields=["cooperative", "role"], condition=~Q(role=""),
                                    name="account_role_unique"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def debit_normal(self) -> bool:
        return self.type in DEBIT_NORMAL

    def signed(self, debit: Decimal, credit: Decimal) -> Decimal:
        """A balance the way an accountant reads it: positive on the normal side."""
        return (debit - credit) if self.debit_normal else (credit - debit)


class PeriodClose(CoopOwned):
    """Books are closed through `closed_through`: nothing may be posted on or before it."""

    # Redeclared: a close goes with its cooperative (CASCADE).
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="+")
    closed_through = models.DateField(_("ditutup sampai tanggal"))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-closed_through"]

    def __str__(self):
        return f"closed through {self.closed_through}"


class EntryKind(models.TextChoices):
    """What an entry is to the year-end: an ordinary money event; a closing entry (the
    year's income and expenses moved into its SHU, which the statements of that year
    leave out); or an adjusting entry, a correction dated in a closed year with a reason
    (finance.closing). The closed-period guards let the two year-end kinds through."""

    REGULAR = "regular", _("Transaksi")
    CLOSING = "closing", _("Jurnal penutup")
    ADJUSTING = "adjusting", _("Jurnal penyesuaian")


class JournalEntry(CoopOwned):
    """One balanced money event. Never edited or deleted: corrected by a reversal."""

    # Redeclared for its reverse name (`cooperative.journal_entries`).
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT,
                                    related_name="journal_entries")
    number = models.PositiveIntegerField(_("nomor jurnal"))
    date = models.DateField(_("tanggal"))
    description = models.CharField(_("keterangan"), max_length=255)
    # What caused the entry, e.g. "members.simpanantransaction" #12, with a link to it.
    source_type = models.CharField(max_length=80, blank=True)
    source_id = models.CharField(max_length=40, blank=True)
    source_url = models.CharField(max_length=255, blank=True)
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="reversed_by")
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    posted_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(_("jenis jurnal"), max_length=10, choices=EntryKind.choices,
                            default=EntryKind.REGULAR)

    class Meta:
        verbose_name = _("jurnal")
        verbose_name_plural = _("jurnal")
        ordering = ["-date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "number"],
                                    name="journal_number_unique"),
        ]
        indexes = [
            models.Index(fields=["cooperative", "date"]),
            models.Index(fields=["cooperative", "source_type", "source_id"]),
        ]

    def __str__(self):
        return f"JU-{self.number:06d} {self.date} {self.description}"

    @property
    def display_number(self) -> str:
        return f"JU-{self.number:06d}"


class JournalLine(CoopOwned):
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="lines")
    # Denormalised from the entry so balances at a date need no join on the hot path.
    date = models.DateField()
    debit = models.DecimalField(max_digits=18, decimal_places=0, default=ZERO)
    credit = models.DecimalField(max_digits=18, decimal_places=0, default=ZERO)
    member = models.ForeignKey("members.Member", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="journal_lines")
    # Denormalised from the entry, like the date: the statements leave closing lines out
    # and the closed-period guard lets adjusting lines in, both without a join.
    kind = models.CharField(max_length=10, choices=EntryKind.choices,
                            default=EntryKind.REGULAR)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0, credit=0) | Q(credit__gt=0, debit=0)),
                name="line_exactly_one_positive_side",
            ),
        ]
        indexes = [
            models.Index(fields=["cooperative", "account", "date"]),
            models.Index(fields=["cooperative", "member", "account"]),
        ]

    def __str__(self):
        return f"{self.account} D{self.debit} K{self.credit}"
