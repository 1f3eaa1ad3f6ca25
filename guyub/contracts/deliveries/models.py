"""What members brought for a delivery and its quality check, the invoice to the
buyer, the prompt payment of members, and the cooperative's by-law setting for it."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import Cooperative, CoopOwned
from guyub.core.states import Stateful

from ..allocation.models import Allotment, Delivery
from ..negotiation.models import MAX_QUANTITY


class ContractSettings(CoopOwned):
    """The by-laws' promise to members: accepted goods are paid within so many days,
    whatever the buyer's terms."""

    # Set-up data of the cooperative, not a record: it goes with it; and it is the key.
    cooperative = models.OneToOneField(Cooperative, on_delete=models.CASCADE, primary_key=True,
                                       related_name="+")
    member_payment_days = models.PositiveSmallIntegerField(
        _("anggota dibayar paling lambat (hari setelah barang diterima)"), default=7,
        validators=[MinValueValidator(0), MaxValueValidator(90)])
    # The cooperative's margin on contract sales: members are paid the contract price
    # less this share of it; the rest is the cooperative's income when it sells.
    fee_pct = models.DecimalField(
        _("jasa koperasi atas penjualan kontrak (%)"), max_digits=4, decimal_places=2,
        default=Decimal(5), validators=[MinValueValidator(Decimal(0)),
                                        MaxValueValidator(Decimal(50))])


def receipt_photo_path(instance, filename):
    return f"contracts/{instance.cooperative_id}/receipts/{filename}"


class Receipt(CoopOwned):
    """A member's goods for one delivery, received and checked: accepted, rejected with
    a reason (and a photo), returned to the member."""

    allotment = models.OneToOneField(Allotment, on_delete=models.PROTECT, related_name="receipt")
    received = models.PositiveIntegerField(_("jumlah diterima"),
                                           validators=[MaxValueValidator(MAX_QUANTITY)])
    accepted = models.PositiveIntegerField(_("lolos uji mutu"),
                                           validators=[MaxValueValidator(MAX_QUANTITY)])
    rejected = models.PositiveIntegerField(_("ditolak"), default=0,
                                           validators=[MaxValueValidator(MAX_QUANTITY)])
    reason = models.TextField(_("alasan penolakan"), max_length=2000, blank=True)
    photo = models.ImageField(_("foto"), upload_to=receipt_photo_path, blank=True)
    returned = models.PositiveIntegerField(_("dikembalikan ke anggota"), default=0,
                                           validators=[MaxValueValidator(MAX_QUANTITY)])
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    checked_at = models.DateTimeField(default=timezone.now)


class BuyerInvoice(CoopOwned, Stateful):
    """The invoice for one consolidated delivery to the buyer."""

    class Status(models.TextChoices):
        OPEN = "open", _("Belum dibayar")
        PAID = "paid", _("Lunas")

    TRANSITIONS = {Status.OPEN: {Status.PAID}}

    delivery = models.OneToOneField(Delivery, on_delete=models.PROTECT, related_name="invoice")
    number = models.PositiveIntegerField()
    quantity = models.PositiveIntegerField()
    # The agreed terms the invoice was issued on, kept with it: a later amendment must
    # not change what an issued invoice says.
    unit_price = models.DecimalField(max_digits=14, decimal_places=0)
    payment_terms_days = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=16, decimal_places=0)
    # Price reductions agreed in disputes (credit notes) lower what is still due.
    credited = models.DecimalField(max_digits=16, decimal_places=0, default=0)
    issued_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "number"],
                                               name="contracts_invoice_unique_number")]
        indexes = [models.Index(fields=["cooperative", "status", "due_on"])]


class MemberPayment(CoopOwned, Stateful):
    """What the cooperative owes a member for accepted goods, and when it pays."""

    class Status(models.TextChoices):
        DUE = "due", _("Akan dibayar")
        PAID = "paid", _("Sudah dibayar")

    TRANSITIONS = {Status.DUE: {Status.PAID}}

    receipt = models.OneToOneField(Receipt, on_delete=models.PROTECT, related_name="payment")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT,
                               related_name="contract_payments")
    amount = models.DecimalField(max_digits=16, decimal_places=0)
    due_on = models.DateField()
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.DUE)
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["cooperative", "member", "status"])]
