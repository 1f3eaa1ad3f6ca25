"""The chair closes the meeting and signs its minutes."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view

from ..meetings.models import Meeting
from . import services
from .forms import SignForm


def _meeting(pk) -> Meeting:
    found = Meeting.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _back(request, meeting):
    return redirect("governance:minutes_sign", request.coop.slug, meeting.pk)


@require_POST
@coop_view("governance.chair")
def meeting_close(request, pk):
    meeting = _meeting(pk)
    attempt(request, lambda: services.close_meeting(meeting=meeting, actor=request.user),
            success=_("Rapat ditutup. Notulen siap ditandatangani."))
    return _back(request, meeting)


@coop_view("governance.chair")
def minutes_sign(request, pk):
    meeting = _meeting(pk)
    form = SignForm(request.POST or None, initial={
        "chair_name": meeting.chair_name, "secretary_name": meeting.secretary_name})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.sign_minutes(meeting=meeting, actor=request.user,
                                                          **data), form=form):
            messages.success(request, _("Notulen ditandatangani."))
            return _back(request, meeting)
    return render(request, "governance/minutes/sign.html", {"meeting": meeting, "form": form})
