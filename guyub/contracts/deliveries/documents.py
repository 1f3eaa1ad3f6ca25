"""PDF documents of a delivery (WeasyPrint, the house style): the delivery note
(surat jalan) and the invoice (faktur) for the buyer, and the goods received note
(tanda terima barang) for a member.

Officers open every one. A buyer opens its own delivery notes and invoices, a member
their own goods received notes; another's does not exist for them (404). Other roles
are refused (403)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from guyub.core.tenancy import coop_view
from guyub.members.models import Member
from guyub.members.pdf import pdf_response
from guyub.sales.models import Buyer

from ..allocation.models import Delivery
from . import selectors
from .models import BuyerInvoice


def _officer_or_own(request, own_right: str, is_own) -> None:
    if request.access.can("contracts.view"):
        return
    if request.access.can(own_right):
        if is_own():
            return
        raise Http404
    raise PermissionDenied


def _is_buyer(request, buyer_id) -> bool:
    return Buyer.objects.filter(pk=buyer_id, user=request.user).exists()


@coop_view("coop.view")
def delivery_note_pdf(request, pk):
    delivery = get_object_or_404(Delivery.objects.select_related("contract__buyer"), pk=pk)
    _officer_or_own(request, "contracts.buy",
                    lambda: _is_buyer(request, delivery.contract.buyer_id))
    invoice = BuyerInvoice.objects.filter(delivery=delivery).first()
    if invoice is None:
        raise Http404  # no delivery note before the goods leave
    return pdf_response("contracts/deliveries/pdf/delivery_note.html", {
        "delivery": delivery, "contract": delivery.contract, "invoice": invoice,
        "number": selectors.invoice_number(invoice), "coop": request.coop,
    }, filename=f"surat-jalan-{selectors.invoice_number(invoice)}.pdf", request=request)


@coop_view("coop.view")
def invoice_pdf(request, pk):
    invoice = get_object_or_404(
        BuyerInvoice.objects.select_related("delivery__contract__buyer"), pk=pk)
    contract = invoice.delivery.contract
    _officer_or_own(request, "contracts.buy", lambda: _is_buyer(request, contract.buyer_id))
    return pdf_response("contracts/deliveries/pdf/invoice.html", {
        "invoice": invoice, "delivery": invoice.delivery, "contract": contract,
        "buyer": contract.buyer, "profile": getattr(contract.buyer, "business_profile", None),
        "price": invoice.unit_price, "number": selectors.invoice_number(invoice),
        "due": invoice.amount - invoice.credited, "coop": request.coop,
    }, filename=f"faktur-{selectors.invoice_number(invoice)}.pdf", request=request)


@coop_view("coop.view")
def grn_pdf(request, pk):
    receipt = selectors.receipt_of(pk)
    if receipt is None:
        raise Http404
    member = receipt.allotment.member
    _officer_or_own(request, "contracts.supply",
                    lambda: Member.objects.filter(pk=member.pk, user=request.user).exists())
    return pdf_response("contracts/deliveries/pdf/grn.html", {
        "receipt": receipt, "member": member, "delivery": receipt.allotment.delivery,
        "contract": receipt.allotment.delivery.contract,
        "payment": getattr(receipt, "payment", None), "coop": request.coop,
    }, filename=f"tanda-terima-{receipt.pk}.pdf", request=request)
