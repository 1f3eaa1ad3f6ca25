"""Corporate buyers' business profiles, quality grades and the board's floor prices,
the contracts themselves, their agreed versions and the negotiation rounds that led
to them (append-only: the history both sides see is never edited)."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from guyub.catalog.models import Category, Channel, Product
from guyub.core.models import CoopOwned
from guyub.core.states import Stateful
from guyub.sales.models import Buyer

ZERO = Decimal(0)
# Quantities are whole units of the contract's unit (kg, pcs, sacks): a tonne is 1,000.
MAX_QUANTITY = 100_000_000
MAX_PRICE = Decimal("999999999999")
quantity = [MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)]
# One delivery's value (price × quantity) must fit the invoice's money columns.
MAX_DELIVERY_VALUE = 10**15
VALUE_TOO_LARGE = gettext_noop("Nilai satu pengiriman (harga × jumlah) terlalu besar.")
price = [MinValueValidator(Decimal(1)), MaxValueValidator(MAX_PRICE)]


class BusinessProfile(CoopOwned):
    """What a corporate buyer is in law: the contract names it, the invoice bills it."""

    buyer = models.OneToOneField(Buyer, on_delete=models.PROTECT,
                                 related_name="business_profile")
    legal_name = models.CharField(_("nama badan usaha"), max_length=150)
    nib = models.CharField(_("NIB"), max_length=13, validators=[
        RegexValidator(r"^\d{13}$", _("NIB terdiri dari 13 angka."))])
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True,
                            validators=[RegexValidator(r"^\d{15,16}$",
                                                       _("NPWP terdiri dari 15 atau 16 angka."))])
    contact_name = models.CharField(_("nama kontak"), max_length=100)
    contact_phone = models.CharField(_("telepon kontak"), max_length=20)
    contact_email = models.EmailField(_("email kontak"))
    billing_address = models.TextField(_("alamat penagihan"), max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil usaha pembeli")

    def __str__(self):
        return self.legal_name


class Grade(CoopOwned):
    """A quality grade of a kind of product (category), e.g. "Arabika grade 1"."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="grades")
    name = models.CharField(_("nama mutu"), max_length=80)
    description = models.TextField(_("syarat mutu"), max_length=2000, blank=True)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["category__name", "name"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "category", "name"],
                                               name="contracts_grade_unique_name")]

    def __str__(self):
        return f"{self.category.name} · {self.name}"


