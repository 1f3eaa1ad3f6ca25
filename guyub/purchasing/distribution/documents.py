"""PDF documents of a round (WeasyPrint, the members' house style): the purchase order
to a supplier, the signed pick-up checklist, and a member's bill.

A purchase order opens for officers and for the supplier it is addressed to; a bill
for officers and for the member it bills. To anyone else holding the supplier or member
role the document does not exist (404); to other roles it is forbidden (403)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from guyub.core.tenancy import coop_view
from guyub.members.models import Member
from guyub.members.pdf import pdf_response

from ..rounds.models import Round
from ..rounds.pages import get_round, not_cancelled
from ..suppliers.models import Supplier
from . import selectors


def _officer_or_own(request, own_right: str, is_own) -> None:
    if request.access.can("purchasing.view"):
        return
    if request.access.can(own_right):
        if is_own():
            return
        raise Http404
    raise PermissionDenied


@coop_view("coop.view")
@not_cancelled
def purchase_order_pdf(request, pk, supplier_pk):
    round_ = get_round(pk)
    supplier = get_object_or_404(Supplier, pk=supplier_pk)
    _officer_or_own(request, "supplier.portal", lambda: supplier.user_id == request.user.pk)
    lines = selectors.po_lines(round_, supplier)
    if round_.status not in Round.ORDERED or not lines:
        raise Http404  # no purchase order before the close, nor for a stranger
    number = selectors.po_number(round_, supplier)
    return pdf_response("purchasing/pdf/purchase_order.html", {
        "round": round_, "supplier": supplier, "lines": lines, "number": number,
        "total": selectors.po_total(lines), "coop": request.coop,
    }, filename=f"{number}.pdf", request=request)


@coop_view("purchasing.view")
@not_cancelled
def pickup_pdf(request, pk):
    round_ = get_round(pk)
    return pdf_response("purchasing/pdf/pickup_checklist.html", {
        "round": round_, "bills": selectors.pickup_rows(round_), "coop": request.coop,
    }, filename=f"daftar-ambil-pembelian-{round_.pk}.pdf", request=request)


@coop_view("coop.view")
@not_cancelled
def invoice_pdf(request, pk, member_pk):
    round_ = get_round(pk)
    member = get_object_or_404(Member, pk=member_pk)
    _officer_or_own(request, "purchasing.commit", lambda: member.user_id == request.user.pk)
    bill = selectors.bill_of(round_, member)
    if bill is None:
        raise Http404
    return pdf_response("purchasing/pdf/invoice.html", {
        "round": round_, "member": member, "bill": bill, "coop": request.coop,
        "final": round_.status in Round.FINAL,
    }, filename=f"tagihan-pembelian-{round_.pk}-{member.display_number}.pdf",
        request=request)
