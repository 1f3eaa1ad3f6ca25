from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from guyub.core.models import Cooperative
from guyub.members.models import Member

ZERO = Decimal(0)
positive = [MinValueValidator(Decimal("0.001"))]
not_negative = [MinValueValidator(ZERO)]


class Supplier(models.Model):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT,
                                    related_name="suppliers")
    name = models.CharField(_("nama pemasok"), max_length=150)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="supplier_profiles",
                             help_text=_("Akun pemasok untuk portal pemasok."))
    contact_name = models.CharField(_("nama kontak"), max_length=150, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("alamat"), blank=True)
    npwp = models.CharField(_("NPWP"), max_length=20, blank=True)

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        verbose_name = _("pemasok")
        verbose_name_plural = _("pemasok")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Item(models.Model):
    """A raw material or packaging the members buy together (soybeans, jars, sugar)."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT,
                                    related_name="purchase_items")
    name = models.CharField(_("nama barang"), max_length=150)
    unit = models.CharField(_("satuan"), max_length=20, default="kg")
    # What a member pays buying alone (per unit): the yardstick of the savings report.
    retail_reference_price = models.DecimalField(
        _("harga beli sendiri per satuan (Rp)"), max_digits=14, decimal_places=0,
        validators=not_negative)

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        verbose_name = _("barang")
        verbose_name_plural = _("barang")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.unit})"


class PriceList(models.Model):
    """A supplier's offer for an item: pack size, minimum order and volume tiers."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
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

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        ordering = ["item__name", "-valid_from"]

    def __str__(self):
        return f"{self.supplier} · {self.item}"

    def tier_table(self) -> list[tuple[Decimal, Decimal]]:
        return [(t.from_qty, t.unit_price) for t in self.tiers.all()]


class PriceTier(models.Model):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="tiers")
    from_qty = models.DecimalField(_("mulai jumlah"), max_digits=12, decimal_places=3,
                                   validators=not_negative)
    unit_price = models.DecimalField(_("harga per satuan (Rp)"), max_digits=14,
                                     decimal_places=0, validators=positive)

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        ordering = ["from_qty"]
        constraints = [models.UniqueConstraint(fields=["price_list", "from_qty"],
                                               name="purchase_tier_once")]

    def __str__(self):
        return f"≥{self.from_qty}: {self.unit_price}"


class Round(models.Model):
    """A collective purchase round."""

    class Status(models.TextChoices):
        OPEN = "open", _("Dibuka")
        CLOSED = "closed", _("Ditutup")
        RECEIVED = "received", _("Barang diterima")
        DISTRIBUTED = "distributed", _("Dibagikan")
        CANCELLED = "cancelled", _("Dibatalkan")

    class CostBasis(models.TextChoices):
        WEIGHT = "weight", _("Menurut jumlah/berat")
        VALUE = "value", _("Menurut nilai")

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT,
                                    related_name="purchase_rounds")
    title = models.CharField(_("judul"), max_length=150)
    opens_at = models.DateTimeField(_("dibuka"))
    closes_at = models.DateTimeField(_("ditutup"))
    pickup_place = models.CharField(_("tempat pengambilan"), max_length=200)
    pickup_date = models.DateField(_("tanggal pengambilan"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.OPEN)
    cost_basis = models.CharField(_("pembagian ongkos"), max_length=10,
                                  choices=CostBasis.choices, default=CostBasis.WEIGHT)
    transport_cost = models.DecimalField(_("ongkos angkut (Rp)"), max_digits=14,
                                         decimal_places=0, default=ZERO,
                                         validators=not_negative)
    handling_cost = models.DecimalField(_("ongkos bongkar muat (Rp)"), max_digits=14,
                                        decimal_places=0, default=ZERO,
                                        validators=not_negative)
    fee_pct = models.DecimalField(_("jasa koperasi (%)"), max_digits=5, decimal_places=2,
                                  default=Decimal("2"), validators=not_negative)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        verbose_name = _("pembelian bersama")
        verbose_name_plural = _("pembelian bersama")
        ordering = ["-opens_at"]
        indexes = [models.Index(fields=["status", "closes_at"])]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at


class RoundItem(models.Model):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="items")
    price_list = models.ForeignKey(PriceList, on_delete=models.PROTECT, related_name="+")
    # Fixed at close.
    packs = models.PositiveIntegerField(default=0)
    ordered_qty = models.DecimalField(max_digits=14, decimal_places=3, default=ZERO)
    unit_price = models.DecimalField(max_digits=14, decimal_places=0, null=True, blank=True)
    received_qty = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    receipt_note = models.CharField(max_length=255, blank=True)
    # The item's retail reference price when the round opened, so a later change of the
    # reference does not rewrite the savings of past rounds. Empty: the item's current one.
    retail_price = models.DecimalField(max_digits=14, decimal_places=0, null=True, blank=True)

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.round_id} {self.price_list}"

    @property
    def retail_reference(self) -> Decimal:
        if self.retail_price is not None:
            return self.retail_price
        return self.price_list.item.retail_reference_price

    def quantity_for_invoice(self) -> Decimal:
        """What the supplier bills: the received quantity once goods are in."""
        return self.received_qty if self.received_qty is not None else self.ordered_qty