class GradeApproval(CoopOwned):
    """Staff checked a member's product against a grade (a sample passed): only such
    products make their makers eligible for a contract of that grade."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="grade_approvals")
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="approvals")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_on = models.DateField(default=timezone.localdate)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=255, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["product", "grade"],
                                               name="contracts_grade_approval_once")]


class FloorPrice(CoopOwned):
    """The lowest price per unit the cooperative accepts for a grade. A new row replaces
    the last (the newest is in force; the history stays). Set by the board, or by a
    members' vote once governance exists: `source` and `reference` name the decision."""

    class Source(models.TextChoices):
        BOARD = "board", _("Keputusan pengurus")
        VOTE = "vote", _("Keputusan anggota (pemungutan suara)")

    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="floor_prices")
    price = models.DecimalField(_("harga dasar per satuan (Rp)"), max_digits=14,
                                decimal_places=0, validators=price)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.BOARD)
    reference = models.CharField(_("dasar keputusan"), max_length=200, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-set_at", "-id"]
        indexes = [models.Index(fields=["cooperative", "grade", "-set_at"])]


class Contract(CoopOwned, Stateful):
    """A supply contract with a corporate buyer. The terms on this row are the ones being
    negotiated (or, once agreed, the agreed ones); every agreed set is also kept as a
    ContractVersion. An amendment negotiates version n+1 while version n stays in force."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Diminta")
        NEGOTIATING = "negotiating", _("Dalam negosiasi")
        ACTIVE = "active", _("Berjalan")
        AMENDING = "amending", _("Perubahan dirundingkan")
        COMPLETED = "completed", _("Selesai")
        DECLINED = "declined", _("Ditolak")
        WITHDRAWN = "withdrawn", _("Dibatalkan pembeli")

    TRANSITIONS = {
        Status.REQUESTED: {Status.NEGOTIATING, Status.ACTIVE, Status.DECLINED, Status.WITHDRAWN},
        Status.NEGOTIATING: {Status.ACTIVE, Status.DECLINED, Status.WITHDRAWN},
        Status.ACTIVE: {Status.AMENDING, Status.COMPLETED},
        Status.AMENDING: {Status.ACTIVE, Status.COMPLETED},
    }

    class Rule(models.TextChoices):
        PROPORTIONAL = "proportional", _("Sebanding kapasitas yang dinyatakan")
        EQUAL = "equal", _("Bagian sama rata")
        ROTATION = "rotation", _("Bergiliran (yang paling jarang mendapat pekerjaan didahulukan)")

    class Unit(models.TextChoices):
        KG = "kg", _("kg")
        PIECE = "pcs", _("buah")
        SACK = "karung", _("karung")
        LITER = "liter", _("liter")

    number = models.PositiveIntegerField()
    buyer = models.ForeignKey(Buyer, on_delete=models.PROTECT, related_name="contracts")
    title = models.CharField(_("judul"), max_length=150)
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="contracts",
                              verbose_name=_("mutu"))
    specification = models.TextField(_("spesifikasi produk"), max_length=4000)
    # The sales channel whose certificate rules apply to the goods (a hotel chain's
    # channel may require halal and a food permit); none = no certificate rule.
    channel = models.ForeignKey(Channel, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("saluran"))
    unit = models.CharField(_("satuan"), max_length=10, choices=Unit.choices, default=Unit.KG)
    lot_size = models.PositiveIntegerField(_("kelipatan (lot)"), default=1,
                                           validators=[MinValueValidator(1),
                                                       MaxValueValidator(MAX_QUANTITY)])
    min_lot = models.PositiveIntegerField(_("minimal bagian per anggota"), default=0,
                                          validators=[MaxValueValidator(MAX_QUANTITY)])
    quantity_per_delivery = models.PositiveIntegerField(_("jumlah per pengiriman"),
                                                        validators=quantity)
    deliveries = models.PositiveSmallIntegerField(_("jumlah pengiriman"),
                                                  validators=[MinValueValidator(1),
                                                              MaxValueValidator(366)])
    interval_days = models.PositiveSmallIntegerField(_("jarak antar pengiriman (hari)"),
                                                     default=7,
                                                     validators=[MinValueValidator(1),
                                                                 MaxValueValidator(366)])
    first_delivery_on = models.DateField(_("pengiriman pertama"))
    delivery_place = models.CharField(_("tempat pengiriman"), max_length=255)
    price = models.DecimalField(_("harga per satuan (Rp)"), max_digits=14, decimal_places=0,
                                validators=price)
    payment_terms_days = models.PositiveSmallIntegerField(_("jangka pembayaran (hari)"),
                                                          default=30,
                                                          validators=[MaxValueValidator(365)])
    rule = models.CharField(_("aturan pembagian"), max_length=12, choices=Rule.choices,
                            default=Rule.PROPORTIONAL)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    version = models.PositiveIntegerField(default=1)
    # Capacities are collected only after the rule is published (members know how
    # their declarations will be used before they make them).
    rule_published_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "number"],
                                               name="contracts_contract_unique_number")]

    def __str__(self):
        return f"K-{self.number:04d} {self.title}"

    def clean(self):
        super().clean()
        if self.price and self.quantity_per_delivery \
                and self.price * self.quantity_per_delivery > MAX_DELIVERY_VALUE:
            raise ValidationError({"price": _(VALUE_TOO_LARGE)})

    @property
    def total_quantity(self) -> int:
        return self.quantity_per_delivery * self.deliveries

    TERM_FIELDS = ("title", "specification", "unit", "lot_size", "min_lot",
                   "quantity_per_delivery", "deliveries", "interval_days", "delivery_place",
                   "price", "payment_terms_days", "rule")

    def terms(self) -> dict:
        """The terms as plain JSON values (money as a string): what a version freezes."""
        terms = {name: getattr(self, name) for name in self.TERM_FIELDS}
        terms["price"] = str(self.price)
        terms["first_delivery_on"] = self.first_delivery_on.isoformat()
        terms["grade"] = str(self.grade)
        terms["channel"] = self.channel.name if self.channel_id else ""
        return terms

    def delivery_dates(self) -> list:
        """The schedule: the first delivery, then one every `interval_days`."""
        return [self.first_delivery_on + dt.timedelta(days=self.interval_days * i)
                for i in range(self.deliveries)]


class ContractVersion(CoopOwned):
    """One agreed set of terms, frozen: the contract document is rendered from it."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    terms = models.JSONField()
    agreed_at = models.DateTimeField(default=timezone.now)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["contract", "version"]
        constraints = [models.UniqueConstraint(fields=["contract", "version"],
                                               name="contracts_version_once")]


class Offer(CoopOwned):
    """One step of the negotiation: a request, an offer or counter-offer, a message, an
    acceptance or a refusal. Append-only: save() refuses to change a stored row and
    delete() refuses (PostgreSQL also refuses by trigger)."""

    class Party(models.TextChoices):
        BUYER = "buyer", _("Pembeli")
        COOPERATIVE = "cooperative", _("Koperasi")

    class Kind(models.TextChoices):
        REQUEST = "request", _("Permintaan")
        OFFER = "offer", _("Penawaran")
        MESSAGE = "message", _("Pesan")
        ACCEPT = "accept", _("Diterima")
        DECLINE = "decline", _("Ditolak")
        WITHDRAW = "withdraw", _("Dibatalkan")

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="offers")
    version = models.PositiveIntegerField()
    party = models.CharField(max_length=12, choices=Party.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The terms proposed (an offer carries the full set it proposes; a message none).
    price = models.DecimalField(max_digits=14, decimal_places=0, null=True, blank=True)
    quantity_per_delivery = models.PositiveIntegerField(null=True, blank=True)
    deliveries = models.PositiveSmallIntegerField(null=True, blank=True)
    payment_terms_days = models.PositiveSmallIntegerField(null=True, blank=True)
    message = models.TextField(_("pesan"), max_length=4000, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                           related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A negotiation step is never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A negotiation step is never deleted.")
