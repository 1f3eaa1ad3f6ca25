"""The buyer's complaints, on its portal: its delivered deliveries it may complain
about, its complaints and their threads. Another buyer's delivery or complaint does
not exist here (404)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view

from . import selectors, services
from .forms import MessageForm, OpenForm
from .models import Dispute


@require_safe
@coop_view("contracts.buy")
def buyer_disputes(request):
    return render(request, "contracts/disputes/my_list.html", {
        "disputes": selectors.buyer_disputes(request.user)[:100],
        "deliveries": selectors.buyer_deliveries(request.user)[:50],
        "portal": "buyer",
    })


@coop_view("contracts.buy")
def buyer_dispute_open(request, delivery_pk):
    delivery = selectors.buyer_delivery(request.user, delivery_pk)
    if delivery is None:
        raise Http404
    form = OpenForm(request.POST or None, allotments=selectors.checked_allotments(delivery))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        dispute = attempt(request, lambda: services.open_dispute(
            delivery=delivery, party=Dispute.Party.BUYER, allotment=data.get("allotment"),
            subject=data["subject"], text=data["text"], actor=request.user), form=form,
            success=_("Keluhan terkirim; koperasi akan menanggapinya."))
        if dispute:
            return redirect("contracts:buyer_dispute", request.coop.slug, dispute.pk)
    return render(request, "contracts/disputes/open.html", {
        "form": form, "delivery": delivery, "back": "contracts:buyer_disputes"})


@coop_view("contracts.buy")
def buyer_dispute(request, pk):
    dispute = selectors.buyer_dispute(request.user, pk)
    if dispute is None:
        raise Http404
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and attempt(
            request, lambda: services.post_message(
                dispute=dispute, party=Dispute.Party.BUYER, text=form.cleaned_data["text"],
                actor=request.user), form=form, success=_("Pesan dikirim.")):
        return redirect("contracts:buyer_dispute", request.coop.slug, dispute.pk)
    return render(request, "contracts/disputes/detail.html", {
        "dispute": dispute, "messages_": selectors.thread(dispute),
        "form": None if dispute.is_resolved and not form.errors else form, "portal": "buyer",
        "back": "contracts:buyer_disputes",
    })
