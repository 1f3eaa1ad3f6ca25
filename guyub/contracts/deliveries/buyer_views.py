"""A corporate buyer's invoices for its contract deliveries, with their status, due
dates and PDFs (its own only)."""

from django.shortcuts import render
from django.utils import timezone

from guyub.core.tenancy import coop_view

from . import selectors


@coop_view("contracts.buy")
def buyer_contract_invoices(request):
    return render(request, "contracts/deliveries/buyer_invoices.html", {
        "invoices": selectors.buyer_invoices(request.user)[:200], "today": timezone.localdate()})
