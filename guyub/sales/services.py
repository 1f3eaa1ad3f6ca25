"""Orders, payments, fulfilment, shipments and consignment payouts: every write."""

import datetime as dt
import secrets
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.catalog import selectors as catalog
from guyub.catalog.eligibility import missing_for_channel
from guyub.catalog.models import Bundle, Category, Channel, Product
from guyub.core import rows
from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative
from guyub.core.money import format_rupiah
from guyub.ledger.services import Line, post_entry, reverse_entry

from .allocation import bundle_shares, commission, ppn, shipping_shares
from .models import (
    Buyer,
    FulfilmentLine,
    Order,
    OrderCounter,
    OrderLine,
    Payment,
    PayoutBatch,
    PayoutLine,
    Shipment,
)

OS = Order.Status
DELIVERY_DAYS = 3  # members bring goods to the warehouse within this many days
PAYMENT_ACCOUNT = {"bank_transfer": "bank", "qris": "bank", "cash": "cash"}


@dataclass(frozen=True)
class Item:
    """One cart line: a product or a bundle, and how many."""

    kind: str  # "product" or "bundle"
    id: int
    quantity: int


def _next_number(model, cooperative) -> int:
    return (model.objects.filter(cooperative=cooperative).aggregate(n=Max("number"))["n"] or 0) + 1


def _take_order_number(cooperative: Cooperative) -> int:
    """The cooperative's next order number, in one statement that also locks its counter
    row until commit. Taken last, after the product rows: every checkout of the
    cooperative queues here, so it should hold the row for as short a time as possible;
    and nothing that locks the counter waits for a product row. Cancellations lock the
    cooperative row for the ledger and then products, never the counter; the ledger's
    lock is FOR NO KEY UPDATE, so it does not wait for this checkout's foreign-key
    checks on the cooperative row either (tests/test_stock_concurrency.py)."""
    table = OrderCounter._meta.db_table
    return rows.execute(
        f"INSERT INTO {table} (cooperative_id, last_number) VALUES (%s, 1) "
        f"ON CONFLICT (cooperative_id) DO UPDATE SET last_number = {table}.last_number + 1 "
        "RETURNING last_number", [cooperative.pk])[0][0]


def _lock_products(cooperative, items: list[Item], *, business: bool = True):
    """Lock every product the order touches, in id order (no deadlocks between
    checkouts), and return products, bundles and the units needed per product.
    Wholesale tiers are loaded for a business buyer only: nobody else's price reads them."""
    bundle_ids = {i.id for i in items if i.kind == "bundle"}
    bundles = {b.pk: b for b in catalog.bundles_with_items().filter(pk__in=bundle_ids,
                                                                     active=True)
               } if bundle_ids else {}
    needed: dict[int, int] = defaultdict(int)
    for item in items:
        if item.kind == "product":
            needed[item.id] += item.quantity
        elif item.id in bundles:
            for component in bundles[item.id].items.all():
                needed[component.product_id] += component.quantity * item.quantity
        else:
            raise DomainError(_("Paket tidak tersedia."), field="items")
    products = _locked_products(cooperative, sorted(needed))
    if business:
        prefetch_related_objects(list(products.values()), "tiers")
    return products, bundles, needed


def _take_stock(cooperative, needed: dict[int, int]) -> None:
    """Take the units from the locked products' stock, in one statement."""
    cases = " ".join(["WHEN %s THEN %s"] * len(needed))
    table = Product._meta.db_table
    rows.execute(
        f"UPDATE {table} SET stock = stock - CASE id {cases} END "
        f"WHERE cooperative_id = %s AND id IN ({', '.join(['%s'] * len(needed))})",
        [*(v for pair in needed.items() for v in pair), cooperative.pk, *needed])


