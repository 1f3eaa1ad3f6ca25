"""Every link a role is shown on its home page opens for that role: the page asks the
same right the link was shown by (guyub.core.links), so no link leads to a 403 or 404."""

import re

from guyub.core import links
from guyub.core.roles import Role
from guyub.core.tenancy import resolve_access

# The cast (one signed-in user per role) and the world come from this package's conftest.
from .tables import ROLES

HREF = re.compile(r'<a [^>]*href="(/[^"#]*)"')


def _links(html: str) -> set[str]:
    return {href for href in HREF.findall(html)
            if not href.startswith(("/static/", "/media/", "/i18n/"))}


def test_every_link_on_each_roles_home_opens(cast, coop, world):
    # The world holds an applicant: the "permohonan menunggu" card shows.
    wrong, seen = {}, 0
    for role in ROLES:
        session = cast[role]["session"]
        home = session.get(f"/k/{coop.slug}/")
        assert home.status_code == 200
        for href in sorted(_links(home.content.decode())):
            seen += 1
            status = session.get(href).status_code
            if status in (403, 404):
                wrong[f"{role}: {href}"] = status
    assert seen > 30
    assert wrong == {}


def test_staff_and_supervisors_see_waiting_applications_without_a_link(cast, coop, world):
    for role in (Role.STAFF, Role.SUPERVISOR):
        html = cast[role]["session"].get(f"/k/{coop.slug}/").content.decode()
        assert "permohonan menunggu" in html
        assert f"/k/{coop.slug}/permohonan/" not in html
    board = cast[Role.BOARD]["session"].get(f"/k/{coop.slug}/").content.decode()
    assert f'href="/k/{coop.slug}/permohonan/"' in board


def test_a_link_is_allowed_by_the_right_its_page_asks_for(cast, coop):
    staff = resolve_access(cast[Role.STAFF]["user"], coop.slug)
    board = resolve_access(cast[Role.BOARD]["user"], coop.slug)
    assert links.allowed_url(staff, "members:applications", coop.slug) is None
    assert links.allowed_url(board, "members:applications", coop.slug) == \
        f"/k/{coop.slug}/permohonan/"
    # A public page (the storefront) is open to anyone, a page without a right to any role.
    assert links.allowed_url(None, "store:home", coop.slug) == f"/toko/{coop.slug}/"
    assert links.allowed_url(staff, "core:dashboard", coop.slug) == f"/k/{coop.slug}/"
