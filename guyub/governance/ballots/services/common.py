"""What the ballot services share: text checks, links, who to tell."""

from django.urls import reverse
from django.utils.translation import gettext as _

from guyub.core.errors import DomainError

from ...attendance.models import RegisterEntry
from ...attendance.selectors import present_entry_ids

MAX_QUESTION = 300
MAX_LABEL = 200


def text(value, *, field: str, limit: int, required: bool = True) -> str:
    """A line people typed: trimmed, no NUL or lone surrogate, within `limit`."""
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("Wajib diisi."), field=field)
    if "\x00" in value or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise DomainError(_("Teks berisi karakter yang tidak sah."), field=field)
    if len(value) > limit:
        raise DomainError(_("Paling banyak %(n)s karakter.") % {"n": limit}, field=field)
    return value


def room_url(meeting) -> str:
    return reverse("governance:room", args=[meeting.cooperative.slug, meeting.pk])


def present_users(meeting) -> list[int]:
    """The logins of the members present now (in the room or online)."""
    ids = present_entry_ids(meeting)
    return [u for u in RegisterEntry.objects.filter(pk__in=ids)
            .values_list("member__user_id", flat=True) if u]
