"""Text people typed, as the services store it: one rule for every app, so a NUL or a
lone surrogate (which PostgreSQL refuses, and a JSON body can carry as "\\ud800") is a
clear error in the user's language everywhere instead of a 500 in one place."""

from django.utils.translation import gettext as _

from .errors import DomainError


def clean_text(value, *, field: str, limit: int, required: bool = True) -> str:
    """`value` trimmed, or DomainError on `field`: empty when `required`, a NUL, a
    character UTF-8 cannot encode, or longer than `limit`."""
    text = (value or "").strip()
    if "\x00" in text:
        raise DomainError(_("Teks tidak boleh berisi karakter NUL."), field=field)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise DomainError(_("Teks berisi karakter yang tidak sah."), field=field) from None
    if required and not text:
        raise DomainError(_("Bagian ini wajib diisi."), field=field)
    if len(text) > limit:
        raise DomainError(_("Paling banyak %(n)s karakter.") % {"n": limit}, field=field)
    return text
