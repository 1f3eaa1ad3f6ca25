"""The cooperative's dispute pages: every complaint, its thread, the move to mediation
and the resolution; staff record a complaint for a buyer or a member who phoned in.

Resolutions that move money (a price reduction) are the board's (contracts.pay): staff
see the other resolutions only."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view

from ..allocation.models import Delivery
from . import selectors, services
from .forms import MessageForm, OpenForm, ResolveForm
from .models import Dispute, DisputeMessage

FILTERS = [("", gettext_lazy("Semua")), ("open", gettext_lazy("Berjalan")),
           ("resolved", gettext_lazy("Selesai"))]


def _dispute(pk) -> Dispute:
    dispute = selectors.dispute(pk)
    if dispute is None:
        raise Http404
    return dispute


@require_safe
@coop_view("contracts.view")
def dispute_list(request):
    status = request.GET.get("status", "")
    if status not in selectors.FILTERS:
        status = ""
    page = Paginator(selectors.dispute_list(status), 25).get_page(request.GET.get("page"))
    can_manage = request.access.can("contracts.manage")
    return render(request, "contracts/disputes/list.html", {
        "page": page, "status": status, "filters": FILTERS,
        "query": f"status={status}" if status else "", "can_manage": can_manage,
        "deliveries": selectors.recent_deliveries() if can_manage else [],
    })


@coop_view("contracts.manage")
def dispute_open(request, delivery_pk):
    delivery = get_object_or_404(Delivery.objects.select_related("contract__buyer"),
                                 pk=delivery_pk)
    allotments = selectors.checked_allotments(delivery)
    form = OpenForm(request.POST or None, allotments=allotments, on_behalf=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        dispute = attempt(request, lambda: services.open_dispute(
            delivery=delivery, party=data["party"], allotment=data.get("allotment"),
            subject=data["subject"], text=data["text"], actor=request.user), form=form,
            success=_("Keluhan dicatat; para pihak diberi tahu."))
        if dispute:
            return redirect("contracts:dispute", request.coop.slug, dispute.pk)
    return render(request, "contracts/disputes/open.html", {
        "form": form, "delivery": delivery, "back": "contracts:disputes"})


@coop_view("contracts.view")
def dispute_detail(request, pk):
    dispute = _dispute(pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        # Reading is for every officer; writing in the thread is the mediators'.
        request.access.require("contracts.manage")
        if form.is_valid() and attempt(request, lambda: services.post_message(
                dispute=dispute, party=DisputeMessage.COOPERATIVE,
                text=form.cleaned_data["text"], actor=request.user), form=form,
                success=_("Pesan dikirim.")):
            return redirect("contracts:dispute", request.coop.slug, dispute.pk)
    can_manage = request.access.can("contracts.manage")
    return render(request, "contracts/disputes/detail.html", {
        "dispute": dispute, "messages_": selectors.thread(dispute),
        # A message sent as the complaint was resolved shows its refusal on the form.
        "form": form if can_manage and (not dispute.is_resolved or form.errors) else None,
        "can_manage": can_manage, "portal": "officer",
        "invoice": selectors.invoice_of(dispute.delivery),
    })


@require_POST
@coop_view("contracts.manage")
def dispute_mediate(request, pk):
    dispute = _dispute(pk)
    attempt(request, lambda: services.mediate(dispute=dispute, actor=request.user),
            success=_("Keluhan dimediasi koperasi; para pihak diberi tahu."))
    return redirect("contracts:dispute", request.coop.slug, dispute.pk)


@coop_view("contracts.manage")
def dispute_resolve(request, pk):
    dispute = _dispute(pk)
    allow_money = request.access.can("contracts.pay")
    form = ResolveForm(request.POST or None, dispute=dispute, allow_money=allow_money)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.resolve(
                dispute=dispute, resolution=data["resolution"], actor=request.user,
                note=data.get("note", ""), amount=data.get("amount"),
                quantity=data.get("quantity")), form=form,
                success=_("Keluhan diselesaikan; para pihak diberi tahu.")):
            return redirect("contracts:dispute", request.coop.slug, dispute.pk)
    invoice = selectors.invoice_of(dispute.delivery)
    return render(request, "contracts/disputes/resolve.html", {
        "dispute": dispute, "form": form, "allow_money": allow_money, "invoice": invoice,
        "due": invoice.amount - invoice.credited if invoice else None,
    })
