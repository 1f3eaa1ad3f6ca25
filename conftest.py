"""Shared fixtures. Browser and PostgreSQL tests skip with a notice where those are
missing, and fail instead when GUYUB_REQUIRE_BROWSER / GUYUB_REQUIRE_POSTGRES is 1."""

import os
import shutil

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from guyub.core.roles import Role
from guyub.testing.factories import CooperativeFactory, CoopRoleFactory, UserFactory

PASSWORD = "rahasia-uji-123"

# smtp_inbox: a real SMTP server for the tests that send e-mail.
pytest_plugins = ["guyub.testing.mail"]


def _missing(what: str, env: str):
    if os.environ.get(env) == "1":
        pytest.fail(f"{what} is required ({env}=1) but not available")
    pytest.skip(f"{what} not available")


def pytest_collection_modifyitems(config, items):
    # PostgreSQL-only tests are collected everywhere and skipped on SQLite, so the
    # SQLite run says plainly that they did not run there.
    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL (runs in the PostgreSQL pass)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language (Indonesian). A page request in another
    language leaves that language active on the thread after the response (Django's
    locale middleware activates per request and never resets), so a later test on the
    same worker that calls a service directly would read its refusals in English."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def coop(db):
    return CooperativeFactory(name="Koperasi Produsen Maju Bersama", slug="maju")


@pytest.fixture
def other_coop(db):
    return CooperativeFactory(name="Koperasi Serba Usaha Lain", slug="lain")


@pytest.fixture
def make_user(db):
    def make(cooperative, *roles):
        user = UserFactory()
        for role in roles:
            CoopRoleFactory(user=user, cooperative=cooperative, role=role)
        return user

    return make


@pytest.fixture
def board(coop, make_user):
    return make_user(coop, Role.BOARD)


@pytest.fixture
def board_client(client, board):
    client.force_login(board)
    return client


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        _missing("Chromium", "GUYUB_REQUIRE_BROWSER")
    return path


@pytest.fixture(scope="session")
def chromium(chromium_path):
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made
    # by the test itself are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )
        yield browser
        browser.close()


class CspWatchingBrowser:
    """The session's Chromium, whose every new context reports Content-Security-Policy
    violations (Chromium logs each one on the console): a page that breaks the policy
    fails its test, whichever test opened it."""

    def __init__(self, browser):
        self._browser = browser
        self.violations: list[str] = []

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        context.on("console", self._console)
        return context

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(f"{message.location.get('url', '')}: {message.text}")

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def browser(chromium):
    watching = CspWatchingBrowser(chromium)
    yield watching
    assert not watching.violations, "Content-Security-Policy violations:\n" + "\n".join(
        watching.violations)


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10000)
    yield page
    context.close()


@pytest.fixture
def rendered(monkeypatch):
    """The HTML of each PDF rendered while the test runs, in order: WeasyPrint's input,
    which tests read instead of the PDF's text."""
    from guyub.members import pdf

    pages = []
    original = pdf.render_to_string

    def spy(*args, **kwargs):
        pages.append(original(*args, **kwargs))
        return pages[-1]

    monkeypatch.setattr(pdf, "render_to_string", spy)
    return pages
