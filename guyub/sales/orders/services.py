"""Placing and cancelling orders: the storefront's and the API's checkout, and the back
office's cancellation. Payments are in payments.py."""

import datetime as dt
import secrets
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.catalog import selectors as catalog
from guyub.catalog.eligibility import missing_for_channel
from guyub.catalog.models import Bundle, Channel, Product
from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative
from guyub.ledger.services import reverse_entry

from .. import notices
from ..fulfilment.models import FulfilmentLine
from ..splits import bundle_shares, commission, ppn
from . import statements
from .models import Buyer, Order, OrderLine

DELIVERY_DAYS = 3  # members bring goods to the warehouse within this many days
EXPORT_CHANNEL = "ekspor"


@dataclass(frozen=True)
class Item:
    """One cart line: a product or a bundle, and how many."""

    kind: str  # "product" or "bundle"
    id: int
    quantity: int


@dataclass(frozen=True)
class PlacedOrder:
    """A new order and its lines as they were written: whoever answers with the lines
    (the API) needs not read them back."""

    order: Order
    lines: list[OrderLine]


# --- placing an order ---------------------------------------------------------------------


def _place_order(*, cooperative: Cooperative, buyer: Buyer, items: list[Item],
                 city: str, address: str, province: str = "", country: str = "ID",
                 channel: Channel | None = None, note: str = "", actor=None) -> PlacedOrder:
    """Reserve stock and record the order, its lines and who makes what. Runs inside a
    transaction: place_order's, or checkout's (a savepoint of its own there would cost
    two more statements per order).

    Stock rows are locked for the whole computation, so concurrent checkouts
    queue: the last units are sold exactly once and stock never goes negative.
    """
    items = [i for i in items if i.quantity > 0]
    if not items:
        raise DomainError(_("Keranjang kosong."), field="items")
    business = buyer.kind == Buyer.Kind.BUSINESS
    bundles = _bundles(items)
    needed = _units_needed(items, bundles)
    products = statements.lock_products(cooperative, sorted(needed))
    if business:  # wholesale tiers: nobody else's price reads them
        prefetch_related_objects(list(products.values()), "tiers")
    _check_stock(products, needed, items)
    statements.take_stock(cooperative, needed)
    # Everything is worked out in memory first, so that once the order number is taken
    # (and with it the counter's lock) the order goes in with one INSERT, totals
    # included, and its lines with one more (bench/sales_throughput.py).
    lines = _order_lines(cooperative, items, products, bundles, business=business)
    order = _order(cooperative, buyer, lines, channel=channel, country=country,
                   province=province, city=city, address=address, note=note)
    order.number = statements.next_order_number(cooperative)
    statements.insert_order(order)
    for line, _parts in lines:
        line.order = order
    statements.insert_lines([line for line, _parts in lines])
    statements.insert_fulfilment(_fulfilment(cooperative, order, lines))
    log_action(cooperative=cooperative, actor=actor, action="order.placed", obj=order,
               total=order.total)
    notices.order_placed(order)
    return PlacedOrder(order=order, lines=[line for line, _parts in lines])


place_order = transaction.atomic(_place_order)  # the same, all or nothing


def _bundles(items: list[Item]) -> dict[int, Bundle]:
    """The active bundles the items name, with their components."""
    ids = {i.id for i in items if i.kind == "bundle"}
    if not ids:
        return {}
    return {b.pk: b for b in catalog.bundles_with_items().filter(pk__in=ids, active=True)}


def _units_needed(items: list[Item], bundles: dict[int, Bundle]) -> dict[int, int]:
    """Units per product the items take, bundle components included."""
    needed: dict[int, int] = defaultdict(int)
    for item in items:
        if item.kind == "product":
            needed[item.id] += item.quantity
        elif item.id in bundles:
            for component in bundles[item.id].items.all():
                needed[component.product_id] += component.quantity * item.quantity
        else:
            raise DomainError(_("Paket tidak tersedia."), field="items")
    return needed


def _check_stock(products: dict[int, Product], needed: dict[int, int], items: list[Item]):
    for item in items:
        if item.kind == "product":
            product = products.get(item.id)
            if product is None or product.status != Product.Status.APPROVED:
                raise DomainError(_("Produk tidak tersedia."), field="items")
            if item.quantity < product.min_order_qty:
                raise DomainError(_("%(name)s: minimal pembelian %(n)s %(unit)s.")
                                  % {"name": product.name, "n": product.min_order_qty,
                                     "unit": product.get_unit_display()}, field="items")
    for product_id, quantity in needed.items():
        product = products.get(product_id)
        if product is None or product.status != Product.Status.APPROVED:
            raise DomainError(_("Salah satu produk dalam paket tidak tersedia."), field="items")
        if product.stock < quantity:
            raise DomainError(_("Stok %(name)s tinggal %(n)s.")
                              % {"name": product.name, "n": product.stock}, field="items")


