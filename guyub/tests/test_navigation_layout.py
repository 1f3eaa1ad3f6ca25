"""Browser check in headless Chromium: the board's menu (the longest one) is grouped; every
group title is on screen at 1280 px and at 360 px (no sideways strip hiding entries), a
group opens by keyboard and by tap, its entries inside the screen, and Escape closes it."""

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
  const shown = [...nav.querySelectorAll('summary, a')].filter(e => e.checkVisibility());
  return {pageScroll: document.documentElement.scrollWidth,
          rights: shown.map(e => e.getBoundingClientRect().right),
          lefts: shown.map(e => e.getBoundingClientRect().left)};
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


def check_menu(page, width):
    boxes = page.evaluate(NAV_BOXES)
    assert boxes["pageScroll"] <= width
    assert max(boxes["rights"]) <= width and min(boxes["lefts"]) >= 0
    summaries = page.locator("nav.mainnav summary")
    assert summaries.count() >= 5
    assert all(summaries.nth(i).is_visible() for i in range(summaries.count()))


def test_the_board_menu_is_grouped_and_fits_1280_pixels_and_a_phone(
        live_server, browser, board_user):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_dashboard(browser, live_server.url, 1280)
    check_menu(page, 1280)
    settings_link = page.locator("nav.mainnav >> text=Pengaturan")
    assert not settings_link.is_visible()
    # The keyboard: Tab to a group's title, Enter opens it, Escape closes it again.
    group = page.locator("nav.mainnav summary", has_text="Pengelolaan")
    group.focus()
    page.keyboard.press("Enter")
    assert settings_link.is_visible()
    check_menu(page, 1280)
    page.screenshot(path=str(SHOTS / "nav-board-1280.png"))
    page.keyboard.press("Escape")
    assert not settings_link.is_visible()
    shop = page.locator("nav.mainnav a.nav-out")
    assert shop.get_attribute("href") == "/toko/merapi/"
    assert shop.get_attribute("target") == "_blank"
    page.context.close()

    phone = open_dashboard(browser, live_server.url, 360)
    check_menu(phone, 360)
    phone.locator("nav.mainnav summary", has_text="Penjualan").click()
    assert phone.locator("nav.mainnav >> text=Pembayaran anggota").is_visible()
    check_menu(phone, 360)  # the open panel stays inside the screen too
    # Opening another group closes the first.
    phone.locator("nav.mainnav summary", has_text="Keuangan").click()
    assert not phone.locator("nav.mainnav >> text=Pembayaran anggota").is_visible()
    phone.screenshot(path=str(SHOTS / "nav-board-360.png"))
    phone.context.close()
