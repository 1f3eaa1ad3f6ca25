"""The contract document: one PDF per agreed version (WeasyPrint, the members' house
style), rendered from the version's frozen terms, so an amended contract's earlier
versions still print as they were agreed.

Officers open any; a buyer only its own contract's (another's does not exist to it:
404); other roles are refused (403)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from guyub.core.tenancy import coop_view
from guyub.members.pdf import pdf_response

from . import selectors
from .models import BusinessProfile
from .schedule import rows, rule_in_words


@coop_view("coop.view")
def version_pdf(request, pk, version):
    contract = get_object_or_404(selectors.contract_list(), pk=pk)
    if not request.access.can("contracts.view"):
        if not request.access.can("contracts.buy"):
            raise PermissionDenied
        if contract.buyer.user_id != request.user.pk:
            raise Http404
    agreed = selectors.version(contract, version)
    if agreed is None:
        raise Http404
    terms = agreed.terms
    schedule = rows(terms)
    price = Decimal(terms["price"])
    total_quantity = terms["quantity_per_delivery"] * terms["deliveries"]
    return pdf_response("contracts/negotiation/pdf/contract.html", {
        "coop": request.coop, "contract": contract, "agreed": agreed, "terms": terms,
        "profile": BusinessProfile.objects.filter(buyer=contract.buyer).first(),
        "schedule": schedule, "price": price, "total_quantity": total_quantity,
        "total_value": price * total_quantity, "rule_words": rule_in_words(terms["rule"]),
        "rule_label": dict(contract.Rule.choices).get(terms["rule"], terms["rule"]),
    }, filename=f"kontrak-{contract.number:04d}-v{agreed.version}.pdf", request=request)
