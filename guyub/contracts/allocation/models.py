"""Members' declared capacities for a contract, its scheduled deliveries, and each
delivery's allotments (who brings how much, and why)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.catalog.models import Product
from guyub.core.models import CoopOwned
from guyub.core.states import Stateful
from guyub.members.models import Member

from ..negotiation.models import MAX_QUANTITY, Contract


class Capacity(CoopOwned):
    """What a member declares they can supply for each delivery of a contract, from
    one of their products (which must meet the contract's grade)."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="capacities")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="contract_capacities")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("kapasitas per pengiriman"),
                                           validators=[MaxValueValidator(MAX_QUANTITY)])
    # Deliveries (by sequence) the member said in advance they cannot serve.
    unavailable = models.JSONField(default=list, blank=True)
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contract", "member"],
                                               name="contracts_capacity_once")]


class Delivery(CoopOwned, Stateful):
    """One scheduled delivery of a contract to its buyer."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        ALLOCATED = "allocated", _("Dibagi ke anggota")
        RECEIVED = "received", _("Diterima di gudang")
        DELIVERED = "delivered", _("Dikirim ke pembeli")
        CANCELLED = "cancelled", _("Dibatalkan")

    TRANSITIONS = {
        Status.PLANNED: {Status.ALLOCATED, Status.CANCELLED},
        Status.ALLOCATED: {Status.ALLOCATED, Status.RECEIVED, Status.CANCELLED},
        Status.RECEIVED: {Status.DELIVERED},
    }

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="schedule")
    sequence = models.PositiveSmallIntegerField()
    due_on = models.DateField(_("tanggal kirim"))
    quantity = models.PositiveIntegerField(validators=[MaxValueValidator(MAX_QUANTITY)])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    # What the allocation could not cover (capacity short), recorded with the split.
    shortfall = models.PositiveIntegerField(default=0)
    allocated_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["contract", "sequence"]
        constraints = [models.UniqueConstraint(fields=["contract", "sequence"],
                                               name="contracts_delivery_once")]
        indexes = [models.Index(fields=["cooperative", "due_on"])]


class Allotment(CoopOwned, Stateful):
    """A member's share of one delivery, with what the rule computed for them (for
    "explain my share"). A member who cannot deliver is withdrawn (kept, with the
    reason: it counts against them) and the shortfall goes to standby producers as new
    allotments of kind REALLOCATED."""

    class Status(models.TextChoices):
        ALLOTTED = "allotted", _("Dibagikan")
        WITHDRAWN = "withdrawn", _("Tidak bisa mengirim")
        RECEIVED = "received", _("Sudah diperiksa")

    class Kind(models.TextChoices):
        ORIGINAL = "original", _("Pembagian awal")
        REALLOCATED = "reallocated", _("Pengganti (cadangan)")

    TRANSITIONS = {
        Status.ALLOTTED: {Status.WITHDRAWN, Status.RECEIVED},
    }

    delivery = models.ForeignKey(Delivery, on_delete=models.PROTECT, related_name="allotments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="contract_allotments")
    capacity = models.ForeignKey(Capacity, on_delete=models.PROTECT, related_name="allotments")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ORIGINAL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ALLOTTED)
    quantity = models.PositiveIntegerField()
    # The rule's working, frozen at allocation: rule, capacity, total capacity, quantity
    # asked, ideal share (as a fraction string) and rounding.
    explanation = models.JSONField(default=dict)
    withdrawn_reason = models.CharField(max_length=255, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["delivery", "member_id", "id"]
        indexes = [models.Index(fields=["cooperative", "member", "status"])]