class Commitment(models.Model):
    """A time-stamped commitment row. Lowering removes the newest rows first (a member
    keeps their place in the queue); raising adds a row at the back."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    round_item = models.ForeignKey(RoundItem, on_delete=models.CASCADE,
                                   related_name="commitments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT,
                               related_name="purchase_commitments")
    quantity = models.DecimalField(max_digits=12, decimal_places=3, validators=not_negative)
    tolerance = models.DecimalField(max_digits=12, decimal_places=3, default=ZERO,
                                    validators=not_negative)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["round_item", "member"])]

    def __str__(self):
        return f"{self.member_id}: {self.quantity} (+{self.tolerance})"


class Share(models.Model):
    """What one member gets of one round item, and pays, fixed at close."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    round_item = models.ForeignKey(RoundItem, on_delete=models.CASCADE, related_name="shares")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="purchase_shares")
    committed = models.DecimalField(max_digits=12, decimal_places=3)
    tolerance = models.DecimalField(max_digits=12, decimal_places=3)
    quantity = models.DecimalField(max_digits=12, decimal_places=3)
    goods_amount = models.DecimalField(max_digits=16, decimal_places=0, default=ZERO)
    cost_amount = models.DecimalField(max_digits=16, decimal_places=0, default=ZERO)
    fee_amount = models.DecimalField(max_digits=16, decimal_places=0, default=ZERO)
    picked_up_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        ordering = ["member__number"]
        constraints = [models.UniqueConstraint(fields=["round_item", "member"],
                                               name="one_share_per_member_item")]

    def __str__(self):
        return f"{self.member_id} {self.quantity}"

    @property
    def total(self) -> Decimal:
        return self.goods_amount + self.cost_amount + self.fee_amount


class Tender(models.Model):
    """A sealed request for quotation for a round's pooled demand."""

    class Status(models.TextChoices):
        OPEN = "open", _("Menerima penawaran")
        EVALUATION = "evaluation", _("Evaluasi")
        AWARDED = "awarded", _("Dimenangkan")
        CANCELLED = "cancelled", _("Dibatalkan")

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
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

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.item} {self.quantity}"

    @property
    def is_sealed(self) -> bool:
        """Bids stay sealed until the deadline, by the server's clock."""
        return timezone.now() < self.deadline


class Bid(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Berlaku")
        VOID = "void", _("Batal karena syarat berubah")
        AWARDED = "awarded", _("Menang")
        LOST = "lost", _("Kalah")

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
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

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        ordering = ["submitted_at"]

    def __str__(self):
        return f"{self.supplier} → {self.tender_id}"


class RoundPayment(models.Model):
    """A member paying their part of a round (cash, bank or simpanan sukarela)."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="payments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=16, decimal_places=0)
    method = models.CharField(max_length=10)
    entry = models.ForeignKey("ledger.JournalEntry", null=True, on_delete=models.PROTECT,
                              related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.round_id} {self.member_id} {self.amount}"


class SupplierPayment(models.Model):
    """The cooperative paying what a round owes: a supplier's invoice, or (no supplier)
    the round's transport and handling costs. Dr payable_suppliers / Cr bank or cash."""

    class Method(models.TextChoices):
        BANK = "bank", _("Transfer bank")
        CASH = "cash", _("Tunai")

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.PROTECT,
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

    objects = ScopedManager(cooperative="cooperative")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.round_id} {self.supplier_id or '-'} {self.amount}"
