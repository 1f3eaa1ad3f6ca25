"""Sealed tenders (requests for quotation) and the suppliers' bids on them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned
from guyub.core.states import Stateful

from ..suppliers.models import ZERO, Item, Supplier, positive


class Tender(CoopOwned, Stateful):
    """A sealed request for quotation for a round's pooled demand."""

    class Status(models.TextChoices):
        OPEN = "open", _("Menerima penawaran")
        EVALUATION = "evaluation", _("Evaluasi")
        AWARDED = "awarded", _("Dimenangkan")
        CANCELLED = "cancelled", _("Dibatalkan")

    # Open for bids until the deadline, then evaluated; awarded from evaluation (or
    # from open once the deadline has passed, before the scheduled job marked it).
    TRANSITIONS = {
        Status.OPEN: {Status.EVALUATION, Status.AWARDED, Status.CANCELLED},
        Status.EVALUATION: {Status.AWARDED, Status.CANCELLED},
    }

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="tenders")
    quantity = models.DecimalField(_("jumlah yang dibutuhkan"), max_digits=14,
                                   decimal_places=3, validators=positive)
    terms = models.TextField(_("syarat"), blank=True)
    deadline = models.DateTimeField(_("batas penawaran"))
    suppliers = models.ManyToManyField(Supplier, related_name="tenders",
                                       verbose_name=_("pemasok yang diundang"))
    terms_version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    award_reason = models.TextField(_("alasan pemenang"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.item} {self.quantity}"

    @property
    def is_sealed(self) -> bool:
        """Bids stay sealed until the deadline, by the server's clock."""
        return timezone.now() < self.deadline


class Bid(CoopOwned, Stateful):
    class Status(models.TextChoices):
        VALID = "valid", _("Berlaku")
        VOID = "void", _("Batal karena syarat berubah")
        AWARDED = "awarded", _("Menang")
        LOST = "lost", _("Kalah")

    # A valid bid is voided by a change of terms, or wins or loses at the award.
    TRANSITIONS = {Status.VALID: {Status.VOID, Status.AWARDED, Status.LOST}}

    tender = models.ForeignKey(Tender, on_delete=models.PROTECT, related_name="bids")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="bids")
    terms_version = models.PositiveIntegerField()
    pack_size = models.DecimalField(max_digits=12, decimal_places=3, validators=positive)
    min_order_qty = models.DecimalField(max_digits=12, decimal_places=3, default=ZERO)
    tiers = models.JSONField(help_text="[[from_qty, unit_price], ...]")
    delivery_date = models.DateField()
    payment_terms = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VALID)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at"]

    def __str__(self):
        return f"{self.supplier} → {self.tender_id}"
