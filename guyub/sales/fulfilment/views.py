"""The warehouse and distribution.

Pick lists: what each member brings to the cooperative's warehouse, and by when.
Members see their own list and its status; warehouse staff confirm receipt (a member
cannot: goods count as received only when someone at the warehouse has them in hand).
Shipments: paid orders consolidated by destination, sent and tracked.
"""

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view
from guyub.members.pdf import pdf_response
from guyub.members.selectors import own_membership

from ..orders.models import Order
from . import selectors, services
from .forms import PickListFilterForm, ReceiveForm, ShipmentForm, TrackingForm
from .models import FulfilmentLine, Shipment

RECENT_DAYS = 30
FILTERS = ("member", "due_from", "due_to", "state")
CARRIERS = ["JNE", "J&T Express", "SiCepat", "Pos Indonesia", "TIKI", "Lion Parcel",
            "Paxel", "Deliveree", "DHL Express"]


@require_POST
@coop_view("sales.manage")
def hand_over(request, pk, line_pk):
    """From the order page: one member's goods for the order are at the warehouse."""
    order = get_object_or_404(Order, pk=pk)
    line = get_object_or_404(FulfilmentLine, pk=line_pk, order=order)
    attempt(request, lambda: services.hand_over(line=line, actor=request.user),
            _("Barang dari %(name)s diterima di gudang.") % {"name": line.member.owner_name})
    return redirect("sales:order", request.coop.slug, order.pk)


# --- pick lists ---------------------------------------------------------------------------


@coop_view("sales.view")
def picklist(request):
    form = PickListFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    lines = selectors.pick_lines(member=filters.get("member"), due_from=filters.get("due_from"),
                                 due_to=filters.get("due_to"),
                                 state=filters.get("state") or selectors.PENDING)
    groups = selectors.by_due_date(lines) if not form.errors else []
    return render(request, "sales/picklist.html", {
        "form": form, "groups": groups, "can_receive": request.access.can("sales.manage"),
        "back": request.GET.urlencode(),
        "line_count": sum(len(g.lines) for g in groups),
    })


def _received(received) -> str:
    return ngettext("%(n)s barang diterima di gudang.", "%(n)s barang diterima di gudang.",
                    len(received)) % {"n": len(received)}


@require_POST
@coop_view("sales.manage")
def picklist_receive(request):
    form = ReceiveForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("lines", []):
            messages.error(request, error)
    else:
        attempt(request, lambda: services.receive_goods(
            lines=list(form.cleaned_data["lines"]), actor=request.user), _received)
    # Back to the same filtered list; only the known filters are carried over.
    query = {k: request.POST.get(f"back_{k}") for k in FILTERS if request.POST.get(f"back_{k}")}
    target = redirect("sales:picklist", request.coop.slug)
    if query:
        target["Location"] += "?" + urlencode(query)
    return target


@coop_view("sales.own")
def my_picklist(request):
    member = own_membership(request.user)
    if member is None:
        raise Http404
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    pending = selectors.pick_lines(member=member, state=selectors.PENDING)
    received = (selectors.pick_lines(member=member, state=selectors.RECEIVED)
                .filter(handed_over_at__gte=since).order_by("-handed_over_at"))
    return render(request, "sales/my_picklist.html", {
        "member": member, "groups": selectors.by_due_date(pending),
        "received": received, "recent_days": RECENT_DAYS,
    })


# --- shipments ----------------------------------------------------------------------------


def _list_context(request) -> dict:
    destinations = selectors.ready_to_ship()
    for i, destination in enumerate(destinations):
        # Each destination has its own form on the page; ids must not repeat.
        destination.form = ShipmentForm(auto_id=f"id_d{i}_%s")
    status = request.GET.get("status", "")
    return {
        "destinations": destinations,
        "waiting": selectors.waiting_for_goods()[:50],
        "page": Paginator(selectors.shipments(status), 25).get_page(request.GET.get("page")),
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


def _created(shipment) -> str:
    return (_("Pengiriman %(no)s ke %(dest)s dibuat.")
            % {"no": shipment.display_number, "dest": shipment.destination})


@require_POST
@coop_view("sales.manage")
def shipment_create(request):
    form = ShipmentForm(request.POST)
    if not form.is_valid():
        _flash_errors(request, form)
        return redirect("sales:shipments", request.coop.slug)
    data = form.cleaned_data
    shipment = attempt(request, lambda: services.create_shipment(
        cooperative=request.coop, orders=list(data["orders"]), actor=request.user,
        carrier=data["carrier"].strip(), cost=data["cost"], method=data["method"]), _created)
    if shipment is None:
        return redirect("sales:shipments", request.coop.slug)
    return redirect("sales:shipment", request.coop.slug, shipment.pk)


@coop_view("sales.view")
def shipment_detail(request, pk):
    shipment = get_object_or_404(Shipment, pk=pk)
    orders = list(selectors.shipment_orders(shipment))
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
    shipment = get_object_or_404(Shipment, pk=pk)
    form = TrackingForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.mark_shipped(
            shipment=shipment, actor=request.user,
            tracking_number=form.cleaned_data["tracking_number"]),
            _("%(no)s berangkat; nomor resi dicatat.") % {"no": shipment.display_number})
    else:
        for error in form.errors.get("tracking_number", []):
            messages.error(request, error)
    return redirect("sales:shipment", request.coop.slug, shipment.pk)


@require_POST
@coop_view("sales.manage")
def shipment_deliver(request, pk):
    shipment = get_object_or_404(Shipment, pk=pk)
    attempt(request, lambda: services.mark_delivered(shipment=shipment, actor=request.user),
            _("%(no)s diterima di tujuan.") % {"no": shipment.display_number})
    return redirect("sales:shipment", request.coop.slug, shipment.pk)


@coop_view("sales.view")
def shipment_pdf(request, pk):
    shipment = get_object_or_404(Shipment, pk=pk)
    orders = list(selectors.shipment_orders(shipment))
    return pdf_response("sales/pdf/packing_list.html", {
        "shipment": shipment, "orders": orders, "coop": request.coop,
        "weight": sum(o.weight_grams for o in orders),
    }, filename=f"daftar-kemas-{shipment.display_number}.pdf", request=request)