def _order_lines(cooperative, items: list[Item], products, bundles, *, business: bool):
    """[(unsaved OrderLine, [(product, quantity, sale amount), ...])] for the items: a
    product line is its maker's; a bundle line's total is shared across its components."""
    lines = []
    for item in items:
        if item.kind == "product":
            product = products[item.id]
            price = catalog.unit_price(product, item.quantity, business=business)
            line = OrderLine(
                cooperative=cooperative, product=product, name=product.name,
                quantity=item.quantity, unit_price=price, line_total=price * item.quantity,
                weight_grams=product.net_weight_grams * item.quantity)
            parts = [(product, item.quantity, line.line_total)]
        else:
            bundle: Bundle = bundles[item.id]
            components = list(bundle.items.all())
            line = OrderLine(
                cooperative=cooperative, bundle=bundle, name=bundle.name,
                quantity=item.quantity, unit_price=bundle.price,
                line_total=bundle.price * item.quantity,
                weight_grams=sum(products[c.product_id].net_weight_grams * c.quantity
                                 for c in components) * item.quantity)
            # agreed_price is each maker's price for their part of ONE bundle (all its
            # units), as the catalog shows it: weighting by it again × quantity would
            # overpay the maker of the many cheap units.
            shares = bundle_shares(line.line_total, [c.agreed_price for c in components])
            parts = [(products[c.product_id], c.quantity * item.quantity, share)
                     for c, share in zip(components, shares, strict=True)]
        lines.append((line, parts))
    return lines


def _order(cooperative, buyer, lines, **destination) -> Order:
    """The unsaved order with its totals (its number is taken last)."""
    subtotal = sum((line.line_total for line, _parts in lines), Decimal(0))
    ppn_rate = cooperative.ppn_rate if cooperative.is_pkp else Decimal(0)
    ppn_amount = ppn(subtotal, ppn_rate) if cooperative.is_pkp else Decimal(0)
    return Order(
        cooperative=cooperative, buyer=buyer, access_key=secrets.token_urlsafe(24),
        subtotal=subtotal, ppn_rate=ppn_rate, ppn_amount=ppn_amount,
        total=subtotal + ppn_amount,
        weight_grams=sum(line.weight_grams for line, _parts in lines), **destination)


def _fulfilment(cooperative, order: Order, lines) -> list[FulfilmentLine]:
    """Who brings what to the warehouse by when, and earns what of the sale."""
    due = timezone.localdate() + dt.timedelta(days=DELIVERY_DAYS)
    return [FulfilmentLine(
        cooperative=cooperative, order=order, order_line=line, member_id=product.member_id,
        product=product, quantity=quantity, sale_amount=amount,
        commission=commission(amount, catalog.commission_pct(product)), due_date=due)
        for line, parts in lines for product, quantity, amount in parts]


# --- storefront and API checkout ------------------------------------------------------


@transaction.atomic
def checkout(*, cooperative: Cooperative, items: list[Item], destination: dict,
             buyer: Buyer | None = None, buyer_data: dict | None = None, user=None,
             note: str = "", actor=None) -> PlacedOrder:
    """A storefront or API order, all or nothing: the buyer (a known one, or a new
    row from `buyer_data`, linked to `user` when given), the export channel's rules
    when the goods leave Indonesia, then `place_order`."""
    if buyer is None:
        buyer = Buyer(cooperative=cooperative, user=user, **(buyer_data or {}))
        statements.insert_buyer(buyer)
    channel = None
    if destination.get("country", "ID") != "ID":
        channel = Channel.objects.filter(code=EXPORT_CHANNEL, active=True).first()
        if channel is not None:
            _check_channel(items, channel)
    return _place_order(cooperative=cooperative, buyer=buyer, items=items, channel=channel,
                        note=note, actor=actor or user, **destination)


def _check_channel(items: list[Item], channel: Channel) -> None:
    """Every product of the order, bundle components included, meets the channel's rules."""
    product_ids = {i.id for i in items if i.kind == "product"}
    bundle_ids = {i.id for i in items if i.kind == "bundle"}
    products = list(Product.objects.select_related("category").filter(
        Q(pk__in=product_ids) | Q(bundle_items__bundle_id__in=bundle_ids)).distinct())
    certificates = catalog.certificates_for(products)
    today = timezone.localdate()
    for product in products:
        missing = missing_for_channel(catalog.facts_for(product, certificates[product.pk], today),
                                      channel.rules)
        if missing:
            raise DomainError(
                _("%(name)s belum dapat dikirim lewat saluran %(channel)s: belum ada %(missing)s.")
                % {"name": product.name, "channel": channel.name, "missing": ", ".join(missing)},
                field="items")


# --- cancelling -------------------------------------------------------------------------


@transaction.atomic
def cancel_order(*, order: Order, actor, reason: str) -> Order:
    """Cancel before shipping: stock comes back; a paid order is refunded in the books."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    order.move_to(Order.Status.CANCELLED,
                  message=_("Pesanan yang sudah dikirim tidak dapat dibatalkan."))
    if not reason.strip():
        raise DomainError(_("Alasan pembatalan wajib diisi."), field="reason")
    if order.fulfilment.filter(payout__isnull=False).exists():
        raise DomainError(_("Hasil penjualan pesanan ini sudah dibayarkan ke anggota."))
    for payment in order.payments.select_related("entry"):
        reverse_entry(entry=payment.entry, date=timezone.localdate(), actor=actor,
                      reason=_("pembatalan %(no)s") % {"no": order.display_number})
    _restock(order)
    order.cancelled_at = timezone.now()
    order.save(update_fields=["status", "cancelled_at"])
    log_action(cooperative=order.cooperative, actor=actor, action="order.cancelled", obj=order,
               reason=reason)
    return order


def _restock(order: Order) -> None:
    needed: dict[int, int] = defaultdict(int)
    for line in order.fulfilment.all():
        needed[line.product_id] += line.quantity
    for product in (Product.objects.select_for_update(no_key=True).filter(pk__in=needed)
                    .order_by("pk")):
        Product.objects.filter(pk=product.pk).update(stock=F("stock") + needed[product.pk])