def _locked_products(cooperative, ids: list[int]) -> dict[int, Product]:
    """The cooperative's products of these ids with their categories, locked until
    commit, in id order (no deadlocks between checkouts). OF p: the category row stays
    unlocked; NO KEY: the lock does not block other transactions' foreign-key checks on
    the product. Read through core/rows.py, as the order's rows are written."""
    lock = ""
    if connection.features.has_select_for_no_key_update:  # SQLite locks the whole database
        lock = " FOR NO KEY UPDATE OF p"
    sql = (f"SELECT {rows.columns(Product, 'p')}, {rows.columns(Category, 'c')} "
           f"FROM {Product._meta.db_table} p JOIN {Category._meta.db_table} c "
           f"ON c.id = p.category_id WHERE p.cooperative_id = %s "
           f"AND p.id IN ({', '.join(['%s'] * len(ids))}) ORDER BY p.id{lock}")
    products = {}
    for row in rows.execute(sql, [cooperative.pk, *ids]):
        product, end = rows.build(Product, row)
        product.category, _end = rows.build(Category, row, end)
        product.cooperative = cooperative  # the one the caller holds
        products[product.pk] = product
    return products


def _check_stock(products, needed, items):
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


def _place_order(*, cooperative: Cooperative, buyer: Buyer, items: list[Item],
                 city: str, address: str, province: str = "", country: str = "ID",
                 channel: Channel | None = None, note: str = "", actor=None) -> Order:
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
    products, bundles, needed = _lock_products(cooperative, items, business=business)
    _check_stock(products, needed, items)
    _take_stock(cooperative, needed)
    # Everything is worked out in memory first, so that once the order number is taken
    # (and with it the counter's lock) the order goes in with one INSERT, totals
    # included, and its lines with one more (bench/sales_throughput.py).
    lines = _order_lines(cooperative, items, products, bundles, business=business)
    subtotal = sum((line.line_total for line, _parts in lines), Decimal(0))
    ppn_rate = cooperative.ppn_rate if cooperative.is_pkp else Decimal(0)
    ppn_amount = ppn(subtotal, ppn_rate) if cooperative.is_pkp else Decimal(0)
    # The order's rows go in through core/rows.py: the QuerySet's share of placing an
    # order was most of its time (bench/sales_throughput.py).
    order = Order(
        cooperative=cooperative, number=_take_order_number(cooperative), buyer=buyer,
        channel=channel, country=country, province=province, city=city, address=address,
        note=note, access_key=secrets.token_urlsafe(24), subtotal=subtotal,
        ppn_rate=ppn_rate, ppn_amount=ppn_amount, total=subtotal + ppn_amount,
        weight_grams=sum(line.weight_grams for line, _parts in lines),
    )
    rows.insert([order])
    for line, _parts in lines:
        line.order = order
    rows.insert([line for line, _parts in lines])
    # The caller's answer lists the lines: these are they, no need to read them back
    # (the queryset is filled in as prefetch_related("lines") would fill it).
    # (The base manager: the related manager would add the tenant filter and scope
    # checks to a queryset that is never run.)
    saved = OrderLine._base_manager.filter(order_id=order.pk)
    saved._result_cache, saved._prefetch_done = [line for line, _parts in lines], True
    order._prefetched_objects_cache = {"lines": saved}
    due = timezone.localdate() + dt.timedelta(days=DELIVERY_DAYS)
    rows.insert([
        FulfilmentLine(
            cooperative=cooperative, order=order, order_line=line, member_id=product.member_id,
            product=product, quantity=quantity, sale_amount=amount,
            commission=commission(amount, catalog.commission_pct(product)), due_date=due)
        for line, parts in lines for product, quantity, amount in parts])
    log_action(cooperative=cooperative, actor=actor, action="order.placed", obj=order,
               total=order.total)
    return order


place_order = transaction.atomic(_place_order)  # the same, all or nothing


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


# --- storefront and API checkout ------------------------------------------------------

EXPORT_CHANNEL = "ekspor"


@transaction.atomic
def checkout(*, cooperative: Cooperative, items: list[Item], destination: dict,
             buyer: Buyer | None = None, buyer_data: dict | None = None, user=None,
             note: str = "", actor=None) -> Order:
    """A storefront or API order, all or nothing: the buyer (a known one, or a new
    row from `buyer_data`, linked to `user` when given), the export channel's rules
    when the goods leave Indonesia, then `place_order`."""
    if buyer is None:
        buyer = Buyer(cooperative=cooperative, user=user, **(buyer_data or {}))
        rows.insert([buyer])
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


