"""Consignment payouts: one batch per period, one line per member paid."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned
from guyub.members.models import Member


class PayoutBatch(CoopOwned):
    number = models.PositiveIntegerField()
    period_start = models.DateField(_("dari"))
    period_end = models.DateField(_("sampai"))
    method = models.CharField(max_length=10, default="bank")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    entry = models.ForeignKey("ledger.JournalEntry", null=True, on_delete=models.PROTECT,
                              related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "number"],
                                               name="payout_number_unique")]

    def __str__(self):
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"BYR-{self.number:05d}"


class PayoutLine(CoopOwned):
    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="lines")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="payouts")
    sales = models.DecimalField(max_digits=16, decimal_places=0)
    commission = models.DecimalField(max_digits=16, decimal_places=0)
    amount = models.DecimalField(max_digits=16, decimal_places=0)

    class Meta:
        ordering = ["member__number"]

    def __str__(self):
        return f"{self.batch_id} {self.member_id} {self.amount}"
