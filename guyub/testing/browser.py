"""Helpers for the browser tests (Playwright pages)."""

import re


def signed_in(browser, base, username, password, *, home=r"/k/", width=1280, height=900):
    """A page in a browser of its own (its own cookies), logged in as `username` and
    landed on a page matching `home`."""
    page = browser.new_context(locale="id-ID",
                               viewport={"width": width, "height": height}).new_page()
    page.set_default_timeout(10000)
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(home))
    return page


def click_menu(page, label: str) -> None:
    """Open the main-menu entry named `label`, opening its group first when the menu is
    grouped (an officer's menu: each group is a <details> that starts closed)."""
    entry = page.get_by_role("link", name=label, exact=True, include_hidden=True)
    link = page.locator("nav.mainnav").locator(entry)
    if not link.is_visible():
        page.locator("nav.mainnav details").filter(has=entry).locator("summary").click()
    link.click()