def _restock(order: Order) -> None:
    needed: dict[int, int] = defaultdict(int)
    for line in order.fulfilment.all():
        needed[line.product_id] += line.quantity
    for product in (Product.objects.select_for_update(no_key=True).filter(pk__in=needed)
                    .order_by("pk")):
        Product.objects.filter(pk=product.pk).update(stock=F("stock") + needed[product.pk])


@transaction.atomic
def cancel_order(*, order: Order, actor, reason: str) -> Order:
    """Cancel before shipping: stock comes back; a paid order is refunded in the books."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status not in (OS.PLACED, OS.PAID, OS.FULFILLING):
        raise DomainError(_("Pesanan yang sudah dikirim tidak dapat dibatalkan."),
                          code="transition")
    if not reason.strip():
        raise DomainError(_("Alasan pembatalan wajib diisi."), field="reason")
    if order.fulfilment.filter(payout__isnull=False).exists():
        raise DomainError(_("Hasil penjualan pesanan ini sudah dibayarkan ke anggota."))
    for payment in order.payments.select_related("entry"):
        reverse_entry(entry=payment.entry, date=timezone.localdate(), actor=actor,
                      reason=_("pembatalan %(no)s") % {"no": order.display_number})
    _restock(order)
    order.status = OS.CANCELLED
    order.cancelled_at = timezone.now()
    order.save(update_fields=["status", "cancelled_at"])
    log_action(cooperative=order.cooperative, actor=actor, action="order.cancelled", obj=order,
               reason=reason)
    return order


def order_url(order: Order) -> str:
    return reverse("sales:order", args=[order.cooperative.slug, order.pk])


@transaction.atomic
def record_payment(*, order: Order, amount, method: str, reference: str, actor=None,
                   received_at=None) -> tuple[Payment, bool]:
    """Record the buyer's payment once, however often it is notified.

    Returns (payment, created). The same reference again returns the first payment;
    a reference reused for another order or amount is refused.
    """
    reference = (reference or "").strip()
    if not reference:
        raise DomainError(_("Referensi pembayaran wajib diisi."), field="reference")
    if method not in PAYMENT_ACCOUNT:
        raise DomainError(_("Cara bayar tidak dikenal."), field="method")
    amount = Decimal(amount)
    cooperative = order.cooperative
    # Lock the order first: two deliveries of the same notification queue here.
    order = Order.objects.select_for_update().get(pk=order.pk)
    existing = Payment.objects.filter(cooperative=cooperative, reference=reference).first()
    if existing is not None:
        if existing.order_id != order.pk or existing.amount != amount:
            raise _reference_taken(reference)
        return existing, False
    if order.status != OS.PLACED:
        raise DomainError(_("Pesanan ini tidak sedang menunggu pembayaran."), code="transition")
    if not amount.is_finite() or amount <= 0 or amount != amount.to_integral_value():
        raise DomainError(_("Jumlah pembayaran harus rupiah utuh lebih dari nol."),
                          field="amount")
    # Under the order's row lock: two part payments at once cannot both fit the balance.
    paid = order.amount_paid
    due = order.total - paid
    if amount > due:
        raise DomainError(_("Jumlah %(amount)s melebihi sisa tagihan. Sisa tagihan %(due)s.")
                          % {"amount": format_rupiah(amount), "due": format_rupiah(due)},
                          field="amount")
    received_at = received_at or timezone.now()
    # By day: the books must not be written for a day that has not come yet.
    if timezone.localdate(received_at) > timezone.localdate():
        raise DomainError(_("Waktu diterimanya pembayaran tidak boleh di masa depan."),
                          field="received_at")
    if received_at < order.placed_at:
        raise DomainError(_("Pembayaran tidak mungkin diterima sebelum pesanannya dibuat."),
                          field="received_at")
    try:
        # Two orders paid with one reference at the same moment lock different orders,
        # so both pass the check above; the unique constraint stops the second one here,
        # which must be the same refusal as above, not a server error.
        with transaction.atomic():
            payment = Payment.objects.create(
                cooperative=cooperative, order=order, amount=amount, method=method,
                reference=reference, received_at=received_at,
                recorded_by=actor if getattr(actor, "pk", None) else None)
    except IntegrityError:
        raise _reference_taken(reference) from None
    # The books date the sale when the money came in, not when someone recorded it.
    # A part payment is held as the buyer's deposit (a liability: the goods are still
    # owed); the payment that completes the order books the sale, drawing the deposits.
    settles = amount == due
    if settles:
        lines = _sale_lines(order, amount, method)
        if paid:
            lines.append(Line(account="buyer_deposits", debit=paid))
        description = _("Penjualan %(no)s, dibayar (%(ref)s)")
    else:
        lines = [Line(account=PAYMENT_ACCOUNT[method], debit=amount),
                 Line(account="buyer_deposits", credit=amount)]
        description = _("Uang muka %(no)s (%(ref)s)")
    payment.entry = post_entry(
        cooperative=cooperative, date=timezone.localdate(received_at), actor=actor,
        source=payment, source_url=order_url(order), lines=lines,
        description=description % {"no": order.display_number, "ref": reference})
    payment.save(update_fields=["entry"])
    if settles:
        order.status = OS.PAID
        order.paid_at = payment.received_at
        order.save(update_fields=["status", "paid_at"])
        log_action(cooperative=cooperative, actor=actor, action="order.paid", obj=order,
                   amount=amount, reference=reference, method=method)
    else:
        log_action(cooperative=cooperative, actor=actor, action="order.part_paid", obj=order,
                   amount=amount, reference=reference, method=method, balance_due=due - amount)
    return payment, True


def _reference_taken(reference: str) -> DomainError:
    return DomainError(_("Referensi %(ref)s sudah dipakai untuk pembayaran lain.")
                       % {"ref": reference}, field="reference", code="conflict")


def _sale_lines(order: Order, amount: Decimal, method: str) -> list[Line]:
    """Cash in; each maker's earning owed to them; commission and VAT to the cooperative."""
    earnings: dict[int, Decimal] = defaultdict(Decimal)
    members = {}
    total_commission = Decimal(0)
    for line in order.fulfilment.select_related("member"):
        earnings[line.member_id] += line.member_earning
        members[line.member_id] = line.member
        total_commission += line.commission
    lines = [Line(account=PAYMENT_ACCOUNT[method], debit=amount)]
    lines += [Line(account="payable_members", credit=earning, member=members[member_id])
              for member_id, earning in earnings.items() if earning > 0]
    if total_commission:
        lines.append(Line(account="income_commission", credit=total_commission))
    if order.ppn_amount:
        lines.append(Line(account="vat_payable", credit=order.ppn_amount))
    return lines


