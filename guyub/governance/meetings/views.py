"""The officers' meeting pages: the by-law rules, the list of meetings, a meeting
drafted and edited, its agenda and its documents (downloaded through a checked view,
never from /media/), and the meeting's page with its tab strip.

Calling, opening and closing a meeting are the attendance and minutes packages'
pages; they fill the meeting page's `governance/_meeting_actions.html`. A member's
own meeting page and document download are the attendance package's (it knows the
register)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import DomainError, add_to_form, attempt
from guyub.core.tenancy import coop_view

from . import selectors, services
from .forms import AgendaItemForm, DocumentForm, MeetingForm, SettingsForm
from .models import Meeting

# The list's and the page's status badges, in the stylesheet's colours.
BADGE = {Meeting.Status.DRAFT: "preparing", Meeting.Status.CALLED: "paid",
         Meeting.Status.OPEN: "active", Meeting.Status.ADJOURNED: "late",
         Meeting.Status.CLOSED: "delivered", Meeting.Status.CANCELLED: "cancelled"}


def _meeting(pk) -> Meeting:
    found = selectors.meeting(pk)
    if found is None:
        raise Http404
    found.badge = BADGE.get(found.status, "")
    return found


def _to_meeting(request, meeting):
    return redirect("governance:meeting", request.coop.slug, meeting.pk)


def _draft_or_back(request, meeting):
    """None while the meeting is a draft; else the way back to its page, told why."""
    if meeting.status == Meeting.Status.DRAFT:
        return None
    messages.error(request, _("Rapat yang undangannya sudah dikirim tidak dapat diubah "
                              "lagi: acara dan dokumennya adalah yang diterima anggota."))
    return _to_meeting(request, meeting)


def _save(form, action) -> object | None:
    """Run a service with a valid form's values; a refusal lands on the form."""
    try:
        return action()
    except DomainError as error:
        add_to_form(form, error)
        return None


@coop_view("governance.view")
def governance_settings(request):
    """Officers read the by-law rules; the board changes them."""
    can_edit = request.access.can("governance.chair")
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    current = selectors.settings_for(request.coop)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in SettingsForm.Meta.fields}
        if _save(form, lambda: services.save_settings(cooperative=request.coop,
                                                      actor=request.user, **values)):
            messages.success(request, _("Aturan rapat anggota disimpan; berlaku untuk rapat "
                                        "yang diundang sesudah ini."))
            return redirect("governance:governance_settings", request.coop.slug)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    return render(request, "governance/meetings/settings.html", {
        "form": form, "can_edit": can_edit, "rules": current})


@require_safe
@coop_view("governance.view")
def meeting_list(request):
    upcoming, past = selectors.meetings_split()
    for row in (*upcoming, *past):
        row.badge = BADGE.get(row.status, "")
    return render(request, "governance/meetings/list.html", {
        "upcoming": upcoming, "past": past,
        "can_manage": request.access.can("governance.manage")})


def _meeting_form(request, meeting=None):
    rules = selectors.settings_for(request.coop)
    initial = MeetingForm.initial_of(meeting) if meeting else {"online": True}
    return MeetingForm(request.POST or None, initial=initial,
                       delegates_allowed=rules.delegates_allowed, exclude=meeting)


@coop_view("governance.manage")
def meeting_new(request):
    form = _meeting_form(request)
    if request.method == "POST" and form.is_valid():
        meeting = _save(form, lambda: services.create_meeting(
            cooperative=request.coop, actor=request.user, **form.values()))
        if meeting:
            messages.success(request, _("Draf rapat dibuat. Susun acaranya, lalu kirim "
                                        "undangan."))
            return _to_meeting(request, meeting)
    return render(request, "governance/meetings/form.html", {
        "form": form, "title": _("Rapat anggota baru")})


@coop_view("governance.manage")
def meeting_edit(request, pk):
    meeting = _meeting(pk)
    back = _draft_or_back(request, meeting)
    if back:
        return back
    form = _meeting_form(request, meeting)
    if request.method == "POST" and form.is_valid():
        if _save(form, lambda: services.update_meeting(meeting=meeting, actor=request.user,
                                                       **form.values())):
            messages.success(request, _("Rapat disimpan."))
            return _to_meeting(request, meeting)
    return render(request, "governance/meetings/form.html", {
        "form": form, "meeting": meeting, "title": _("Ubah rapat")})


