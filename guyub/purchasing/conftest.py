"""Fixtures every purchasing sub-package's tests reach (the helpers themselves are in
guyub/testing/purchase_rounds.py and purchase_pages.py)."""

import pytest
from django.conf import settings
from django.utils import translation

from guyub.testing.purchase_rounds import ticking_clock  # noqa: F401


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language (Indonesian), whatever an earlier test in
    the same worker left active: a page request in English (core's audit log test sets
    the language through /i18n/setlang/) leaves it active for the thread after the
    response, and a service called directly then words its refusals in English."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
