from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import Cooperative, CoopOwned
from guyub.core.states import Stateful
from guyub.members.models import Member

from .eligibility import ChannelRules

percent = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


# Every model redeclares CoopOwned's `cooperative`: set-up rows and a product's parts
# go with their cooperative (CASCADE), and products, categories, channels and bundles
# are reached from it by name (`cooperative.products`, …).
class Category(CoopOwned):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE,
                                    related_name="categories")
    name = models.CharField(_("nama kategori"), max_length=100)
    is_food = models.BooleanField(_("pangan (makanan/minuman)"), default=False,
                                  help_text=_("Produk pangan butuh PIRT/BPOM dan halal."))
    commission_pct = models.DecimalField(
        _("komisi titip jual (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=percent, help_text=_("Kosong: pakai komisi dari AD/ART koperasi."))

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "name"],
                                               name="category_name_unique")]

    def __str__(self):
        return self.name


class Channel(CoopOwned):
    """A market channel with the rules a product must meet to be listed in it."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE,
                                    related_name="channels")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama saluran"), max_length=100)
    description = models.CharField(_("keterangan"), max_length=255, blank=True)
    requires_barcode = models.BooleanField(_("wajib barcode"), default=False)
    requires_food_permit = models.BooleanField(_("pangan wajib PIRT atau BPOM MD"),
                                               default=False)
    requires_halal_for_food = models.BooleanField(_("pangan wajib halal"), default=False)
    requires_hs_code = models.BooleanField(_("wajib kode HS"), default=False)
    required_certificates = models.JSONField(_("sertifikat wajib lain"), default=list,
                                             blank=True)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("saluran pasar")
        verbose_name_plural = _("saluran pasar")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "code"],
                                               name="channel_code_unique")]

    def __str__(self):
        return self.name

    @property
    def rules(self) -> ChannelRules:
        return ChannelRules(
            requires_barcode=self.requires_barcode,
            requires_food_permit=self.requires_food_permit,
            requires_halal_for_food=self.requires_halal_for_food,
            requires_hs_code=self.requires_hs_code,
            required_certificates=tuple(self.required_certificates or ()),
        )


class Product(Stateful, CoopOwned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Menunggu kurasi")
        CHANGES = "changes", _("Perlu perbaikan")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")

    class Unit(models.TextChoices):
        PIECE = "pcs", _("buah")
        PACK = "pak", _("pak")
        BOX = "box", _("kotak")
        KG = "kg", _("kg")
        GRAM = "gram", _("gram")
        LITER = "liter", _("liter")
        METER = "meter", _("meter")
        SHEET = "lembar", _("lembar")

    # Curation: a member submits a draft (or one sent back for changes); a curator
    # approves, sends back or rejects it; changing an approved product submits it again.
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.CHANGES: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.APPROVED, Status.CHANGES, Status.REJECTED},
        Status.APPROVED: {Status.SUBMITTED},
    }

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT,
                                    related_name="products")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="products")
    name = models.CharField(_("nama produk"), max_length=150)
    description = models.TextField(_("deskripsi"), blank=True)
    story = models.TextField(_("cerita pembuat"), blank=True,
                             help_text=_("Kisah di balik produk, untuk halaman toko."))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products",
                                 verbose_name=_("kategori"))
    unit = models.CharField(_("satuan"), max_length=10, choices=Unit.choices,
                            default=Unit.PIECE)
    net_weight_grams = models.PositiveIntegerField(_("berat bersih (gram)"),
                                                   validators=[MinValueValidator(1)])
    price = models.DecimalField(_("harga eceran (Rp)"), max_digits=14, decimal_places=0,
                                validators=[MinValueValidator(Decimal(1))])
    stock = models.PositiveIntegerField(_("stok"), default=0)
    min_order_qty = models.PositiveIntegerField(_("minimal pembelian"), default=1,
                                                validators=[MinValueValidator(1)])
    barcode = models.CharField(_("barcode EAN-13"), max_length=13, blank=True)
    hs_code = models.CharField(
        _("kode HS"), max_length=10, blank=True,
        validators=[RegexValidator(r"^\d{6,10}$", _("Kode HS berisi 6–10 digit angka."))])
    commission_pct = models.DecimalField(
        _("komisi khusus (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=percent)
    channels = models.ManyToManyField(Channel, blank=True, related_name="products",
                                      verbose_name=_("saluran yang diminta"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    review_note = models.TextField(_("catatan kurasi"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["cooperative", "status", "category"]),
                   models.Index(fields=["cooperative", "member"])]

    def __str__(self):
        return self.name

    @property
    def is_submittable(self) -> bool:
        """A member submits a draft or a product sent back for changes; an approved
        product goes back to curation by being changed, not by a submission."""
        return self.status in (self.Status.DRAFT, self.Status.CHANGES)

    @property
    def weight_kg(self) -> Decimal:
        return Decimal(self.net_weight_grams) / 1000


class PriceTier(CoopOwned):
    """Wholesale price for business buyers from a quantity up."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="tiers")
    min_qty = models.PositiveIntegerField(_("mulai jumlah"), validators=[MinValueValidator(2)])
    price = models.DecimalField(_("harga grosir (Rp)"), max_digits=14, decimal_places=0,
                                validators=[MinValueValidator(Decimal(1))])

    class Meta:
        ordering = ["min_qty"]
        constraints = [models.UniqueConstraint(fields=["product", "min_qty"],
                                               name="tier_qty_unique")]

    def __str__(self):
        return f"{self.product_id} ≥{self.min_qty}: {self.price}"


def photo_path(instance, filename):
    return f"produk/{instance.cooperative_id}/{instance.product_id}/{filename}"


class ProductPhoto(CoopOwned):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=photo_path)
    thumbnail = models.ImageField(upload_to=photo_path, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.image.name


class Certificate(CoopOwned):
    class Kind(models.TextChoices):
        PIRT = "pirt", "PIRT"
        BPOM_MD = "bpom_md", "BPOM MD"
        HALAL = "halal", _("Halal")
        SNI = "sni", "SNI"
        OTHER = "other", _("Lainnya")

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="certificates")
    # Empty product: the certificate covers all the member's products (e.g. a PIRT
    # for the kitchen); otherwise just this one.
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="certificates")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("nomor"), max_length=60)
    issuer = models.CharField(_("penerbit"), max_length=120, blank=True)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["expires_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def expires_within(self, days: int, today=None) -> bool:
        today = today or timezone.localdate()
        return self.expires_on is not None and 0 <= (self.expires_on - today).days <= days


class Bundle(CoopOwned):
    """A paket of several members' products sold as one item."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT,
                                    related_name="bundles")
    name = models.CharField(_("nama paket"), max_length=150)
    description = models.TextField(_("deskripsi"), blank=True)
    price = models.DecimalField(_("harga paket (Rp)"), max_digits=14, decimal_places=0,
                                validators=[MinValueValidator(Decimal(1))])
    active = models.BooleanField(_("dijual"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("paket")
        verbose_name_plural = _("paket")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BundleItem(CoopOwned):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="+")
    bundle = models.ForeignKey(Bundle, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="bundle_items")
    quantity = models.PositiveIntegerField(_("jumlah"), validators=[MinValueValidator(1)])
    # What the member is credited for this component in one bundle sold; the bundle
    # price is split across components in proportion to these.
    agreed_price = models.DecimalField(_("harga kesepakatan per paket (Rp)"), max_digits=14,
                                       decimal_places=0,
                                       validators=[MinValueValidator(Decimal(1))])

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["bundle", "product"],
                                               name="bundle_product_once")]

    def __str__(self):
        return f"{self.quantity} × {self.product}"
