"""Helpers for the browser tests (Playwright pages)."""


def click_menu(page, label: str) -> None:
    """Open the main-menu entry named `label`, opening its group first when the menu is
    grouped (an officer's menu: each group is a <details> that starts closed)."""
    entry = page.get_by_role("link", name=label, exact=True, include_hidden=True)
    link = page.locator("nav.mainnav").locator(entry)
    if not link.is_visible():
        page.locator("nav.mainnav details").filter(has=entry).locator("summary").click()
    link.click()
