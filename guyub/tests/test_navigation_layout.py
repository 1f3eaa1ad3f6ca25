"""Browser check in headless Chromium: the board's menu (the longest one) shows every
entry at 1280 px instead of cutting the last ones off at the right edge, and on a phone it
scrolls inside itself without making the whole page scroll sideways."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from guyub.core.roles import Role
from guyub.testing.factories import CooperativeFactory, CoopRoleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
NAV_BOXES = """() => {
  const nav = document.querySelector('nav.mainnav');
  return {navScroll: nav.scrollWidth, navClient: nav.clientWidth,
          pageScroll: document.documentElement.scrollWidth,
          rights: [...nav.querySelectorAll('a')].map(a => a.getBoundingClientRect().right)};
}"""


@pytest.fixture
def board_user(db):
    coop = CooperativeFactory(name="Koperasi Produsen Kopi Merapi", slug="merapi")
    user = UserFactory(username="pengurus@merapi.id")
    CoopRoleFactory(user=user, cooperative=coop, role=Role.BOARD)
    return user


def open_dashboard(browser, base, width):
    context = browser.new_context(locale="id-ID", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10000)
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", "pengurus@merapi.id")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/k/merapi/"))
    return page


def test_the_board_menu_fits_1280_pixels_and_a_phone(live_server, browser, board_user):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_dashboard(browser, live_server.url, 1280)
    boxes = page.evaluate(NAV_BOXES)
    assert boxes["navScroll"] <= boxes["navClient"], "the menu hides entries past its edge"
    assert max(boxes["rights"]) <= 1280
    assert boxes["pageScroll"] <= 1280
    shop = page.locator("nav.mainnav a.nav-out")
    assert shop.get_attribute("href") == "/toko/merapi/"
    assert shop.get_attribute("target") == "_blank"
    assert page.locator("nav.mainnav >> text=Pengaturan").is_visible()
    page.screenshot(path=str(SHOTS / "nav-board-1280.png"))
    page.context.close()

    phone = open_dashboard(browser, live_server.url, 360)
    assert phone.evaluate(NAV_BOXES)["pageScroll"] <= 360, (
        "the menu must scroll inside itself, not widen the page")
    phone.context.close()