@transaction.atomic
def hand_over(*, line: FulfilmentLine, actor) -> FulfilmentLine:
    """A member's goods for an order arrived at the warehouse."""
    line = FulfilmentLine.objects.select_for_update().select_related("order").get(pk=line.pk)
    if line.order.status not in (OS.PAID, OS.FULFILLING):
        raise DomainError(_("Barang diserahkan setelah pesanan dibayar dan sebelum dikirim."))
    if line.handed_over_at is None:
        line.handed_over_at = timezone.now()
        line.save(update_fields=["handed_over_at"])
        Order.objects.filter(pk=line.order_id, status=OS.PAID).update(status=OS.FULFILLING)
        log_action(cooperative=line.cooperative, actor=actor, action="fulfilment.handed_over",
                   obj=line.order, member=line.member_id, product=line.product_id,
                   quantity=line.quantity)
    return line


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
        if order.shipment_id or order.status not in (OS.PAID, OS.FULFILLING):
            raise DomainError(_("%(no)s belum siap dikirim.") % {"no": order.display_number},
                              field="orders")
        if order.fulfilment.filter(handed_over_at__isnull=True).exists():
            raise DomainError(_("%(no)s: masih ada barang anggota yang belum diserahkan.")
                              % {"no": order.display_number}, field="orders")
    cost = Decimal(cost or 0)
    if cost < 0 or cost != cost.to_integral_value():
        raise DomainError(_("Ongkos kirim harus rupiah utuh, tidak negatif."), field="cost")
    shipment = Shipment.objects.create(
        cooperative=cooperative, number=_next_number(Shipment, cooperative),
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
    if shipment.status != Shipment.Status.PREPARING:
        raise DomainError(_("Pengiriman ini sudah berangkat."), code="transition")
    if not tracking_number.strip():
        raise DomainError(_("Nomor resi wajib diisi."), field="tracking_number")
    shipment.tracking_number = tracking_number.strip()
    shipment.status = Shipment.Status.SHIPPED
    shipment.shipped_at = timezone.now()
    shipment.save()
    # An order cancelled after it was put in this shipment stays cancelled: overwriting
    # its status would also bring its (refunded) sale back into the makers' payouts.
    shipment.orders.exclude(status=OS.CANCELLED).update(status=OS.SHIPPED)
    log_action(cooperative=shipment.cooperative, actor=actor, action="shipment.shipped",
               obj=shipment, tracking_number=tracking_number)
    return shipment


@transaction.atomic
def mark_delivered(*, shipment: Shipment, actor) -> Shipment:
    shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
    if shipment.status != Shipment.Status.SHIPPED:
        raise DomainError(_("Pengiriman ini belum berangkat atau sudah diterima."),
                          code="transition")
    shipment.status = Shipment.Status.DELIVERED
    shipment.delivered_at = timezone.now()
    shipment.save()
    shipment.orders.exclude(status=OS.CANCELLED).update(  # see mark_shipped
        status=OS.DELIVERED, delivered_at=shipment.delivered_at)
    log_action(cooperative=shipment.cooperative, actor=actor, action="shipment.delivered",
               obj=shipment)
    return shipment


def payable_lines(cooperative: Cooperative, start: dt.date, end: dt.date):
    """Sales of paid, not cancelled orders in the period, not yet paid out."""
    return (FulfilmentLine.objects
            .filter(cooperative=cooperative, payout__isnull=True,
                    order__paid_at__date__gte=start, order__paid_at__date__lte=end)
            .exclude(order__status=OS.CANCELLED)
            .select_related("member", "order"))


@transaction.atomic
def create_payout(*, cooperative: Cooperative, start: dt.date, end: dt.date, actor,
                  method: str = "bank") -> PayoutBatch:
    """Pay each member what they earned in the period, posted as one entry."""
    if start > end:
        raise DomainError(_("Tanggal awal harus sebelum tanggal akhir."), field="start")
    if method not in ("bank", "cash"):
        raise DomainError(_("Cara bayar tidak dikenal."), field="method")
    lines = list(payable_lines(cooperative, start, end).select_for_update(of=("self",)))
    if not lines:
        raise DomainError(_("Tidak ada hasil penjualan yang belum dibayarkan pada periode ini."))
    per_member: dict[int, list[FulfilmentLine]] = defaultdict(list)
    for line in lines:
        per_member[line.member_id].append(line)
    if not any(line.sale_amount - line.commission for line in lines):
        # Nothing to pay and so nothing to book; the sales are settled with the next
        # payout that pays someone.
        raise DomainError(_("Tidak ada yang perlu dibayarkan: seluruh hasil penjualan "
                            "periode ini menjadi komisi koperasi."))
    batch = PayoutBatch.objects.create(cooperative=cooperative,
                                       number=_next_number(PayoutBatch, cooperative),
                                       period_start=start, period_end=end, method=method,
                                       created_by=actor)
    ledger_lines, total = [], Decimal(0)
    for member_lines in per_member.values():
        member = member_lines[0].member
        sales = sum((x.sale_amount for x in member_lines), Decimal(0))
        fee = sum((x.commission for x in member_lines), Decimal(0))
        payout = PayoutLine.objects.create(cooperative=cooperative, batch=batch, member=member,
                                           sales=sales, commission=fee, amount=sales - fee)
        FulfilmentLine.objects.filter(pk__in=[x.pk for x in member_lines]).update(payout=payout)
        if payout.amount:
            ledger_lines.append(Line(account="payable_members", debit=payout.amount,
                                     member=member))
            total += payout.amount
    ledger_lines.append(Line(account=method, credit=total))
    batch.entry = post_entry(
        cooperative=cooperative, date=timezone.localdate(), actor=actor, source=batch,
        lines=ledger_lines,
        description=_("Pembayaran hasil titip jual %(no)s, %(start)s s.d. %(end)s")
        % {"no": batch.display_number, "start": start, "end": end})
    batch.save(update_fields=["entry"])
    log_action(cooperative=cooperative, actor=actor, action="payout.created", obj=batch,
               total=total, members=len(per_member))
    return batch


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
