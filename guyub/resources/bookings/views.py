"""The officers' booking pages: the approval queue and the list with filters, a
booking's page (approve, reject, cancel), booking for a member or a non-member renter,
each asset's calendar (names shown), and its maintenance windows."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view

from ..assets.models import Asset, MaintenanceWindow
from . import selectors, services
from .forms import FilterForm, MaintenanceForm, ReasonForm, StaffBookingForm


@require_safe
@coop_view("resources.view")
def booking_list(request):
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.staff_bookings(status=data.get("status", ""),
                                    asset_id=data["asset"].pk if data.get("asset") else None,
                                    query=data.get("q", ""))
    return render(request, "resources/bookings/list.html", {
        "form": form, "bookings": rows[:200], "queue": selectors.approval_queue()[:50],
        "assets": Asset.objects.filter(active=True).order_by("name", "pk")})


@require_safe
@coop_view("resources.view")
def booking_detail(request, pk):
    booking = selectors.booking(pk)
    if booking is None:
        raise Http404
    return render(request, "resources/bookings/detail.html", {
        "booking": booking, "reason_form": ReasonForm(),
        "can_manage": request.access.can("resources.manage"),
        "cancel_free": services.cancel_is_free(booking),
        "free_until": services.free_until(booking),
        "slots": booking.slots.order_by("unit_no")})


def _decide(request, pk, action, success, *, with_reason=True):
    booking = selectors.booking(pk)
    if booking is None:
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        # A reason too long (or with a NUL) is a value error of this small form: the
        # booking page shows it as a message and nothing changes.
        messages.error(request, " ".join(form.errors.get("reason", [])))
    else:
        extra = {"reason": form.cleaned_data["reason"]} if with_reason else {}
        attempt(request, lambda: action(booking=booking, actor=request.user, **extra),
                success=success)
    return redirect("resources:booking", request.coop.slug, booking.pk)


@require_POST
@coop_view("resources.manage")
def booking_approve(request, pk):
    return _decide(request, pk, services.approve, _("Pemesanan disetujui."),
                   with_reason=False)


@require_POST
@coop_view("resources.manage")
def booking_reject(request, pk):
    return _decide(request, pk, services.reject, _("Pemesanan ditolak."))


@require_POST
@coop_view("resources.manage")
def booking_cancel(request, pk):
    return _decide(request, pk, services.cancel, _("Pemesanan dibatalkan."))


@coop_view("resources.manage")
def booking_new(request, asset_pk):
    asset = get_object_or_404(Asset, pk=asset_pk, active=True)
    form = StaffBookingForm(request.POST or None, asset=asset)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        booking = attempt(request, lambda: services.book(
            asset=asset, member=data.get("member"), renter_name=data.get("renter_name", ""),
            starts_at=data["starts_at"], ends_at=data["ends_at"], units=data.get("units") or 1,
            repeat_weeks=data.get("repeat_weeks") or 0, note=data.get("note", ""),
            actor=request.user), form=form, success=_("Pemesanan dicatat."))
        if booking:
            return redirect("resources:booking", request.coop.slug, booking.pk)
    return render(request, "resources/bookings/form.html", {
        "form": form, "asset": asset, "staff": True})


@require_safe
@coop_view("resources.view")
def calendar(request, asset_pk):
    asset = get_object_or_404(Asset, pk=asset_pk)
    return render(request, "resources/bookings/calendar.html", {
        **selectors.calendar_page(asset, request.GET, member=None, officer=True),
        "can_manage": request.access.can("resources.manage")})


@coop_view("resources.manage")
def maintenance(request, asset_pk):
    asset = get_object_or_404(Asset, pk=asset_pk)
    form = MaintenanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.schedule_maintenance(
                asset=asset, starts_at=data["starts_at"], ends_at=data["ends_at"],
                note=data.get("note", ""), actor=request.user), form=form,
                success=_("Jadwal perawatan dicatat.")):
            return redirect("resources:maintenance", request.coop.slug, asset.pk)
    return render(request, "resources/bookings/maintenance.html", {
        "form": form, "asset": asset, "windows": selectors.maintenance_of(asset)[:100],
        "now": timezone.now()})


@require_POST
@coop_view("resources.manage")
def maintenance_cancel(request, pk):
    window = get_object_or_404(MaintenanceWindow, pk=pk)
    attempt(request, lambda: services.cancel_maintenance(window=window, actor=request.user),
            success=_("Jadwal perawatan dibatalkan."))
    return redirect("resources:maintenance", request.coop.slug, window.asset_id)
