"""The public storefront of a cooperative: browse and search, product and bundle pages,
cart, checkout, the buyer's order page and invoice; and a buyer account's orders.

Anyone may open the storefront (public_coop_view), and every query still runs in the
cooperative's scope. Orders are placed through orders.services.checkout.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.catalog.models import Category, Channel, Product
from guyub.core.errors import attempt
from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.core.tenancy import public_coop_view

from ..countries import country_name
from ..orders import selectors as orders
from ..orders import services as ordering
from ..orders.forms import CheckoutForm
from ..orders.invoice import invoice_response
from ..orders.models import Buyer, Order
from . import catalogue, listing, offers, selectors
from .cart import Cart, contents, key_of
from .filters import Filters
from .forms import AddToCartForm, StoreFilterForm


def _buyer(request) -> Buyer | None:
    if not hasattr(request, "_store_buyer"):
        request._store_buyer = orders.buyer_of(request.user)
    return request._store_buyer


def _business(request) -> bool:
    buyer = _buyer(request)
    return buyer is not None and buyer.kind == Buyer.Kind.BUSINESS


def _render(request, template, context):
    context = {"coop": request.coop, "cart_count": len(Cart(request.session, request.coop)),
               "buyer": _buyer(request), **context}
    return render(request, template, context)


def _filter_form(request) -> StoreFilterForm:
    return StoreFilterForm(
        request.GET or None,
        categories=Category.objects.filter(
            pk__in=catalogue.listed_products().values("category_id")),
        channels=list(Channel.objects.filter(active=True)),
        makers=catalogue.makers())


@public_coop_view
def home(request):
    form = _filter_form(request)
    filters = form.filters() if form.is_valid() else Filters()
    number = request.GET.get("page", "1")
    # isascii: "²".isdigit() is true too, and int() refuses it.
    hint = ((int(number), selectors.PAGE_SIZE)
            if number.isascii() and number.isdigit() and 0 < int(number) < 10**6 else None)
    found = listing.listing(filters, business=_business(request), page=hint)
    page = Paginator(found, selectors.PAGE_SIZE).get_page(number)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "filters": filters,
               "htmx_target": "#results"}
    if request.htmx:
        return _render(request, "sales/store/_results.html", context)
    return _render(request, "sales/store/home.html", context)


@public_coop_view
def product(request, pk):
    try:
        item = selectors.product_page(pk)
    except Product.DoesNotExist:
        raise Http404 from None
    tiers = list(item.tiers.all())
    return _render(request, "sales/store/product.html", {
        "product": item,
        "photos": list(item.photos.all()),
        "tiers": tiers if _business(request) else [],
        "has_tiers": bool(tiers),
        "more": selectors.more_from_maker(item),
        "form": AddToCartForm(initial={"kind": "product", "id": item.pk,
                                       "quantity": item.min_order_qty}),
    })


@public_coop_view
def bundle(request, pk):
    offer = selectors.bundle_page(pk)
    if offer is None:
        raise Http404
    return _render(request, "sales/store/bundle.html", {
        "offer": offer,
        "card": offers.bundle_offer(offer),
        "form": AddToCartForm(initial={"kind": "bundle", "id": offer.bundle.pk, "quantity": 1}),
    })


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@require_POST
@public_coop_view
def cart_add(request):
    cart_url = reverse("store:cart", args=[request.coop.slug])
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return _back(request, cart_url)
    cart = Cart(request.session, request.coop)
    key = key_of(form.cleaned_data["kind"], form.cleaned_data["id"])
    quantities = cart.quantities()
    quantities[key] = quantities.get(key, 0) + form.cleaned_data["quantity"]
    line = contents(quantities, cooperative=request.coop, business=_business(request)).line(key)
    if line is None:
        messages.error(request, _("Barang ini tidak tersedia lagi."))
        return _back(request, cart_url)
    if line.problem:
        messages.error(request, line.problem)
        return _back(request, cart_url)
    cart.save(quantities)
    messages.success(request, _("%(name)s masuk keranjang.") % {"name": line.offer.name})
    return redirect(cart_url)


def _update(request, cart: Cart) -> None:
    quantities = cart.quantities()
    remove = request.POST.get("remove", "")
    for key in list(quantities):
        raw = request.POST.get(f"qty-{key}", "").strip()
        if key == remove:
            quantities[key] = 0
        elif raw.isdigit():
            quantities[key] = min(int(raw), 100_000)
        elif raw:
            messages.error(request, _("Jumlah harus bilangan bulat."))
    cart.save(quantities)


@public_coop_view
def cart_page(request):
    cart = Cart(request.session, request.coop)
    if request.method == "POST":
        _update(request, cart)
        return redirect("store:cart", request.coop.slug)
    cart_contents = contents(cart.quantities(), cooperative=request.coop,
                             business=_business(request))
    if cart_contents.dropped:
        cart.save({line.key: line.quantity for line in cart_contents.lines})
        messages.warning(request, _("Sebagian barang di keranjang tidak tersedia lagi dan "
                                    "sudah dikeluarkan."))
    return _render(request, "sales/store/cart.html", {"cart": cart_contents})


def _linked_user(request):
    """The account an order is kept under: a logged-in user holding the buyer role."""
    user = request.user
    if user.is_authenticated and Role.BUYER in CoopRole.objects.roles_of(user, request.coop):
        return user
    return None


def _initial(request) -> dict:
    """What the checkout form starts with: for a buyer account, its own details and
    where its last order went, so a returning shop does not type them again."""
    user = request.user
    if not user.is_authenticated:
        return {"country": "ID"}
    initial = {"country": "ID", "name": user.get_full_name(), "email": user.email}
    buyer = _buyer(request)
    if buyer is not None:
        initial.update(name=buyer.name, company=buyer.company, email=buyer.email,
                       phone=buyer.phone)
        initial.update(orders.last_destination(buyer) or {})
    return initial


@public_coop_view
def checkout(request):
    cart = Cart(request.session, request.coop)
    if not len(cart):
        messages.info(request, _("Keranjang masih kosong."))
        return redirect("store:home", request.coop.slug)
    buyer = _buyer(request)
    form = CheckoutForm(request.POST or None, known_buyer=buyer is not None,
                        initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        placed = attempt(request, lambda: ordering.checkout(
            cooperative=request.coop, items=cart.items(), destination=form.destination(),
            buyer=buyer, buyer_data=form.buyer_data(), user=_linked_user(request),
            note=form.cleaned_data["note"]), form=form)
        if placed is not None:
            cart.clear()
            return redirect("store:order", request.coop.slug, placed.order.access_key)
    cart_contents = contents(cart.quantities(), cooperative=request.coop,
                             business=_business(request))
    return _render(request, "sales/store/checkout.html", {"form": form, "cart": cart_contents})


def _order_by_key(key: str) -> Order:
    return get_object_or_404(Order.objects.select_related("buyer", "cooperative"),
                             access_key=key)


@public_coop_view
def order(request, key):
    found = _order_by_key(key)
    return _render(request, "sales/store/order.html", {
        "order": found,
        "lines": found.lines.all(),
        "payments": found.payments.all(),
        "country": country_name(found.country),
    })


@public_coop_view
def order_invoice(request, key):
    return invoice_response(request, _order_by_key(key))
