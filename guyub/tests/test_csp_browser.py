"""Headless Chromium walks the main pages of every role under the real
Content-Security-Policy: nothing is blocked (the `browser` fixture fails a test on any
violation Chromium reports), and the behaviour moved out of the templates still works."""

import re

import pytest

from guyub.core.roles import Role
from guyub.testing.factories import CooperativeFactory, CoopRoleFactory, MemberFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"


@pytest.fixture
def coop(db):
    coop = CooperativeFactory(name="Koperasi Produsen Kopi Merapi", slug="merapi")
    for role in Role.values:
        user = UserFactory(username=f"{role}@merapi.id")
        CoopRoleFactory(user=user, cooperative=coop, role=role)
        if role == Role.MEMBER:
            MemberFactory(cooperative=coop, user=user, owner_name="Sri Wahyuni")
    return coop


def log_in(browser, base, username):
    page = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(10000)
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/k/merapi/"))
    return page


@pytest.mark.parametrize("role", Role.values)
def test_the_main_pages_of_each_role_break_no_policy(live_server, browser, coop, role):
    page = log_in(browser, live_server.url, f"{role}@merapi.id")
    links = page.eval_on_selector_all("nav.mainnav a", "as => as.map(a => a.href)")
    links += [f"{live_server.url}/akun/kata-sandi/", f"{live_server.url}/toko/merapi/",
              f"{live_server.url}/api/v1/docs"]
    for link in dict.fromkeys(links):
        response = page.goto(link)
        assert response.status < 500, link
        page.wait_for_load_state("load")
    page.context.close()
    # The browser fixture fails this test if any of those pages broke the policy.


def test_the_language_menu_still_switches_without_an_inline_handler(live_server, browser,
                                                                    coop):
    page = log_in(browser, live_server.url, "board@merapi.id")
    # Wait for the navigation the change starts, not for the current page's "load"
    # (already fired: the check would race the submit).
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    page.context.close()
