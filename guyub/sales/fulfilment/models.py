"""What members bring to the warehouse for each order, and the shipments that take the
orders to their destination."""

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.catalog.models import Product
from guyub.core.models import CoopOwned
from guyub.core.states import Stateful
from guyub.members.models import Member

ZERO = Decimal(0)


class Shipment(CoopOwned, Stateful):
    """Orders going to the same destination, sent together."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Disiapkan")
        SHIPPED = "shipped", _("Dikirim")
        DELIVERED = "delivered", _("Diterima")

    TRANSITIONS = {
        Status.PREPARING: {Status.SHIPPED},
        Status.SHIPPED: {Status.DELIVERED},
    }

    number = models.PositiveIntegerField()
    destination = models.CharField(_("tujuan"), max_length=150)
    carrier = models.CharField(_("ekspedisi"), max_length=80, blank=True)
    tracking_number = models.CharField(_("nomor resi"), max_length=80, blank=True)
    cost = models.DecimalField(_("ongkos kirim (Rp)"), max_digits=14, decimal_places=0,
                               default=ZERO)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PREPARING)
    created_at = models.DateTimeField(default=timezone.now)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cost_entry = models.ForeignKey("ledger.JournalEntry", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "number"],
                                               name="shipment_number_unique")]

    def __str__(self):
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"KRM-{self.number:05d}"


class FulfilmentLine(CoopOwned):
    """What one member delivers to the warehouse for one order, and what they earn."""

    # Strings: orders and payouts point at these lines as well.
    order = models.ForeignKey("sales.Order", on_delete=models.CASCADE, related_name="fulfilment")
    order_line = models.ForeignKey("sales.OrderLine", on_delete=models.CASCADE,
                                   related_name="fulfilment")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="fulfilment")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField()
    # The member's share of the sale before commission, and the cooperative's commission.
    sale_amount = models.DecimalField(max_digits=16, decimal_places=0)
    commission = models.DecimalField(max_digits=16, decimal_places=0)
    due_date = models.DateField()
    handed_over_at = models.DateTimeField(null=True, blank=True)
    payout = models.ForeignKey("sales.PayoutLine", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="fulfilment_lines")

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["cooperative", "member", "handed_over_at"])]

    def __str__(self):
        return f"{self.order_id} {self.member_id} {self.quantity}×{self.product_id}"

    @property
    def member_earning(self) -> Decimal:
        return self.sale_amount - self.commission
