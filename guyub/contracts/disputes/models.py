"""Complaints on a delivery, the cooperative's mediation thread and the resolution."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned
from guyub.core.states import Stateful

from ..allocation.models import Allotment, Delivery


class Dispute(CoopOwned, Stateful):
    class Status(models.TextChoices):
        OPEN = "open", _("Dibuka")
        MEDIATING = "mediating", _("Dimediasi")
        RESOLVED = "resolved", _("Selesai")

    class Party(models.TextChoices):
        BUYER = "buyer", _("Pembeli")
        MEMBER = "member", _("Anggota")

    class Resolution(models.TextChoices):
        REPLACEMENT = "replacement", _("Barang diganti")
        PRICE_REDUCTION = "reduction", _("Potongan harga")
        REJECTION_UPHELD = "upheld", _("Penolakan dikuatkan")
        DISMISSED = "dismissed", _("Keluhan tidak terbukti")

    TRANSITIONS = {
        Status.OPEN: {Status.MEDIATING, Status.RESOLVED},
        Status.MEDIATING: {Status.RESOLVED},
    }

    delivery = models.ForeignKey(Delivery, on_delete=models.PROTECT, related_name="disputes")
    # The member's goods the complaint is about, when it is about one member's part.
    allotment = models.ForeignKey(Allotment, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="disputes")
    opened_by_party = models.CharField(max_length=8, choices=Party.choices)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    subject = models.CharField(_("pokok keluhan"), max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.CharField(max_length=12, choices=Resolution.choices, blank=True)
    amount = models.DecimalField(max_digits=16, decimal_places=0, null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # How much the member(s) replace (REPLACEMENT); the re-delivery itself is planned
    # through the allocation, outside the dispute.
    replace_quantity = models.PositiveIntegerField(null=True, blank=True)
    resolution_note = models.TextField(_("pertimbangan"), max_length=2000, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    # The credit note's journal entry (PRICE_REDUCTION).
    entry = models.ForeignKey("ledger.JournalEntry", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"#{self.pk} {self.subject}"

    @property
    def is_resolved(self) -> bool:
        return self.status == self.Status.RESOLVED

    @property
    def member_is_party(self) -> bool:
        """The member whose part is named takes part; a complaint about the whole
        delivery (no member named) is between the buyer and the cooperative."""
        return self.allotment_id is not None

    @property
    def buyer_is_party(self) -> bool:
        """The buyer takes part in its own complaints; a member contesting their quality
        result is between the member and the cooperative (the rejected goods never
        reached the buyer)."""
        return self.opened_by_party == self.Party.BUYER


class DisputeMessage(CoopOwned):
    """One message of the mediation thread (append-only, like the negotiation)."""

    COOPERATIVE = "cooperative"

    dispute = models.ForeignKey(Dispute, on_delete=models.PROTECT, related_name="messages")
    party = models.CharField(max_length=12)  # buyer, member or cooperative
    text = models.TextField(max_length=4000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                           related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A mediation message is never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A mediation message is never deleted.")
