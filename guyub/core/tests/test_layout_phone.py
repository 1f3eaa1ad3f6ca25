"""Every page, for every role, fits a 360 px phone: no sideways scroll of the page and no
amount or status left past the right edge (headless Chromium, marker `browser`).

The page list is the permission walk's own (permissions/tables.py PAGES over urlwalk's
routes, plus the public pages of urlwalk.PUBLIC_BY_DESIGN): a new page is measured
without anyone adding it here. One browser serves the whole test and each role logs in
once (its Django session cookie is handed to its browser context).
"""

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from guyub.core.roles import Role
from guyub.members.models import Member
from guyub.testing.tenders import invite_everywhere, supplier_account

from .helpers import build_world
from .permissions.tables import PAGES, allowed
from .urlwalk import PUBLIC_BY_DESIGN, all_routes, values_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 360
# The page's width, and every amount or status cell that is shown but ends outside the
# screen (1 px of rounding allowed). Hidden boxes (a closed menu group, sr-only text) do not count;
# so is the heading row of a table shown as cards (its cells carry the labels).
MEASURE = """(width) => {
  const out = [];
  for (const el of document.querySelectorAll('td.num, th.num, .badge, .num')) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || !el.checkVisibility() || el.closest('thead')) continue;
    if (box.right > width + 1 || box.left < -1) {
      out.push(el.tagName + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30)
               + '" at ' + Math.round(box.left) + '..' + Math.round(box.right));
    }
  }
  const page = document.documentElement.scrollWidth;
  // When the page is too wide, name the innermost elements that reach past the edge.
  const wide = page <= width ? [] : [...document.body.querySelectorAll('*')]
    .filter(el => !el.querySelector('*') && el.checkVisibility()
                  && el.getBoundingClientRect().right > width + 1)
    .slice(0, 3).map(el => el.tagName + '.' + el.className + ' in ' + el.parentElement.tagName
                           + '.' + el.parentElement.className);
  return {page: page, outside: out.slice(0, 3), wide: wide};
}"""


# The public pages' own parameters (the permission walk does not visit them).
PUBLIC_PARAMS = {"store:product": ("pk", "product"), "store:bundle": ("pk", "bundle"),
                 "store:order": ("key", "order")}


def _url(name, world):
    route = next(r for r in all_routes() if name in r.names)
    if name in PUBLIC_PARAMS:
        param, target = PUBLIC_PARAMS[name]
        value = world[target].access_key if param == "key" else world[target].pk
        return route.url({route.tenant_param: world["coop"].slug, param: value})
    return route.url(values_for(route, world)[0])


@pytest.fixture
def people(coop, make_user):
    """One user per role; the member owns the world's records (bills, products, payouts),
    so the member's own pages have rows to lay out."""
    users = {role: make_user(coop, role) for role in Role.values}
    invite_everywhere(supplier_account(coop, "UD Pemasok Uji", user=users[Role.SUPPLIER]))
    return users


def _html_pages(client, names, world, roles=None):
    """The pages of `names` that this client opens as an HTML page (200)."""
    urls = []
    for name in names:
        if roles is not None and not roles & allowed(PAGES[name][1]):
            continue
        url = _url(name, world)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            urls.append(url)
    return urls


def test_every_page_fits_a_phone_for_every_role(live_server, browser, coop, people):
    world = build_world(coop, people[Role.MEMBER], "Ibu Sumarni")
    # Real addresses are long: one unbroken word must wrap, not widen the page.
    with scopes_disabled():
        Member.objects.filter(pk__in=[world["member"].pk, world["applicant"].pk]).update(
            email="pemohon.makanan_ringan.keripik@koperasi-produsen-umkm.co.id")
    pages = sorted(name for name, (method, _right) in PAGES.items() if method == "get")
    public = sorted(name for name in PUBLIC_BY_DESIGN
                    if name.startswith(("store:", "members:"))
                    and name not in ("store:cart_add", "store:invoice"))
    visits = {"guest": ("/", *_html_pages(Client(), public, world))}
    cookies = {"guest": None}
    for role, user in people.items():
        client = Client()
        client.force_login(user)
        visits[role] = ("/", *_html_pages(client, pages, world, {role}))
        cookies[role] = client.cookies["sessionid"].value

    wrong = {}
    for role, urls in visits.items():
        context = browser.new_context(locale="id-ID", viewport={"width": WIDTH, "height": 800})
        if cookies[role]:
            context.add_cookies([{"name": "sessionid", "value": cookies[role],
                                  "url": live_server.url}])
        page = context.new_page()
        for url in urls:
            page.goto(live_server.url + url)
            found = page.evaluate(MEASURE, WIDTH)
            if found["page"] > WIDTH or found["outside"] or found["wide"]:
                wrong[f"{role} {url}"] = found
        context.close()
    assert sum(map(len, visits.values())) > 150  # the walk found the pages
    assert not wrong, "\n".join(f"{where}: {found}" for where, found in sorted(wrong.items()))
