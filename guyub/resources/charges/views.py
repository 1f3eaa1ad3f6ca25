"""Staff pages of a booking's hand-over and money: check-out and check-in with the
condition and a photo (resources.manage), and recording the fee's payment. Reading the
page is for every officer (resources.view)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view

from ..bookings.models import Booking
from . import selectors, services
from .forms import CheckInForm, CheckOutForm, PayForm


def _booking(pk) -> Booking:
    found = selectors.booking(pk)
    if found is None:
        raise Http404
    return found


def _page(request, booking, **forms):
    can_manage = request.access.can("resources.manage")
    status = booking.status
    return render(request, "resources/charges/handover.html", {
        "booking": booking, "handovers": selectors.handovers(booking),
        "fee_due": selectors.fee_due(booking), "entries": selectors.money_entries(booking),
        "can_manage": can_manage,
        "out_form": forms.get("out_form") or (CheckOutForm() if can_manage
                                              and status == Booking.Status.CONFIRMED else None),
        "in_form": forms.get("in_form") or (CheckInForm() if can_manage
                                            and status == Booking.Status.CHECKED_OUT else None),
    })


@require_safe
@coop_view("resources.view")
def handover(request, pk):
    return _page(request, _booking(pk))


def _handover_step(request, pk, form_class, step, key, success):
    booking = _booking(pk)
    if request.method != "POST":
        return _page(request, booking)
    form = form_class(request.POST, request.FILES)
    if form.is_valid() and attempt(request, lambda: step(booking, form.cleaned_data),
                                   success=success, form=form):
        return redirect("resources:handover", request.coop.slug, booking.pk)
    return _page(request, booking, **{key: form})


@coop_view("resources.manage")
def check_out(request, pk):
    return _handover_step(
        request, pk, CheckOutForm,
        lambda booking, data: services.check_out(
            booking=booking, actor=request.user, condition=data["condition"],
            photo=data["photo"], deposit_method=data["deposit_method"]),
        "out_form", _("Aset diserahkan kepada pemakai."))


@coop_view("resources.manage")
def check_in(request, pk):
    return _handover_step(
        request, pk, CheckInForm,
        lambda booking, data: services.check_in(
            booking=booking, actor=request.user, condition=data["condition"],
            photo=data["photo"], damaged=data["damaged"],
            damage_charge=data["damage_charge"] or 0, refund_method=data["refund_method"]),
        "in_form", _("Pengembalian aset dicatat."))


@coop_view("resources.manage")
def pay(request, pk):
    booking = _booking(pk)
    form = PayForm(request.POST or None, member=booking.member_id is not None)
    if request.method == "POST" and form.is_valid() and attempt(
            request, lambda: services.pay_booking(booking=booking, actor=request.user,
                                                  method=form.cleaned_data["method"]),
            success=_("Pembayaran dicatat."), form=form):
        return redirect("resources:handover", request.coop.slug, booking.pk)
    return render(request, "resources/charges/pay.html", {
        "booking": booking, "form": form, "fee_due": selectors.fee_due(booking),
        "balance": selectors.sukarela_balance(booking.member), "portal": "officer"})
