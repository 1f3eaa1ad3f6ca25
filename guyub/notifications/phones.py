"""Phone numbers for WhatsApp: E.164 digits without the '+' (the Cloud API's `to` and
wa.me's path). Indonesian numbers are written 08…, +62 8…, 62-8…; all become 628…."""

import re

_SEPARATORS = re.compile(r"[\s\-().]")


def e164(number: str, *, country_code: str = "62") -> str:
    """The number as E.164 digits without '+', or "" when it is not a phone number."""
    raw = _SEPARATORS.sub("", number or "")
    if raw.startswith("+"):
        digits = raw[1:]
    elif raw.startswith("00"):
        digits = raw[2:]
    elif raw.startswith("0"):
        digits = country_code + raw[1:]
    else:
        digits = raw
    if not digits.isdigit() or not 8 <= len(digits) <= 15 or digits.startswith("0"):
        return ""
    if digits.startswith(country_code + "0"):   # "+62 08…": a common slip
        digits = country_code + digits[len(country_code) + 1:]
    return digits
