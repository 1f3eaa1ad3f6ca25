"""Distribution: consolidate paid orders by destination into shipments, send and track them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import DomainError
from guyub.core.tenancy import coop_view
from guyub.members.pdf import pdf_response

from . import selectors, services
from .fulfilment_forms import ShipmentForm, TrackingForm
from .models import Shipment

CARRIERS = ["JNE", "J&T Express", "SiCepat", "Pos Indonesia", "TIKI", "Lion Parcel",
            "Paxel", "Deliveree", "DHL Express"]


def _list_context(request) -> dict:
    destinations = selectors.ready_to_ship()
    for i, destination in enumerate(destinations):
        # Each destination has its own form on the page; ids must not repeat.
        destination.form = ShipmentForm(auto_id=f"id_d{i}_%s")
    shipments = (Shipment.objects.annotate(order_count=Count("orders"),
                                           weight=Sum("orders__weight_grams"))
                 .order_by("-number"))
    status = request.GET.get("status", "")
    if status in Shipment.Status.values:
        shipments = shipments.filter(status=status)
    return {
        "destinations": destinations,
        "waiting": selectors.waiting_for_goods()[:50],
        "page": Paginator(shipments, 25).get_page(request.GET.get("page")),
        "status": status, "statuses": Shipment.Status.choices,
        "query": f"status={status}" if status else "",
        "can_manage": request.access.can("sales.manage"),
        "carriers": CARRIERS,
    }


@coop_view("sales.view")
def shipment_list(request):
    return render(request, "sales/shipment_list.html", _list_context(request))


def _flash_errors(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@require_POST
@coop_view("sales.manage")
def shipment_create(request):
    form = ShipmentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            shipment = services.create_shipment(
                cooperative=request.coop, orders=list(data["orders"]), actor=request.user,
                carrier=data["carrier"].strip(), cost=data["cost"], method=data["method"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Pengiriman %(no)s ke %(dest)s dibuat.")
                             % {"no": shipment.display_number, "dest": shipment.destination})
            return redirect("sales:shipment", request.coop.slug, shipment.pk)
    else:
        _flash_errors(request, form)
    return redirect("sales:shipments", request.coop.slug)


def _shipment(pk):
    return get_object_or_404(Shipment, pk=pk)


def _orders(shipment):
    return (shipment.orders.select_related("buyer", "channel")
            .prefetch_related("lines", "fulfilment__product", "fulfilment__member")
            .order_by("number"))


@coop_view("sales.view")
def shipment_detail(request, pk):
    shipment = _shipment(pk)
    orders = list(_orders(shipment))
    return render(request, "sales/shipment_detail.html", {
        "shipment": shipment, "orders": orders,
        "weight": sum(o.weight_grams for o in orders),
        "shares_total": sum(o.shipping_cost_share for o in orders),
        "tracking_form": TrackingForm(),
        "can_manage": request.access.can("sales.manage"),
    })


@require_POST
@coop_view("sales.manage")
def shipment_ship(request, pk):
    shipment = _shipment(pk)
    form = TrackingForm(request.POST)
    if form.is_valid():
        try:
            services.mark_shipped(shipment=shipment, actor=request.user,
                                  tracking_number=form.cleaned_data["tracking_number"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(no)s berangkat; nomor resi dicatat.")
                             % {"no": shipment.display_number})
    else:
        for error in form.errors.get("tracking_number", []):
            messages.error(request, error)
    return redirect("sales:shipment", request.coop.slug, shipment.pk)


@require_POST
@coop_view("sales.manage")
def shipment_deliver(request, pk):
    shipment = _shipment(pk)
    try:
        services.mark_delivered(shipment=shipment, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(no)s diterima di tujuan.")
                         % {"no": shipment.display_number})
    return redirect("sales:shipment", request.coop.slug, shipment.pk)


@coop_view("sales.view")
def shipment_pdf(request, pk):
    shipment = _shipment(pk)
    orders = list(_orders(shipment))
    return pdf_response("sales/pdf/packing_list.html", {
        "shipment": shipment, "orders": orders, "coop": request.coop,
        "weight": sum(o.weight_grams for o in orders),
    }, filename=f"daftar-kemas-{shipment.display_number}.pdf", request=request)
