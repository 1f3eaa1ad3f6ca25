"""Fixtures for the core tests: a second cooperative with real objects, a user who
holds every role, and clients that authenticate with an API token."""

import pytest
from django.test import Client

from guyub.core.roles import Role

from .helpers import build_world


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Every factory user gets a password; the production hasher is slow on purpose,
    # which would make the suite slow for nothing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_pdf_layout(monkeypatch):
    # Laying out a PDF costs seconds (WeasyPrint loads fonts on first use). These tests
    # ask who may open a receipt or statement, not how it looks: the members tests
    # render the real documents.
    try:
        import weasyprint
    except ImportError:  # nothing to stub: the PDF pages will say so themselves
        return
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **kw: b"%PDF-1.7 uji")


@pytest.fixture
def all_roles_user(coop, make_user):
    """A user of cooperative A holding every role there."""
    return make_user(coop, *Role.values)


@pytest.fixture
def other_world(other_coop, make_user):
    """Cooperative B with one of everything a URL can point at."""
    return build_world(other_coop, make_user(other_coop, *Role.values), "Bu Warsini Lain")


@pytest.fixture
def own_world(coop, all_roles_user):
    """The same in cooperative A, for the user who holds every role there."""
    return build_world(coop, all_roles_user, "Pak Slamet Maju")


@pytest.fixture
def bearer_client():
    """A client without a session that sends `Authorization: Bearer <key>`."""

    def make(key):
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    return make
