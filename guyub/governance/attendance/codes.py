"""The member's check-in card: a QR code holding a signed (meeting, register entry)
pair. Signed with the site's secret (django.core.signing, its own salt), so a code
cannot be forged by guessing numbers, and a code made for another meeting is told
apart from a forged one. Pure of the database: the door looks the entry up."""

import segno
from django.core import signing

SALT = "governance.checkin"


class BadCode(Exception):
    """Not a code this site signed."""


def checkin_code(meeting_id: int, entry_id: int) -> str:
    return signing.dumps([meeting_id, entry_id], salt=SALT, compress=False)


def read_code(code: str) -> tuple[int, int]:
    """(meeting id, entry id) of a signed code, or BadCode."""
    try:
        meeting_id, entry_id = signing.loads(code.strip(), salt=SALT)
        return int(meeting_id), int(entry_id)
    except (signing.BadSignature, ValueError, TypeError):
        raise BadCode from None


def looks_like_code(value: str) -> bool:
    """A scanner types the code; a person types a member number (digits only)."""
    return not value.strip().isdigit()


def qr_svg(payload: str, *, title: str) -> str:
    """The QR code as inline SVG (no style attribute: the CSP allows none)."""
    return segno.make(payload, error="m").svg_inline(scale=5, title=title, border=2)
