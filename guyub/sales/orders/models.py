"""Buyers, their orders and order lines, the payments that settle them, and the counter
that numbers them."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.catalog.models import Bundle, Channel, Product
from guyub.core.models import Cooperative, CoopOwned
from guyub.core.regions import PROVINCE_CHOICES
from guyub.core.states import Stateful

ZERO = Decimal(0)


class Buyer(CoopOwned):
    class Kind(models.TextChoices):
        RETAIL = "retail", _("Pembeli eceran")
        BUSINESS = "business", _("Pembeli bisnis (grosir)")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="buyer_profiles")
    kind = models.CharField(_("jenis pembeli"), max_length=10, choices=Kind.choices,
                            default=Kind.RETAIL)
    name = models.CharField(_("nama"), max_length=150)
    company = models.CharField(_("nama perusahaan"), max_length=150, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("telepon"), max_length=20)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pembeli")
        verbose_name_plural = _("pembeli")

    def __str__(self):
        return self.company or self.name


class OrderCounter(CoopOwned):
    """The last order number a cooperative gave out. Checkouts take the next one with one
    upsert at the very end of placing an order (orders.statements.next_order_number), so
    they queue on this row only for the last few statements: MAX(number) + 1 would have
    every checkout of the cooperative wait for the one before it from start to commit."""

    # Set-up data of the cooperative, not a record: it goes with it; and it is the key.
    cooperative = models.OneToOneField(Cooperative, on_delete=models.CASCADE, primary_key=True,
                                       related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.cooperative_id}: {self.last_number}"


class Order(CoopOwned, Stateful):
    class Status(models.TextChoices):
        PLACED = "placed", _("Dipesan")
        PAID = "paid", _("Dibayar")
        FULFILLING = "fulfilling", _("Disiapkan")
        SHIPPED = "shipped", _("Dikirim")
        DELIVERED = "delivered", _("Diterima")
        CANCELLED = "cancelled", _("Dibatalkan")

    # Paid, and goods still coming to the warehouse (FULFILLING: some are in); it may
    # be cancelled until it leaves. A shipment takes orders of both (their goods all in).
    TRANSITIONS = {
        Status.PLACED: {Status.PAID, Status.CANCELLED},
        Status.PAID: {Status.FULFILLING, Status.SHIPPED, Status.CANCELLED},
        Status.FULFILLING: {Status.SHIPPED, Status.CANCELLED},
        Status.SHIPPED: {Status.DELIVERED},
    }

    number = models.PositiveIntegerField()
    buyer = models.ForeignKey(Buyer, on_delete=models.PROTECT, related_name="orders")
    channel = models.ForeignKey(Channel, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="orders")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PLACED)
    # Where it goes: the key shipments consolidate on.
    country = models.CharField(_("negara"), max_length=2, default="ID")
    province = models.CharField(_("provinsi"), max_length=2, choices=PROVINCE_CHOICES,
                                blank=True)
    city = models.CharField(_("kota/kabupaten"), max_length=100)
    address = models.TextField(_("alamat kirim"))
    subtotal = models.DecimalField(max_digits=16, decimal_places=0, default=ZERO)
    ppn_rate = models.DecimalField(max_digits=5, decimal_places=2, default=ZERO)
    ppn_amount = models.DecimalField(max_digits=16, decimal_places=0, default=ZERO)
    total = models.DecimalField(max_digits=16, decimal_places=0, default=ZERO)
    weight_grams = models.PositiveIntegerField(default=0)
    # A string: the shipment is fulfilment's model, which points back at orders.
    shipment = models.ForeignKey("sales.Shipment", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="orders")
    shipping_cost_share = models.DecimalField(max_digits=14, decimal_places=0, default=ZERO)
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    placed_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # A guest sees their order through this unguessable key.
    access_key = models.CharField(max_length=40, db_index=True)

    class Meta:
        verbose_name = _("pesanan")
        verbose_name_plural = _("pesanan")
        ordering = ["-placed_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "number"],
                                               name="order_number_unique")]
        indexes = [
            models.Index(fields=["cooperative", "status", "placed_at"]),
            # The dashboards' and reports' sales by paid date: on PostgreSQL the grouped
            # columns ride along (INCLUDE), so a month's figures are an index-only scan.
            models.Index(fields=["cooperative", "paid_at"], name="order_paid_covering",
                         include=["status", "channel", "country", "province", "city",
                                  "subtotal"]),
        ]

    def __str__(self):
        return self.display_number

    @classmethod
    def statuses_moving_to(cls, target) -> list[str]:
        """The statuses from which the table allows a move to `target`: the orders a
        bulk update may move (a shipment leaving moves its orders, never a cancelled one)."""
        return [status for status, targets in cls.TRANSITIONS.items() if target in targets]

    @property
    def display_number(self) -> str:
        return f"PSN-{self.number:06d}"

    @property
    def amount_paid(self) -> Decimal:
        """What the buyer has paid so far: a business buyer may pay a deposit first."""
        return self.payments.aggregate(s=models.Sum("amount"))["s"] or Decimal(0)

    @property
    def balance_due(self) -> Decimal:
        if self.status == self.Status.CANCELLED:
            return Decimal(0)
        return max(self.total - self.amount_paid, Decimal(0))

    @property
    def destination_key(self) -> str:
        if self.country != "ID":
            return self.country
        return f"{self.city}, {self.get_province_display()}"


class OrderLine(CoopOwned):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="order_lines")
    bundle = models.ForeignKey(Bundle, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="order_lines")
    name = models.CharField(max_length=150)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=14, decimal_places=0)
    line_total = models.DecimalField(max_digits=16, decimal_places=0)
    weight_grams = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(
            condition=(models.Q(product__isnull=False, bundle__isnull=True)
                       | models.Q(product__isnull=True, bundle__isnull=False)),
            name="order_line_product_xor_bundle")]

    def __str__(self):
        return f"{self.quantity} × {self.name}"


class Payment(CoopOwned):
    class Method(models.TextChoices):
        BANK = "bank_transfer", _("Transfer bank")
        QRIS = "qris", _("QRIS")
        CASH = "cash", _("Tunai")

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(max_digits=16, decimal_places=0)
    method = models.CharField(_("cara bayar"), max_length=15, choices=Method.choices)
    # The bank/QRIS reference: the same notification twice records one payment.
    reference = models.CharField(_("referensi"), max_length=100)
    received_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    entry = models.ForeignKey("ledger.JournalEntry", null=True, on_delete=models.PROTECT,
                              related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative", "reference"],
                                               name="payment_reference_once")]

    def __str__(self):
        return f"{self.reference} {self.amount}"