@require_safe
@coop_view("governance.view")
def meeting_detail(request, pk):
    meeting = _meeting(pk)
    rules = selectors.settings_for(request.coop)
    # A draft follows today's by-laws; a called meeting the rules it copied.
    if meeting.status == Meeting.Status.DRAFT:
        quorum = {"fraction": rules.quorum_fraction, "rule": rules.get_quorum_rule_display(),
                  "notice_days": rules.notice_days, "current": True}
    else:
        quorum = {"fraction": meeting.quorum_fraction,
                  "rule": meeting.get_quorum_rule_display(),
                  "notice_days": meeting.notice_days, "current": False}
    is_draft = meeting.status == Meeting.Status.DRAFT
    return render(request, "governance/meetings/detail.html", {
        "meeting": meeting, "items": selectors.agenda(meeting),
        "loose_documents": selectors.loose_documents(meeting), "quorum": quorum,
        "is_past": meeting.starts_at < timezone.now(),
        "can_edit": is_draft and request.access.can("governance.manage"),
        # The next step of the meeting's life (call, open) on its own page: the chair
        # drafting the agenda here should not have to find it on the attendance tab.
        "can_chair": request.access.can("governance.chair"),
    })


def _item_or_404(meeting, item_pk):
    found = selectors.item(meeting, item_pk)
    if found is None:
        raise Http404
    return found


@coop_view("governance.manage")
def agenda_item_new(request, pk):
    meeting = _meeting(pk)
    back = _draft_or_back(request, meeting)
    if back:
        return back
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _save(form, lambda: services.add_item(meeting=meeting, actor=request.user,
                                                 **form.cleaned_data)):
            messages.success(request, _("Acara ditambahkan."))
            return _to_meeting(request, meeting)
    return render(request, "governance/meetings/item_form.html", {
        "form": form, "meeting": meeting, "title": _("Tambah acara")})


@coop_view("governance.manage")
def agenda_item_edit(request, pk, item_pk):
    meeting = _meeting(pk)
    item = _item_or_404(meeting, item_pk)
    back = _draft_or_back(request, meeting)
    if back:
        return back
    form = AgendaItemForm(request.POST or None, initial=AgendaItemForm.initial_of(item))
    if request.method == "POST" and form.is_valid():
        if _save(form, lambda: services.update_item(item=item, actor=request.user,
                                                    **form.cleaned_data)):
            messages.success(request, _("Acara disimpan."))
            return _to_meeting(request, meeting)
    return render(request, "governance/meetings/item_form.html", {
        "form": form, "meeting": meeting, "item": item,
        "title": _("Ubah acara %(n)s") % {"n": item.position}})


@require_POST
@coop_view("governance.manage")
def agenda_item_move(request, pk, item_pk):
    meeting = _meeting(pk)
    item = _item_or_404(meeting, item_pk)
    up = request.POST.get("direction") != "down"
    attempt(request, lambda: services.move_item(item=item, actor=request.user, up=up))
    return _to_meeting(request, meeting)


@require_POST
@coop_view("governance.manage")
def agenda_standard(request, pk):
    meeting = _meeting(pk)
    attempt(request, lambda: services.add_standard_rat_agenda(meeting=meeting,
                                                              actor=request.user),
            success=lambda added: _("%(n)s acara baku ditambahkan.") % {"n": len(added)}
            if added else _("Acara baku RAT sudah ada semua."))
    return _to_meeting(request, meeting)


@coop_view("governance.manage")
def document_new(request, pk):
    meeting = _meeting(pk)
    back = _draft_or_back(request, meeting)
    if back:
        return back
    item = request.GET.get("acara") or ""
    form = DocumentForm(request.POST or None, request.FILES or None, meeting=meeting,
                        initial={"item": item if item.isascii() and item.isdigit() else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, lambda: services.add_document(
                meeting=meeting, actor=request.user, title=data["title"],
                upload=data["file"], item=data["item"])):
            messages.success(request, _("Dokumen diunggah."))
            return _to_meeting(request, meeting)
    return render(request, "governance/meetings/document_form.html", {
        "form": form, "meeting": meeting})


def pdf_response(document) -> FileResponse:
    """The stored PDF as a download under a name made from its title (never the name
    it was uploaded under), not sniffed into anything else by the browser."""
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    name = (slugify(document.title) or "dokumen")[:80] + ".pdf"
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
@coop_view("governance.view")
def document(request, pk, doc_pk):
    """A document of a meeting, for officers. Members download theirs through the
    attendance package's page (they must be on the meeting's register)."""
    found = selectors.document(_meeting(pk), doc_pk)
    if found is None:
        raise Http404
    return pdf_response(found)
