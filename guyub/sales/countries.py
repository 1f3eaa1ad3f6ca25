"""Destination countries by name, in the page's language (CLDR, through babel): the
checkout's menu, the order page and the invoice."""

from functools import cache

from babel import Locale
from django.utils.translation import get_language

# Two-letter codes of the CLDR that are no country (or are Indonesia, listed first).
NOT_COUNTRIES = {"ID", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


def country_choices() -> tuple[tuple[str, str], ...]:
    """Indonesia first, then every country by its name in the page's language."""
    return _country_choices("en" if (get_language() or "id").startswith("en") else "id")


@cache  # sorting CLDR's ~250 names took a tenth of every checkout's time
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    names = Locale.parse(language).territories
    others = sorted(((code, name) for code, name in names.items()
                     if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES),
                    key=lambda c: c[1])
    return (("ID", names["ID"]), *others)


@cache
def country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in _country_choices("id"))


def country_name(code: str) -> str:
    return dict(country_choices()).get(code, code)
