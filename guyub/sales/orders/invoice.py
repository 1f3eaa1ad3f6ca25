"""The invoice (faktur) of an order as PDF: for the buyer from the order page, for
staff from the order back office. Always in Bahasa Indonesia, amounts as Rp1.250.000."""

from django.shortcuts import get_object_or_404
from django.utils import translation

from guyub.core.tenancy import coop_view
from guyub.members.pdf import pdf_response

from ..countries import country_name
from .models import Order


def invoice_response(request, order: Order):
    with translation.override("id"):
        context = {
            "order": order,
            "coop": order.cooperative,
            "buyer": order.buyer,
            "lines": order.lines.all(),
            "payments": order.payments.all(),
            "country": country_name(order.country),
            # PPN is charged, and shown, only when the cooperative was PKP at the order.
            "shows_ppn": order.ppn_rate > 0,
        }
        return pdf_response("sales/pdf/invoice.html", context,
                            filename=f"faktur-{order.display_number}.pdf", request=request)


@coop_view("sales.view")
def order_invoice(request, pk):
    order = get_object_or_404(Order.objects.select_related("buyer", "cooperative"), pk=pk)
    return invoice_response(request, order)
