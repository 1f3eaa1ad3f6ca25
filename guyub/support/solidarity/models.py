"""The solidarity fund (dana sosial): money put into it and grants paid out of it.

The fund itself is the ledger's social_fund account (2302 Dana sosial, a liability:
money the cooperative holds earmarked for members in hardship). Its balance is always
read from the journal, never stored, so the report and the books cannot disagree.
A Contribution and a paid Grant each point at the one entry that moved the fund.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned
from guyub.core.states import Stateful

FUND_ROLE = "social_fund"
MAX_AMOUNT_DIGITS = 14  # up to Rp 99 triliun: far above any fund, far below a 500


class Contribution(CoopOwned):
    """Money into the fund, recorded by staff. Never edited: a mistake is reversed in the
    ledger and recorded again."""

    class Source(models.TextChoices):
        MEMBER = "member", _("Anggota")
        COOPERATIVE = "cooperative", _("Koperasi (penyisihan SHU)")
        DONOR = "donor", _("Donatur luar")

    class Method(models.TextChoices):
        CASH = "cash", _("Tunai (kas)")
        BANK = "bank", _("Transfer bank")
        SUKARELA = "sukarela", _("Dari simpanan sukarela anggota")
        SHU = "shu", _("Penyisihan SHU (tanpa uang keluar)")

    source = models.CharField(_("sumber"), max_length=12, choices=Source.choices)
    member = models.ForeignKey("members.Member", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    donor_name = models.CharField(_("nama donatur"), max_length=150, blank=True)
    method = models.CharField(_("cara"), max_length=10, choices=Method.choices)
    amount = models.DecimalField(_("jumlah (Rp)"), max_digits=16, decimal_places=0)
    date = models.DateField(_("tanggal"))
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    entry = models.ForeignKey("ledger.JournalEntry", null=True, on_delete=models.PROTECT,
                              related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["cooperative", "date"])]

    def __str__(self):
        return f"{self.get_source_display()} {self.amount}"

    @property
    def giver(self) -> str:
        if self.member_id:
            return self.member.owner_name
        return self.donor_name or str(self.cooperative)


def grant_photo_path(instance, filename):
    return f"support/{instance.cooperative_id}/grants/{filename}"


class Grant(CoopOwned, Stateful):
    """A member's request for help from the fund, the board's decision and the payment.

    Four eyes: who decides is neither the member's own login nor who entered the
    request. Paid once: the move APPROVED -> PAID happens under the grant's row lock."""

    class Category(models.TextChoices):
        ILLNESS = "illness", _("Sakit")
        DISASTER = "disaster", _("Bencana alam")
        FIRE = "fire", _("Kebakaran tempat usaha")
        BEREAVEMENT = "bereavement", _("Kedukaan")
        OTHER = "other", _("Lainnya")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Diajukan")
        APPROVED = "approved", _("Disetujui")
        REFUSED = "refused", _("Ditolak")
        PAID = "paid", _("Dibayar")

    class Method(models.TextChoices):
        CASH = "cash", _("Tunai (kas)")
        BANK = "bank", _("Transfer bank")
        SUKARELA = "sukarela", _("Ke simpanan sukarela anggota")

    TRANSITIONS = {
        Status.REQUESTED: {Status.APPROVED, Status.REFUSED},
        Status.APPROVED: {Status.PAID},
    }

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("kategori"), max_length=12, choices=Category.choices)
    amount_requested = models.DecimalField(_("jumlah diminta (Rp)"), max_digits=16,
                                           decimal_places=0)
    reason = models.TextField(_("alasan"), max_length=2000)
    photo = models.ImageField(_("lampiran/foto"), upload_to=grant_photo_path, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    amount_approved = models.DecimalField(_("jumlah disetujui (Rp)"), max_digits=16,
                                          decimal_places=0, null=True, blank=True)
    decision_note = models.TextField(_("pertimbangan"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    method = models.CharField(_("cara bayar"), max_length=10, choices=Method.choices,
                              blank=True)
    paid_on = models.DateField(null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    entry = models.ForeignKey("ledger.JournalEntry", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["cooperative", "status"])]
        constraints = [
            # The database's own word that a grant is paid exactly once, with one entry.
            models.CheckConstraint(
                condition=~models.Q(status="paid") | models.Q(entry__isnull=False),
                name="grant_paid_has_entry"),
        ]

    def __str__(self):
        return _("Bantuan #%(pk)s") % {"pk": self.pk}
