"""What the ballot services share: text checks, links, who to tell."""

from django.urls import reverse

from guyub.core.typed_text import clean_text

from ...attendance.models import Attendance
from ...attendance.selectors import present_filter

MAX_QUESTION = 300
MAX_LABEL = 200

# Typed text is checked by the platform's one rule; the services call it common.text.
text = clean_text


def room_url(meeting) -> str:
    return reverse("governance:room", args=[meeting.cooperative.slug, meeting.pk])


def present_users(meeting) -> list[int]:
    """The logins of the members present now (in the room or online)."""
    # One join, not a list of ids sent back (300,000 of them make a 2 MB statement).
    return list(Attendance.objects.filter(meeting=meeting).filter(present_filter())
                .filter(entry__member__user__isnull=False)
                .values_list("entry__member__user_id", flat=True))
