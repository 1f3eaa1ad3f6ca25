"""The buyer's portal: its business profile, its own contracts (another buyer's is
404: to this buyer it does not exist), a new request and the negotiation."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guyub.core.errors import run_form
from guyub.core.tenancy import coop_view

from . import pages, selectors, services
from .forms import BusinessProfileForm, ContractForm
from .models import BusinessProfile, Contract

Party = pages.Party


def own_contract(request, pk) -> Contract:
    return get_object_or_404(selectors.contracts_of_buyer(request.user), pk=pk)


@require_safe
@coop_view("contracts.buy")
def my_contracts(request):
    page = Paginator(selectors.contracts_of_buyer(request.user), 25).get_page(
        request.GET.get("page"))
    buyer = selectors.business_buyer_of(request.user)
    return render(request, "contracts/negotiation/list.html", {
        "page": page, "portal": True, "can_create": True,
        "profile": getattr(buyer, "business_profile", None) if buyer else None})


@coop_view("contracts.buy")
def business_profile(request):
    buyer = selectors.business_buyer_of(request.user)
    profile = getattr(buyer, "business_profile", None) if buyer else None
    form = BusinessProfileForm(request.POST or None,
                               instance=profile or BusinessProfile(cooperative=request.coop))
    if run_form(request, form, services.save_business_profile):
        messages.success(request, _("Profil usaha disimpan."))
        return redirect("contracts:my_contracts", request.coop.slug)
    return render(request, "contracts/negotiation/profile.html", {"form": form})


@coop_view("contracts.buy")
def my_contract_create(request):
    buyer = selectors.business_buyer_of(request.user)
    if buyer is None or not hasattr(buyer, "business_profile"):
        messages.info(request, _("Lengkapi profil usaha Anda dulu: kontrak menyebut nama "
                                 "badan usaha Anda."))
        return redirect("contracts:business_profile", request.coop.slug)
    form = ContractForm(request.POST or None, instance=Contract(cooperative=request.coop))
    contract = run_form(request, form, services.request_contract, buyer=buyer)
    if contract:
        messages.success(request, _("Permintaan kontrak dikirim ke koperasi."))
        return redirect("contracts:my_contract", request.coop.slug, contract.pk)
    return render(request, "contracts/negotiation/form.html", {"form": form, "portal": True})


@coop_view("contracts.buy")
def my_contract(request, pk):
    contract = own_contract(request, pk)
    forms = {}
    if request.method == "POST":
        done, forms = pages.post_step(request, contract, Party.BUYER)
        if done:
            return redirect("contracts:my_contract", request.coop.slug, contract.pk)
        contract.refresh_from_db()
    return render(request, "contracts/negotiation/detail.html",
                  pages.context(request, contract, Party.BUYER, forms))
