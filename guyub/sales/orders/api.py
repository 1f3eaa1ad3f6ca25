"""Orders and payment notifications in the JSON API.

Placing an order takes a buyer's token (for themselves) or staff's (for a buyer, e.g. on
the phone). A payment notification, sent by a bank or payment gateway integration with
a staff or board token, is idempotent by its reference:

* first time: 201, the payment is recorded and posted to the ledger once;
* the same notification again (same order, amount, reference): 200, with the
  payment recorded the first time and `created: false`; nothing is written;
* the reference already used for another order or another amount: 409.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import BaseModel

from guyub.core.api import ERRORS, ErrorOut
from guyub.core.api_auth import FormErrors, api_access
from guyub.core.limits import RowId

from . import payments, selectors, services
from .forms import CheckoutForm
from .models import Buyer, Order
from .services import Item

router = Router()

MAX_ORDER_ITEMS = 100  # lines of one order: a bigger one is a wholesale deal for staff

# --- schemas ------------------------------------------------------------------------------


class ItemIn(Schema):
    kind: str = Field(description="product or bundle")
    id: RowId
    quantity: int = Field(ge=1, le=100_000)


class BuyerIn(Schema):
    name: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    kind: str = Field("retail", description="retail or business (business: staff only)")


class DestinationIn(Schema):
    address: str
    city: str
    province: str = Field("", description="province code (e.g. 34); required in Indonesia")
    country: str = Field("ID", description="ISO 3166 country code; ID for Indonesia")


class OrderIn(Schema):
    items: list[ItemIn] = Field(max_length=MAX_ORDER_ITEMS)
    buyer: BuyerIn | None = Field(None, description="who buys; a buyer's token may omit it")
    destination: DestinationIn
    note: str = ""


class LineOut(BaseModel):
    kind: str
    product_id: int | None
    bundle_id: int | None
    name: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal


class OrderOut(BaseModel):  # built from a dict (order_out): see storefront/api.py
    id: int
    number: int
    display_number: str
    status: str
    buyer_name: str
    buyer_kind: str
    country: str
    province: str
    city: str
    address: str
    subtotal: Decimal
    ppn_rate: Decimal
    ppn_amount: Decimal
    total: Decimal
    amount_paid: Decimal = Field(description="paid so far (a business buyer may pay a "
                                             "deposit first)")
    balance_due: Decimal = Field(description="what is left to pay; 0 once paid")
    placed_at: dt.datetime
    paid_at: dt.datetime | None
    lines: list[LineOut]
    order_url: str = Field(description="the buyer's order page (its address is the key)")
    invoice_url: str


class NotifyIn(Schema):
    order_number: str = Field(description="PSN-000012 or 12")
    amount: Decimal = Field(ge=1, max_digits=16, decimal_places=0)
    method: str = Field("bank_transfer", description="bank_transfer, qris or cash")
    reference: str = Field(max_length=100, description="the bank's or gateway's reference")


class PaymentOut(Schema):
    reference: str
    amount: Decimal
    method: str
    received_at: dt.datetime


class NotifyOut(Schema):
    created: bool
    order_number: str
    order_status: str
    amount_paid: Decimal
    balance_due: Decimal = Field(description="what is left to pay after this payment")
    payment: PaymentOut


# --- helpers ------------------------------------------------------------------------------


def order_out(order: Order, lines=None) -> dict:
    """The order as the API shows it; `lines` when the caller holds them already (a new
    order's), else they are read."""
    slug = order.cooperative.slug
    if lines is None:
        lines = order.lines.all()
    return {
        **{f: getattr(order, f) for f in (
            "id", "number", "display_number", "status", "country", "province", "city",
            "address", "subtotal", "ppn_rate", "ppn_amount", "total", "amount_paid",
            "balance_due", "placed_at", "paid_at")},
        "buyer_name": str(order.buyer),
        "buyer_kind": order.buyer.kind,
        "lines": [{"kind": "bundle" if line.bundle_id else "product",
                   "product_id": line.product_id, "bundle_id": line.bundle_id,
                   "name": line.name, "quantity": line.quantity,
                   "unit_price": line.unit_price, "line_total": line.line_total}
                  for line in lines],
        "order_url": reverse("store:order", args=[slug, order.access_key]),
        "invoice_url": reverse("store:invoice", args=[slug, order.access_key]),
    }


# Checkout form fields as the API names them.
_FIELD_NAMES = {"name": "buyer.name", "company": "buyer.company", "email": "buyer.email",
                "phone": "buyer.phone", "address": "destination.address",
                "city": "destination.city", "province": "destination.province",
                "country": "destination.country", "note": "note"}


def _checkout_form(payload: OrderIn, *, known_buyer: bool) -> CheckoutForm:
    data = {**payload.destination.dict(), "note": payload.note}
    if payload.buyer is not None:
        data.update(payload.buyer.dict(exclude={"kind"}))
    form = CheckoutForm(data=data, known_buyer=known_buyer)
    if not form.is_valid():
        raise FormErrors({_FIELD_NAMES.get(field, field): errors
                          for field, errors in form.errors.items()})
    return form


def _items(payload: OrderIn) -> list[Item]:
    wrong = [index for index, item in enumerate(payload.items)
             if item.kind not in ("product", "bundle")]
    if wrong:
        raise FormErrors({f"items.{index}.kind": [_("Pilih product atau bundle.")]
                          for index in wrong})
    return [Item(item.kind, item.id, item.quantity) for item in payload.items]


def _buyer_kind(payload: OrderIn) -> str:
    kind = payload.buyer.kind if payload.buyer else Buyer.Kind.RETAIL
    if kind not in Buyer.Kind.values:
        raise FormErrors({"buyer.kind": [_("Pilih retail atau business.")]})
    return kind


# --- endpoints ----------------------------------------------------------------------------


@router.post("/{slug}/orders", response={201: OrderOut, 409: ErrorOut, **ERRORS})
def place_order(request, slug: str, payload: OrderIn):
    """Place an order. Staff send the buyer's data (a new buyer record; `kind` business
    gives wholesale prices). A buyer's token orders for the buyer's own account (its
    data is needed only the first time, when the account has no buyer record yet)."""
    with api_access(request, slug, "orders.place") as access:
        items = _items(payload)
        if payload.buyer is not None and access.can("sales.manage"):
            own, user, kind = None, None, _buyer_kind(payload)
        else:
            own, user, kind = selectors.buyer_of(request.user), request.user, Buyer.Kind.RETAIL
            if own is None and (payload.buyer is None or not access.has_role("buyer")):
                raise FormErrors({"buyer": [_("Data pembeli wajib diisi.")]})
        form = _checkout_form(payload, known_buyer=own is not None)
        placed = services.checkout(
            cooperative=access.cooperative, items=items, destination=form.destination(),
            buyer=own, buyer_data={**form.buyer_data(), "kind": kind}, user=user,
            note=form.cleaned_data["note"], actor=request.user)
        return Status(201, order_out(placed.order, placed.lines))


@router.get("/{slug}/orders/{order_id}", response={200: OrderOut, **ERRORS})
def get_order(request, slug: str, order_id: int):
    """An order: staff see every order, a buyer only their own."""
    with api_access(request, slug, "coop.view") as access:
        order = get_object_or_404(Order.objects.select_related("buyer", "cooperative"),
                                  pk=order_id)
        own = access.can("orders.own") and order.buyer.user_id == request.user.pk
        if not (own or access.can("sales.view")):
            raise PermissionDenied("sales.view")
        return order_out(order)


def _order_by_number(value: str) -> Order:
    order = selectors.order_by_number(value)
    if order is None:
        raise FormErrors({"order_number": [_("Nomor pesanan tidak dikenal.")]})
    return order


@router.post("/{slug}/payments/notify",
             response={200: NotifyOut, 201: NotifyOut, 409: ErrorOut, **ERRORS})
def notify_payment(request, slug: str, payload: NotifyIn):
    """A payment arrived (bank transfer, QRIS, cash). Idempotent by `reference`: 201 the
    first time, 200 with `created: false` when the same notification comes again, 409
    when the reference was used for another order or amount."""
    with api_access(request, slug, "sales.manage"):
        if not payload.reference.isprintable():
            raise FormErrors({"reference": [_("Referensi berisi karakter yang tidak sah.")]})
        order = _order_by_number(payload.order_number)
        # A reference taken meanwhile by another order is refused by the service (409).
        payment, created = payments.record_payment(
            order=order, amount=payload.amount, method=payload.method,
            reference=payload.reference, actor=request.user)
        order.refresh_from_db(fields=["status"])
        return Status(201 if created else 200, {
            "created": created, "order_number": order.display_number,
            "order_status": order.status, "amount_paid": order.amount_paid,
            "balance_due": order.balance_due, "payment": payment})


