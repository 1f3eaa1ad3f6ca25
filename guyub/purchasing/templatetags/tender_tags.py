from decimal import Decimal

from babel.numbers import format_decimal
from django import template
from django.utils.translation import get_language

register = template.Library()


def _locale() -> str:
    return "en_ID" if (get_language() or "id").startswith("en") else "id_ID"


@register.filter
def qty(value) -> str:
    """A quantity the Indonesian way, without trailing zeros: 2000.000 -> 2.000, 12.5 -> 12,5."""
    if value in (None, ""):
        return "–"
    return format_decimal(Decimal(str(value)), format="#,##0.###", locale=_locale())
