"""The member's booking pages: the assets they may book (the training each asks for),
an asset's calendar (others' bookings shown only as booked), the booking form (with
the waiting list when the time is full), their bookings with cancellation (saying
before they confirm whether the fee stays), and their waiting-list entries."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import DomainError, add_to_form, attempt
from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership

from ..assets.models import Asset
from . import selectors, services
from .forms import BookingForm, ReasonForm, WaitlistForm
from .models import Booking, WaitlistEntry


def _member(request):
    member = own_membership(request.user)
    if member is None:
        raise Http404
    return member


@require_safe
@coop_view("resources.book")
def asset_list(request):
    member = own_membership(request.user)
    return render(request, "resources/bookings/assets.html", {
        "assets": selectors.bookable_assets(member)})


@require_safe
@coop_view("resources.book")
def asset_calendar(request, asset_pk):
    asset = get_object_or_404(Asset, pk=asset_pk, active=True)
    member = own_membership(request.user)
    return render(request, "resources/bookings/calendar.html", {
        **selectors.calendar_page(asset, request.GET, member=member, officer=False)})


@coop_view("resources.book")
def book(request, asset_pk):
    asset = get_object_or_404(Asset, pk=asset_pk, active=True)
    member = _member(request)
    form = BookingForm(request.POST or None, asset=asset,
                       initial={"date": request.GET.get("d", "")[:10] or None})
    waitlist = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.book(
                asset=asset, member=member, starts_at=data["starts_at"],
                ends_at=data["ends_at"], units=data.get("units") or 1,
                repeat_weeks=data.get("repeat_weeks") or 0, note=data.get("note", ""),
                actor=request.user)
        except services.SlotTaken as error:
            # Not only an error: a full time comes with the offer to wait for it, which
            # the bridge cannot put on the page.
            add_to_form(form, error)
            if not data.get("repeat_weeks"):
                waitlist = data
        except DomainError as error:
            add_to_form(form, error)
        else:
            text = (_("Pemesanan %(number)s menunggu persetujuan staf.")
                    if booking.status == booking.Status.REQUESTED
                    else _("Pemesanan %(number)s terkonfirmasi."))
            messages.success(request, text % {"number": str(booking)})
            return redirect("resources:my_bookings", request.coop.slug)
    return render(request, "resources/bookings/form.html", {
        "form": form, "asset": asset, "waitlist": waitlist})


@require_POST
@coop_view("resources.book")
def waitlist_join(request, asset_pk):
    asset = get_object_or_404(Asset, pk=asset_pk, active=True)
    member = _member(request)
    form = WaitlistForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isian daftar tunggu tidak sah; isi lagi waktunya."))
        return redirect("resources:book", request.coop.slug, asset.pk)
    data = form.cleaned_data
    entry = attempt(request, lambda: services.join_waitlist(
        asset=asset, member=member, starts_at=data["starts_at"], ends_at=data["ends_at"],
        units=data["units"], actor=request.user),
        success=lambda entry: _("Anda masuk daftar tunggu, urutan %(n)s.") % {
            "n": entry.position})
    if entry:
        return redirect("resources:my_bookings", request.coop.slug)
    return redirect("resources:book", request.coop.slug, asset.pk)


@require_safe
@coop_view("resources.book")
def my_bookings(request):
    member = own_membership(request.user)
    return render(request, "resources/bookings/my_list.html", {
        "bookings": selectors.member_bookings(member)[:100] if member else [],
        "waiting": selectors.member_waitlist(member) if member else [],
        "cancellable": selectors.CANCELLABLE,
        # Their fee may be paid from sukarela (resources:my_booking_pay, charges).
        "payable": (Booking.Status.CONFIRMED, Booking.Status.CHECKED_OUT,
                    Booking.Status.RETURNED)})


@coop_view("resources.book")
def my_booking_cancel(request, pk):
    booking = selectors.member_booking(_member(request), pk)
    if booking is None:
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and attempt(
            request, lambda: services.cancel(booking=booking, actor=request.user,
                                             reason=form.cleaned_data["reason"]),
            form=form, success=_("Pemesanan dibatalkan.")):
        return redirect("resources:my_bookings", request.coop.slug)
    return render(request, "resources/bookings/cancel.html", {
        "booking": booking, "form": form, "free": services.cancel_is_free(booking),
        "free_until": services.free_until(booking),
        "cancellable": booking.status in selectors.CANCELLABLE})


@require_POST
@coop_view("resources.book")
def my_waitlist_withdraw(request, pk):
    entry = get_object_or_404(WaitlistEntry, pk=pk, member=_member(request))
    attempt(request, lambda: services.withdraw_waitlist(entry=entry, actor=request.user),
            success=_("Anda keluar dari daftar tunggu."))
    return redirect("resources:my_bookings", request.coop.slug)
