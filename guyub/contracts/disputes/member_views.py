"""A member's complaints, on their portal: their checked goods whose quality result they
may contest, the complaints about their part (theirs, or a buyer's naming them) and
the threads. Another member's allotment or complaint does not exist here (404)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership

from . import selectors, services
from .forms import MessageForm, OpenForm
from .models import Dispute


def _own(request, pk, find):
    member = own_membership(request.user)
    found = find(member, pk) if member is not None else None
    if found is None:
        raise Http404
    return found


@require_safe
@coop_view("contracts.supply")
def my_disputes(request):
    member = own_membership(request.user)
    return render(request, "contracts/disputes/my_list.html", {
        "disputes": selectors.member_disputes(member)[:100] if member else [],
        "allotments": selectors.member_allotments(member)[:50] if member else [],
        "portal": "member",
    })


@coop_view("contracts.supply")
def my_dispute_open(request, allotment_pk):
    allotment = _own(request, allotment_pk, selectors.member_allotment)
    form = OpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        dispute = attempt(request, lambda: services.open_dispute(
            delivery=allotment.delivery, party=Dispute.Party.MEMBER, allotment=allotment,
            subject=data["subject"], text=data["text"], actor=request.user), form=form,
            success=_("Keluhan terkirim; koperasi akan menanggapinya."))
        if dispute:
            return redirect("contracts:my_dispute", request.coop.slug, dispute.pk)
    return render(request, "contracts/disputes/open.html", {
        "form": form, "delivery": allotment.delivery, "allotment": allotment,
        "back": "contracts:my_disputes"})


@coop_view("contracts.supply")
def my_dispute(request, pk):
    dispute = _own(request, pk, selectors.member_dispute)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and attempt(
            request, lambda: services.post_message(
                dispute=dispute, party=Dispute.Party.MEMBER, text=form.cleaned_data["text"],
                actor=request.user), form=form, success=_("Pesan dikirim.")):
        return redirect("contracts:my_dispute", request.coop.slug, dispute.pk)
    return render(request, "contracts/disputes/detail.html", {
        "dispute": dispute, "messages_": selectors.thread(dispute),
        "form": None if dispute.is_resolved and not form.errors else form, "portal": "member",
        "back": "contracts:my_disputes",
    })
