"""The warehouse and distribution: members' goods handed over, orders consolidated into
shipments by destination, sent and delivered."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative
from guyub.ledger.services import Line, post_entry

from .. import notices
from ..numbers import next_number
from ..orders.models import Order
from ..orders.payments import PAYMENT_ACCOUNT
from ..splits import shipping_shares
from .models import FulfilmentLine, Shipment


@transaction.atomic
def hand_over(*, line: FulfilmentLine, actor) -> FulfilmentLine:
    """A member's goods for an order arrived at the warehouse."""
    line = FulfilmentLine.objects.select_for_update().select_related("order").get(pk=line.pk)
    # Goods come in while the order is being fulfilled, or can start to be (paid).
    if line.order.status != Order.Status.FULFILLING:
        line.order.move_to(Order.Status.FULFILLING, message=_(
            "Barang diserahkan setelah pesanan dibayar dan sebelum dikirim."))
    if line.handed_over_at is None:
        line.handed_over_at = timezone.now()
        line.save(update_fields=["handed_over_at"])
        # The order's row is not locked here: the first hand-over of a paid order moves
        # it, in one conditional statement, whichever line comes first.
        Order.objects.filter(pk=line.order_id, status__in=Order.statuses_moving_to(
            Order.Status.FULFILLING)).update(status=Order.Status.FULFILLING)
        log_action(cooperative=line.cooperative, actor=actor, action="fulfilment.handed_over",
                   obj=line.order, member=line.member_id, product=line.product_id,
                   quantity=line.quantity)
    return line


@transaction.atomic
def receive_goods(*, lines: list[FulfilmentLine], actor) -> list[FulfilmentLine]:
    """Warehouse staff confirm several lines at once: all are received, or none is."""
    if not lines:
        raise DomainError(_("Pilih barang yang diterima di gudang."), field="lines")
    received = []
    for line in sorted(lines, key=lambda x: x.pk):
        try:
            received.append(hand_over(line=line, actor=actor))
        except DomainError as error:
            raise DomainError(_("%(no)s, %(product)s: %(reason)s")
                              % {"no": line.order.display_number, "product": line.product.name,
                                 "reason": error.message}, field="lines") from None
    return received


@transaction.atomic
def create_shipment(*, cooperative: Cooperative, orders: list[Order], actor,
                    carrier: str = "", cost=Decimal(0), method: str = "cash") -> Shipment:
    """Consolidate orders to one destination; share the cost across them by weight."""
    orders = list(Order.objects.select_for_update().filter(pk__in=[o.pk for o in orders])
                  .order_by("pk"))
    if not orders:
        raise DomainError(_("Pilih pesanan yang akan dikirim."), field="orders")
    if len({o.destination_key for o in orders}) != 1:
        raise DomainError(_("Satu pengiriman hanya untuk satu tujuan."), field="orders")
    for order in orders:
        if order.shipment_id or not order.can_move_to(Order.Status.SHIPPED):
            raise DomainError(_("%(no)s belum siap dikirim.") % {"no": order.display_number},
                              field="orders")
        if order.fulfilment.filter(handed_over_at__isnull=True).exists():
            raise DomainError(_("%(no)s: masih ada barang anggota yang belum diserahkan.")
                              % {"no": order.display_number}, field="orders")
    cost = Decimal(cost or 0)
    if cost < 0 or cost != cost.to_integral_value():
        raise DomainError(_("Ongkos kirim harus rupiah utuh, tidak negatif."), field="cost")
    shipment = Shipment.objects.create(
        cooperative=cooperative, number=next_number(Shipment, cooperative),
        destination=orders[0].destination_key, carrier=carrier, cost=cost)
    for order, share in zip(orders, shipping_shares(cost, [o.weight_grams for o in orders]),
                            strict=True):
        order.shipment = shipment
        order.shipping_cost_share = share
        order.save(update_fields=["shipment", "shipping_cost_share"])
    if cost:
        shipment.cost_entry = post_entry(
            cooperative=cooperative, date=timezone.localdate(), actor=actor, source=shipment,
            lines=[Line(account="shipping_expense", debit=cost),
                   Line(account=PAYMENT_ACCOUNT.get(method, method), credit=cost)],
            description=_("Ongkos kirim %(no)s ke %(dest)s")
            % {"no": shipment.display_number, "dest": shipment.destination})
        shipment.save(update_fields=["cost_entry"])
    log_action(cooperative=cooperative, actor=actor, action="shipment.created", obj=shipment,
               orders=[o.display_number for o in orders], cost=cost)
    return shipment


@transaction.atomic
def mark_shipped(*, shipment: Shipment, actor, tracking_number: str) -> Shipment:
    shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
    shipment.move_to(Shipment.Status.SHIPPED, message=_("Pengiriman ini sudah berangkat."))
    if not tracking_number.strip():
        raise DomainError(_("Nomor resi wajib diisi."), field="tracking_number")
    shipment.tracking_number = tracking_number.strip()
    shipment.shipped_at = timezone.now()
    shipment.save()
    # An order cancelled after it was put in this shipment stays cancelled: overwriting
    # its status would also bring its (refunded) sale back into the makers' payouts.
    moving = shipment.orders.filter(status__in=Order.statuses_moving_to(Order.Status.SHIPPED))
    shipped = list(moving.select_related("buyer", "cooperative"))
    moving.update(status=Order.Status.SHIPPED)
    log_action(cooperative=shipment.cooperative, actor=actor, action="shipment.shipped",
               obj=shipment, tracking_number=tracking_number)
    notices.shipment_shipped(shipment, shipped)
    return shipment


@transaction.atomic
def mark_delivered(*, shipment: Shipment, actor) -> Shipment:
    shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
    shipment.move_to(Shipment.Status.DELIVERED,
                     message=_("Pengiriman ini belum berangkat atau sudah diterima."))
    shipment.delivered_at = timezone.now()
    shipment.save()
    shipment.orders.filter(status__in=Order.statuses_moving_to(Order.Status.DELIVERED)).update(
        status=Order.Status.DELIVERED, delivered_at=shipment.delivered_at)  # see mark_shipped
    log_action(cooperative=shipment.cooperative, actor=actor, action="shipment.delivered",
               obj=shipment)
    return shipment
