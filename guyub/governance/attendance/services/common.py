"""What the attendance services share: the meeting row lock, typed text, page links and
the notice's wording of a meeting."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from guyub.core.audit_display import format_wib
from guyub.core.errors import DomainError
from guyub.core.typed_text import clean_text

from ...meetings.models import AgendaItem, Meeting

BATCH = 5000  # rows per INSERT when a register is frozen or copied

# Typed text is checked by the platform's one rule; the services call it common.text.
text = clean_text


def locked(meeting: Meeting) -> Meeting:
    """The meeting row, locked (NO KEY: register and attendance rows pointing at it may
    still be inserted by others without waiting)."""
    return Meeting.objects.select_related("cooperative").select_for_update(
        of=("self",), no_key=True).get(pk=meeting.pk)


def require_user(actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Langkah ini harus dicatat oleh pengguna yang masuk."))


def my_meeting_url(meeting: Meeting) -> str:
    return reverse("governance:my_meeting", args=[meeting.cooperative.slug, meeting.pk])


def staff_meeting_url(meeting: Meeting) -> str:
    return reverse("governance:meeting", args=[meeting.cooperative.slug, meeting.pk])


def when(meeting: Meeting) -> str:
    return format_wib(meeting.starts_at)


def day(value) -> str:
    return date_format(value, "j F Y")


def agenda_line(meeting: Meeting) -> str:
    """"1. Laporan pengurus; 2. Pembagian SHU" """
    items = AgendaItem.objects.filter(meeting=meeting).order_by("position")
    return "; ".join(f"{n}. {item.title}" for n, item in enumerate(items, start=1))


def meeting_day(meeting: Meeting):
    return timezone.localdate(meeting.starts_at)


def notice_params(meeting: Meeting) -> dict:
    return {"title": meeting.title, "when": when(meeting),
            "place": meeting.place or _("daring"), "agenda": agenda_line(meeting)}
