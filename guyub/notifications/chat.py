"""Click-to-chat: a wa.me link that opens WhatsApp with a number (or, without one, the
share sheet) and a text written in advance."""

from urllib.parse import quote

from .phones import e164


def wa_me(number: str = "", text: str = "") -> str:
    """https://wa.me/<number>?text=<text>; "" when a number is given but is not one."""
    digits = ""
    if number:
        digits = e164(number)
        if not digits:
            return ""
    url = f"https://wa.me/{digits}"
    if text:
        url += "?text=" + quote(str(text), safe="")
    return url
