"""The minutes (notulen) as a PDF, generated from the record (WeasyPrint, the house
style): officers open any meeting's, a member only those of meetings they are on the
register of (another's does not exist for them: 404). A draft mark until signed."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from guyub.core.tenancy import coop_view
from guyub.members.pdf import pdf_response

from ..elections.selectors import on_register
from ..meetings.models import Meeting
from . import selectors

TEMPLATE = "governance/minutes/pdf/minutes.html"


def context(meeting, coop) -> dict:
    return {**selectors.record(meeting), "coop": coop}


def minutes_html(meeting, coop) -> str:
    """The HTML the PDF is made of (the tests read its text)."""
    return render_to_string(TEMPLATE, context(meeting, coop))


@require_safe
@coop_view("coop.view")
def minutes_pdf(request, pk):
    meeting = Meeting.objects.filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if not request.access.can("governance.view"):
        if not request.access.can("governance.attend"):
            raise PermissionDenied
        if not on_register(request.user, meeting):
            raise Http404
    return pdf_response(TEMPLATE, context(meeting, request.coop),
                        filename=f"notulen-{meeting.pk}.pdf", request=request)
