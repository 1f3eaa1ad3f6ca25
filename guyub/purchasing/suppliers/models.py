"""What the cooperative buys and from whom: suppliers, the items bought together, each
supplier's price lists with their volume tiers, and the cooperative paying a round's
suppliers."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned

ZERO = Decimal(0)
positive = [MinValueValidator(Decimal("0.001"))]
not_negative = [MinValueValidator(ZERO)]


class Supplier(CoopOwned):
    name = models.CharField(_("nama pemasok"), max_length=150)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="supplier_profiles",
                             help_text=_("Akun pemasok untuk portal pemasok."))
    contact_name = models.CharField(_("nama kontak"), max_length=150, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("alamat"), blank=True)
    npwp = models.CharField(_("NPWP"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("pemasok")
        verbose_name_plural = _("pemasok")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Item(CoopOwned):
    """A raw material or packaging the members buy together (soybeans, jars, sugar)."""

    name = models.CharField(_("nama barang"), max_length=150)
    unit = models.CharField(_("satuan"), max_length=20, default="kg")
    # What a member pays buying alone (per unit): the yardstick of the savings report.
    retail_reference_price = models.DecimalField(
        _("harga beli sendiri per satuan (Rp)"), max_digits=14, decimal_places=0,
        validators=not_negative)

    class Meta:
        verbose_name = _("barang")
        verbose_name_plural = _("barang")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.unit})"


class PriceList(CoopOwned):
    """A supplier's offer for an item: pack size, minimum order and volume tiers."""

    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="price_lists")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="price_lists")
    pack_size = models.DecimalField(_("isi per kemasan"), max_digits=12, decimal_places=3,
                                    validators=positive,
                                    help_text=_("Misalnya 50 untuk karung 50 kg."))
    min_order_qty = models.DecimalField(_("minimal pesanan"), max_digits=12, decimal_places=3,
                                        default=ZERO, validators=not_negative)
    valid_from = models.DateField(_("berlaku dari"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    # Set when the price list came from an awarded tender bid.
    tender_bid = models.OneToOneField("Bid", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="price_list")

    class Meta:
        ordering = ["item__name", "-valid_from"]

    def __str__(self):
        return f"{self.supplier} · {self.item}"

    def tier_table(self) -> list[tuple[Decimal, Decimal]]:
        return [(t.from_qty, t.unit_price) for t in self.tiers.all()]


class PriceTier(CoopOwned):
    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="tiers")
    from_qty = models.DecimalField(_("mulai jumlah"), max_digits=12, decimal_places=3,
                                   validators=not_negative)
    unit_price = models.DecimalField(_("harga per satuan (Rp)"), max_digits=14,
                                     decimal_places=0, validators=positive)

    class Meta:
        ordering = ["from_qty"]
        constraints = [models.UniqueConstraint(fields=["price_list", "from_qty"],
                                               name="purchase_tier_once")]

    def __str__(self):
        return f"≥{self.from_qty}: {self.unit_price}"


class SupplierPayment(CoopOwned):
    """The cooperative paying what a round owes: a supplier's invoice, or (no supplier)
    the round's transport and handling costs. Dr payable_suppliers / Cr bank or cash."""

    class Method(models.TextChoices):
        BANK = "bank", _("Transfer bank")
        CASH = "cash", _("Tunai")

    # By name: rounds.models builds on this module (a round's items are price lists).
    round = models.ForeignKey("Round", on_delete=models.PROTECT,
                              related_name="supplier_payments")
    supplier = models.ForeignKey(Supplier, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="payments")
    amount = models.DecimalField(max_digits=16, decimal_places=0, validators=positive)
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.BANK)
    reference = models.CharField(_("referensi"), max_length=100, blank=True)
    entry = models.ForeignKey("ledger.JournalEntry", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.round_id} {self.supplier_id or '-'} {self.amount}"
