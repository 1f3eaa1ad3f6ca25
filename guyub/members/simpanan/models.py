"""Simpanan: a member's balance per kind, and every deposit, withdrawal and
settlement with its receipt number and journal entry."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned


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


class SimpananAccount(CoopOwned):
    """A member's balance of one kind of simpanan.

    The row is locked (select_for_update) by every write, so two withdrawals at the
    same moment queue here; its balance always equals the member's sub-ledger.
    """

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT,
                               related_name="simpanan_accounts")
    kind = models.CharField(max_length=10, choices=SimpananKind.choices)
    balance = models.DecimalField(max_digits=16, decimal_places=0, default=Decimal(0))
    # Simpanan wajib: how many monthly dues have been paid in total.
    months_paid = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"],
                                    name="one_simpanan_account_per_kind"),
            models.CheckConstraint(condition=models.Q(balance__gte=0),
                                   name="simpanan_balance_never_negative"),
        ]

    def __str__(self):
        return f"{self.member_id} {self.kind} {self.balance}"


class SimpananTransaction(CoopOwned):
    class Type(models.TextChoices):
        DEPOSIT = "deposit", _("Setoran")
        WITHDRAWAL = "withdrawal", _("Penarikan")
        SETTLEMENT = "settlement", _("Pengembalian saat keluar")

    class Method(models.TextChoices):
        CASH = "cash", _("Tunai (kas)")
        BANK = "bank", _("Transfer bank")

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT,
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
