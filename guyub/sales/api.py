"""Orders, payment notifications and the storefront search in the JSON API.

The storefront search is public (no token), like the storefront pages. Placing an
order takes a buyer's token (for themselves) or staff's (for a buyer, e.g. on the
phone). A payment notification, sent by a bank or payment gateway integration with
a staff or board token, is idempotent by its reference:

* first time: 201, the payment is recorded and posted to the ledger once;
* the same notification again (same order, amount, reference): 200, with the
  payment recorded the first time and `created: false`; nothing is written;
* the reference already used for another order or another amount: 409.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, connection
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django_scopes import scope
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel

from guyub.catalog.models import Category, Channel
from guyub.core import rows
from guyub.core.api import ERRORS, ErrorOut
from guyub.core.api_auth import FormErrors, api_access
from guyub.core.errors import DomainError
from guyub.core.limits import RowId
from guyub.core.models import Cooperative

from . import services, storefront
from .models import Buyer, Order
from .storefront_forms import CheckoutForm, StoreFilterForm

router = Router(tags=["sales"])

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


class OrderOut(BaseModel):  # built from a dict (order_out): see MakerOut
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


class SearchFilters(Schema):
    q: str = Field("", max_length=100)
    category: RowId | None = None
    channel: str = Field("", description="channel code, e.g. ekspor")
    member: RowId | None = Field(None, description="the maker (member id)")
    province: str = ""
    regency: str = ""
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(24, ge=1, le=100)


# The search's output is plain pydantic models, not ninja Schemas: a Schema validates
# each nested object through a getter per attribute (a tenth of a search request), and
# these are built from dicts anyway.
class MakerOut(BaseModel):
    id: int
    business_name: str
    regency: str
    province: str


class OfferOut(BaseModel):
    kind: str
    id: int
    name: str
    price: Decimal
    unit: str
    stock: int
    min_order_qty: int
    category: str
    makers: list[MakerOut]
    url: str
    image: str | None


class SearchPage(BaseModel):
    count: int
    page: int
    pages: int
    items: list[OfferOut]


# --- helpers ------------------------------------------------------------------------------


def order_out(order: Order) -> dict:
    slug = order.cooperative.slug
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
                  for line in order.lines.all()],
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
        raise FormErrors({_FIELD_NAMES.get(f, f): e for f, e in form.errors.items()})
    return form


def _items(payload: OrderIn) -> list[services.Item]:
    wrong = [i for i, item in enumerate(payload.items) if item.kind not in ("product", "bundle")]
    if wrong:
        raise FormErrors({f"items.{i}.kind": [_("Pilih product atau bundle.")] for i in wrong})
    return [services.Item(i.kind, i.id, i.quantity) for i in payload.items]


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
            own, user, kind = storefront.buyer_of(request.user), request.user, Buyer.Kind.RETAIL
            if own is None and (payload.buyer is None or not access.has_role("buyer")):
                raise FormErrors({"buyer": [_("Data pembeli wajib diisi.")]})
        form = _checkout_form(payload, known_buyer=own is not None)
        order = services.checkout(
            cooperative=access.cooperative, items=items, destination=form.destination(),
            buyer=own, buyer_data={**form.buyer_data(), "kind": kind}, user=user,
            note=form.cleaned_data["note"], actor=request.user)
        return Status(201, order_out(order))


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
    digits = value.strip().upper().removeprefix("PSN-").lstrip("0")
    order = None
    if digits.isascii() and digits.isdigit() and len(digits) <= 9:
        order = Order.objects.select_related("cooperative").filter(number=int(digits)).first()
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
        try:
            payment, created = services.record_payment(
                order=order, amount=payload.amount, method=payload.method,
                reference=payload.reference, actor=request.user)
        except IntegrityError:  # the same reference recorded for another order meanwhile
            raise DomainError(_("Referensi %(ref)s sudah dipakai untuk pembayaran lain.")
                              % {"ref": payload.reference}, field="reference",
                              code="conflict") from None
        order.refresh_from_db(fields=["status"])
        return Status(201 if created else 200, {
            "created": created, "order_number": order.display_number,
            "order_status": order.status, "amount_paid": order.amount_paid,
            "balance_due": order.balance_due, "payment": payment})


@router.get("/{slug}/storefront/search", response={200: SearchPage, **ERRORS}, auth=None)
def storefront_search(request, slug: str, filters: Query[SearchFilters]):
    """The public storefront: bundles and products on sale, searched (tolerant of typos
    on PostgreSQL) and filtered like the storefront page. No token needed."""
    cooperative = _cooperative_id_only(slug)
    with scope(cooperative=cooperative):
        listing = storefront.listing(_store_filters(filters),
                                     page=(filters.page, filters.page_size))
        page = Paginator(listing, filters.page_size).get_page(filters.page)
        urls = _page_urls(slug)
        return {"count": page.paginator.count, "page": page.number,
                "pages": page.paginator.num_pages,
                "items": [_offer_out(offer, urls) for offer in page]}


def _cooperative_id_only(slug: str) -> Cooperative:
    """The cooperative as far as the scope needs it (its id): one plain statement, as
    the whole row (by-laws, SHU shares…) through the QuerySet took a fifth of a search."""
    found = rows.execute(f"SELECT id FROM {Cooperative._meta.db_table} WHERE slug = %s", [slug])
    if not found:
        raise Http404
    return Cooperative.from_db(connection.alias, ["id", "slug"], [found[0][0], slug])


def _store_filters(filters: SearchFilters) -> storefront.Filters:
    """The storefront's filters, checked as the storefront page checks them. A plain
    text search, the usual request, needs only its text checked: the filter form builds
    every field and menu."""
    if not (filters.category or filters.channel or filters.member or filters.province
            or filters.regency):
        try:
            q = StoreFilterForm.base_fields["q"].clean(filters.q)
        except ValidationError as error:
            raise FormErrors({"q": error.messages}) from None
        return storefront.Filters(q=q.strip())
    form = StoreFilterForm(
        {"q": filters.q, "category": filters.category or "", "channel": filters.channel,
         "member": filters.member or "",
         "region": "/".join(p for p in (filters.province, filters.regency) if p)},
        # The choices a filter is checked against are looked up only when the request
        # uses that filter (the storefront page needs them all for its menus).
        categories=Category.objects.all() if filters.category else [],
        channels=list(Channel.objects.filter(active=True)) if filters.channel else [],
        makers=storefront.makers() if (filters.member or filters.province
                                        or filters.regency) else [])
    if not form.is_valid():
        raise FormErrors(form.errors)
    return form.filters()


def _page_urls(slug: str) -> dict:
    """kind -> (URL before the id, after it): resolved once per page, not per card."""
    urls = {}
    for kind, name in (("product", "store:product"), ("bundle", "store:bundle")):
        head, _sep, tail = reverse(name, args=[slug, 0]).rpartition("/0/")
        urls[kind] = (head + "/", "/" + tail)
    return urls


def _offer_out(offer: storefront.Offer, urls: dict) -> dict:
    head, tail = urls[offer.kind]
    photo = offer.photo
    image = None
    if photo is not None:
        image = (photo.thumbnail or photo.image).url
    return {"kind": offer.kind, "id": offer.id, "name": offer.name, "price": offer.price,
            "unit": str(offer.unit), "stock": offer.stock, "min_order_qty": offer.min_order_qty,
            "category": str(offer.category),
            # Plain dicts: ninja validates a model instance through a getter per attribute.
            "makers": [{"id": m.pk, "business_name": m.business_name, "regency": m.regency,
                        "province": m.province} for m in offer.makers],
            "url": f"{head}{offer.id}{tail}", "image": image}
