"""Collective purchase rounds: the round, its items (one price list each), the
members' time-stamped commitments, each member's share fixed at the close, and the
members paying for it."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.models import CoopOwned
from guyub.core.states import Stateful
from guyub.members.models import Member

from ..suppliers.models import ZERO, PriceList, not_negative


class Round(CoopOwned, Stateful):
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

    # The life of a round: open for commitments, closed (packs and prices fixed, the
    # purchase order out), goods received, every share picked up. Only an open round
    # (opened or not yet) can be called off; after the close goods may be on their way.
    TRANSITIONS = {
        Status.OPEN: {Status.CLOSED, Status.CANCELLED},
        Status.CLOSED: {Status.RECEIVED},
        Status.RECEIVED: {Status.DISTRIBUTED},
    }
    # Goods may still come in: closed, or received in part (an item still to record).
    RECEIVING = frozenset({Status.CLOSED, Status.RECEIVED})
    # Quantities and amounts are final (the goods are in): bills, payments, pick-up.
    FINAL = frozenset({Status.RECEIVED, Status.DISTRIBUTED})
    # A purchase order exists: closed and after.
    ORDERED = frozenset({Status.CLOSED, Status.RECEIVED, Status.DISTRIBUTED})

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
    # When the members were told the round is open and that it closes within a day: the
    # reminder job's bookmark, so that it reads one row, not 100,000 notices, to know.
    opened_notice_at = models.DateTimeField(null=True, blank=True, editable=False)
    closing_notice_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When each member was told their quantity and bill (a task after the close; the
    # reminder job tells them if that task never ran).
    closed_notice_at = models.DateTimeField(null=True, blank=True, editable=False)

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


class RoundItem(CoopOwned):
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


class Commitment(CoopOwned):
    """A time-stamped commitment row. Lowering removes the newest rows first (a member
    keeps their place in the queue); raising adds a row at the back."""

    round_item = models.ForeignKey(RoundItem, on_delete=models.CASCADE,
                                   related_name="commitments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT,
                               related_name="purchase_commitments")
    quantity = models.DecimalField(max_digits=12, decimal_places=3, validators=not_negative)
    tolerance = models.DecimalField(max_digits=12, decimal_places=3, default=ZERO,
                                    validators=not_negative)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["round_item", "member"])]

    def __str__(self):
        return f"{self.member_id}: {self.quantity} (+{self.tolerance})"


class Share(CoopOwned):
    """What one member gets of one round item, and pays, fixed at close."""

    round_item = models.ForeignKey(RoundItem, on_delete=models.CASCADE, related_name="shares")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="purchase_shares")
    committed = models.DecimalField(max_digits=12, decimal_places=3)
    tolerance = models.DecimalField(max_digits=12, decimal_places=3)
    quantity = models.DecimalField(max_digits=12, decimal_places=3)
    goods_amount = models.DecimalField(max_digits=16, decimal_places=0, default=ZERO)
    cost_amount = models.DecimalField(max_digits=16, decimal_places=0, default=ZERO)
    fee_amount = models.DecimalField(max_digits=16, decimal_places=0, default=ZERO)
    picked_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["member__number"]
        constraints = [models.UniqueConstraint(fields=["round_item", "member"],
                                               name="one_share_per_member_item")]

    def __str__(self):
        return f"{self.member_id} {self.quantity}"

    @property
    def total(self) -> Decimal:
        return self.goods_amount + self.cost_amount + self.fee_amount


class RoundPayment(CoopOwned):
    """A member paying their part of a round (cash, bank or simpanan sukarela)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="payments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=16, decimal_places=0)
    method = models.CharField(max_length=10)
    entry = models.ForeignKey("ledger.JournalEntry", null=True, on_delete=models.PROTECT,
                              related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.round_id} {self.member_id} {self.amount}"
