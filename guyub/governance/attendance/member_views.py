"""A member's meetings, on their portal: the meetings they may vote at, a meeting's
page (agenda, documents, their check-in card, proxies given and held, joining online
and the way to the live room), a document download, the heartbeat of an online
attendee and naming a proxy holder. A meeting whose register does not hold the member
does not exist here (404)."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership

from ..meetings.models import Meeting
from . import selectors, services
from .codes import checkin_code, qr_svg
from .forms import MyProxyForm
from .models import Proxy


def _mine(request, pk):
    """(meeting, the member's register entry) or 404."""
    member = own_membership(request.user)
    found = selectors.meeting(pk)
    entry = selectors.entry_of_member(found, member) if found else None
    if entry is None:
        raise Http404
    return found, entry


def _room_url(coop, meeting) -> str | None:
    return reverse("governance:room", args=[coop.slug, meeting.pk])


@require_safe
@coop_view("governance.attend")
def my_meetings(request):
    upcoming, past = selectors.my_meetings(own_membership(request.user))
    return render(request, "governance/attendance/my_meetings.html",
                  {"upcoming": upcoming, "past": past})


@require_safe
@coop_view("governance.attend")
def my_meeting(request, pk):
    meeting, entry = _mine(request, pk)
    card = None
    if meeting.status in (Meeting.Status.CALLED, Meeting.Status.OPEN):
        card = qr_svg(checkin_code(meeting.pk, entry.pk),
                      title=_("Kartu hadir %(name)s") % {"name": entry.name})
    rules = selectors.settings_for(meeting.cooperative)
    return render(request, "governance/attendance/my_meeting.html", {
        "meeting": meeting, "entry": entry, "card": card,
        "items": meeting.items.order_by("position"),
        "documents": selectors.documents(meeting),
        "attendance": selectors.attendance_of(entry),
        "present": selectors.is_present(entry),
        "room_url": _room_url(request.coop, meeting) if meeting.status == "open" else None,
        "proxies_allowed": rules.proxies_allowed, **selectors.proxies_of_entry(entry),
        "form": MyProxyForm()})


@require_safe
@coop_view("governance.attend")
def my_document(request, pk, doc_pk):
    meeting, _entry = _mine(request, pk)
    doc = selectors.documents(meeting).filter(pk=doc_pk).first()
    if doc is None or not doc.file:
        raise Http404
    try:
        handle = doc.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    return FileResponse(handle, as_attachment=False, filename=doc.file.name.rsplit("/", 1)[-1],
                        content_type="application/pdf")


@require_POST
@coop_view("governance.attend")
def join_online(request, pk):
    meeting, entry = _mine(request, pk)
    if attempt(request, lambda: services.join_online(meeting=meeting, member=entry.member,
                                                     actor=request.user),
               success=_("Anda tercatat hadir daring. Biarkan halaman rapat tetap terbuka.")):
        room = _room_url(request.coop, meeting)
        if room:
            return redirect(room)
    return redirect("governance:my_meeting", request.coop.slug, meeting.pk)


@require_POST
@coop_view("governance.attend")
def heartbeat(request, pk):
    """The live page's "still here" (heartbeat.js, every 30 s): 204 when counted, 404
    when the member has no attendance at this meeting while it is open."""
    if not services.heartbeat(meeting_id=pk, user=request.user):
        raise Http404
    return HttpResponse(status=204)


@coop_view("governance.attend")
def my_proxy(request, pk):
    meeting, entry = _mine(request, pk)
    form = MyProxyForm(request.POST or None)
    if request.method == "POST":
        if "revoke" in request.POST:
            proxy = Proxy.objects.filter(meeting=meeting, grantor=entry,
                                         revoked_at__isnull=True).first()
            if proxy is not None:
                attempt(request, lambda: services.revoke_proxy(proxy=proxy, actor=request.user),
                        success=_("Kuasa Anda dicabut."))
            return redirect("governance:my_meeting", request.coop.slug, meeting.pk)
        if form.is_valid() and attempt(request, lambda: services.register_proxy(
                meeting=meeting, actor=request.user, grantor_number=entry.number,
                holder_number=form.cleaned_data["holder"]), form=form,
                success=_("Kuasa Anda dicatat; penerima kuasa diberi tahu.")):
            return redirect("governance:my_meeting", request.coop.slug, meeting.pk)
    return render(request, "governance/attendance/my_proxy.html", {
        "meeting": meeting, "entry": entry, "form": form,
        **selectors.proxies_of_entry(entry)})
