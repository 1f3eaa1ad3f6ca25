"""The loan statement PDF (WeasyPrint, the house style): officers open every loan's, a
member only their own (another's does not exist for them: 404)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from guyub.core.tenancy import coop_view
from guyub.members.pdf import pdf_response
from guyub.members.selectors import own_membership

from . import selectors


@coop_view("coop.view")
def statement_pdf(request, pk):
    if request.access.can("loans.view"):
        loan = selectors.loan(pk)
    elif request.access.can("loans.own"):
        member = own_membership(request.user)
        loan = selectors.member_loan(member, pk) if member else None
    else:
        raise PermissionDenied
    if loan is None:
        raise Http404
    return pdf_response("support/loans/pdf/statement.html", {
        **selectors.loan_page(loan), "member": loan.member, "coop": request.coop,
    }, filename=f"pinjaman-{loan.display_number}.pdf", request=request)
