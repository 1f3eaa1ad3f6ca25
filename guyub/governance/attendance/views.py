"""The officers' attendance pages of a meeting: calling, opening, adjourning and
reconvening it (the chair); the frozen register, who is present with the live quorum
meter; the door (check in and out by number or QR code); proxies."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import DomainError, attempt
from guyub.core.tenancy import coop_view

from . import selectors, services
from .forms import AdjournForm, DoorForm, ProxyForm, ReconveneForm
from .models import Attendance, Proxy

TABS = "governance/_meeting_tabs.html"


def _meeting(pk):
    found = selectors.meeting(pk)
    if found is None:
        raise Http404
    return found


def _page(request, meeting, template, context):
    return render(request, template, {
        "meeting": meeting, "tabs": TABS, "tab": "attendance",
        "can_chair": request.access.can("governance.chair"),
        "can_manage": request.access.can("governance.manage"), **context})


def _back(request, meeting):
    return redirect("governance:attendance", request.coop.slug, meeting.pk)


def _form_error(request, form) -> None:
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))


@require_POST
@coop_view("governance.chair")
def meeting_call(request, pk):
    meeting = _meeting(pk)
    attempt(request, lambda: services.call(meeting=meeting, actor=request.user),
            success=_("Undangan terkirim; daftar pemilih dibekukan."))
    return _back(request, meeting)


@require_POST
@coop_view("governance.chair")
def meeting_open(request, pk):
    meeting = _meeting(pk)
    attempt(request, lambda: services.open_meeting(meeting=meeting, actor=request.user),
            success=_("Rapat dibuka."))
    return _back(request, meeting)


@require_POST
@coop_view("governance.chair")
def meeting_adjourn(request, pk):
    meeting = _meeting(pk)
    form = AdjournForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.adjourn(meeting=meeting, actor=request.user,
                                                  reason=form.cleaned_data["reason"]),
                success=_("Rapat ditunda."))
    else:
        _form_error(request, form)
    return _back(request, meeting)


@coop_view("governance.chair")
def meeting_reconvene(request, pk):
    meeting = _meeting(pk)
    form = ReconveneForm(request.POST or None, initial={"place": meeting.place})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = attempt(request, lambda: services.reconvene(
            meeting=meeting, actor=request.user, starts_at=data["starts_at"],
            place=data["place"]), form=form,
            success=_("Rapat lanjutan dijadwalkan; undangan terkirim kepada pemilih."))
        if new:
            return redirect("governance:attendance", request.coop.slug, new.pk)
    return _page(request, meeting, "governance/attendance/reconvene.html", {"form": form})


@require_safe
@coop_view("governance.view")
def register(request, pk):
    meeting = _meeting(pk)
    search = request.GET.get("q", "")[:100]
    page = Paginator(selectors.register(meeting, search), 50).get_page(request.GET.get("page"))
    return _page(request, meeting, "governance/attendance/register.html",
                 {"page": page, "q": search})


@require_safe
@coop_view("governance.view")
def attendance(request, pk):
    meeting = _meeting(pk)
    page = Paginator(selectors.attendance_list(meeting), 50).get_page(request.GET.get("page"))
    now = selectors.as_of(meeting)
    present = selectors.present_filter(now)
    fresh = set(Attendance.objects.filter(pk__in=[a.pk for a in page])
                .filter(present).values_list("pk", flat=True))
    for row in page:
        row.present = row.pk in fresh
    return _page(request, meeting, "governance/attendance/attendance.html", {
        "page": page, "proxies": selectors.proxies(meeting, now=now),
        "adjourn_form": AdjournForm(), **selectors.meter(meeting, now=now)})


@require_safe
@coop_view("governance.view")
def quorum_meter(request, pk):
    meeting = _meeting(pk)
    return render(request, "governance/attendance/_meter.html",
                  {"meeting": meeting, **selectors.meter(meeting)})


@coop_view("governance.manage")
def door(request, pk):
    meeting = _meeting(pk)
    form = DoorForm(request.POST or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        leaving = "out" in request.POST
        action = services.check_out if leaving else services.check_in
        # Not through attempt(): the door shows the answer in its own box, big, next
        # to the field, for the next person in the queue.
        try:
            att = action(meeting=meeting, actor=request.user, code=form.cleaned_data["code"])
        except DomainError as error:
            outcome = {"ok": False, "text": error.message}
        else:
            at = time_format(timezone.localtime(), "H.i")
            text = (_("%(name)s (no. %(number)s) keluar pukul %(time)s.") if leaving else
                    _("%(name)s (no. %(number)s) hadir pukul %(time)s."))
            outcome = {"ok": True, "text": text % {"name": att.entry.name,
                                                   "number": att.entry.number, "time": at}}
        form = DoorForm()
    return _page(request, meeting, "governance/attendance/door.html", {
        "form": form, "outcome": outcome, "events": selectors.recent_events(meeting),
        **selectors.meter(meeting)})


@coop_view("governance.manage")
def proxies(request, pk):
    meeting = _meeting(pk)
    form = ProxyForm(request.POST if "register" in request.POST else None)
    if request.method == "POST":
        if "revoke" in request.POST:
            proxy = Proxy.objects.filter(meeting=meeting, pk=_int(request.POST["revoke"])).first()
            if proxy is None:
                raise Http404
            attempt(request, lambda: services.revoke_proxy(proxy=proxy, actor=request.user),
                    success=_("Kuasa dicabut."))
            return redirect("governance:proxies", request.coop.slug, meeting.pk)
        if form.is_valid():
            data = form.cleaned_data
            if attempt(request, lambda: services.register_proxy(
                    meeting=meeting, actor=request.user, grantor_number=data["grantor"],
                    holder_number=data["holder"]), form=form,
                    success=_("Kuasa dicatat; penerima kuasa diberi tahu.")):
                return redirect("governance:proxies", request.coop.slug, meeting.pk)
    return _page(request, meeting, "governance/attendance/proxies.html", {
        "form": form, "proxies": selectors.proxies(meeting),
        "rules": selectors.settings_for(meeting.cooperative)})


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None
