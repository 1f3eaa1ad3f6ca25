"""A member pays their own booking's fee from their simpanan sukarela. Another
member's booking does not exist here (404)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership

from . import selectors, services


@coop_view("resources.book")
def my_booking_pay(request, pk):
    member = own_membership(request.user)
    booking = selectors.own_booking(member, pk)
    if booking is None:
        raise Http404
    if request.method == "POST" and attempt(
            request, lambda: services.pay_booking(booking=booking, actor=request.user,
                                                  method="sukarela"),
            success=_("Biaya dibayar dari simpanan sukarela Anda.")):
        return redirect("resources:my_booking_pay", request.coop.slug, booking.pk)
    booking.refresh_from_db()
    return render(request, "resources/charges/my_pay.html", {
        "booking": booking, "fee_due": selectors.fee_due(booking),
        "balance": selectors.sukarela_balance(member), "portal": "member"})
