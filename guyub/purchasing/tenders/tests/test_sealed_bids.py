"""Bids stay sealed until the deadline on every page, export and API operation.

Like the tenant-isolation walk (guyub/core/tests/urlwalk.py), this visits every URL
pattern the project has — the pages with GET (and ?format=xlsx when they open) and
POST, the API with each operation its schema lists — as every officer, as suppliers,
members, buyers and anonymous visitors, while a bid with distinctive values is
sealed, and looks for those values in every response body (HTML, JSON, the sheets
inside an .xlsx, the HTML a PDF is laid out from). A page added tomorrow is walked
without anyone remembering to add it here.
"""

import datetime as dt
import io
import zipfile
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.roles import Role
from guyub.core.tests.helpers import api, build_world, issue_token
from guyub.core.tests.test_tenant_isolation import api_operations
from guyub.core.tests.urlwalk import (
    EXCLUDED_PREFIXES,
    PUBLIC_BY_DESIGN,
    Route,
    all_routes,
    values_for,
)
from guyub.purchasing.models import Bid, Tender
from guyub.purchasing.tenders import services as tenders
from guyub.testing.tenders import supplier_account

pytestmark = pytest.mark.django_db

# The sealed bid: a price and payment terms found nowhere else, in every way a page,
# a sheet or the API could write them (7531907, Rp7.531.907, Rp7,531,907 in English).
# Seven digits: the rows' ids of a long PostgreSQL run reach four (7777 once matched an
# account id in the ledger's API).
PRICE = Decimal(7_531_907)
TERMS = "RAHASIA-XYZ"
SECRETS = (b"7531907", b"7.531.907", b"7,531,907", TERMS.encode())

PAGE_METHODS = ("get", "post")
# Asked again of every page that opens: the spreadsheet export many pages offer.
EXPORT = "?format=xlsx"
# Signing out in the middle would turn the rest of the walk into login redirects.
NOT_WALKED = {"logout"}
# The public pages the tenant walk leaves out (urlwalk.PUBLIC_BY_DESIGN) are walked here
# too: what their parameters point at, by URL name, then namespace.
PUBLIC_PARAMS = {
    ("store:product", "pk"): lambda world: world["product"].pk,
    ("store:bundle", "pk"): lambda world: world["bundle"].pk,
    ("store", "key"): lambda world: world["order"].access_key,
}


class HtmlAsPdf:
    """Stands in for WeasyPrint: the "PDF" carries the HTML it would have laid out,
    so the walk can read what a PDF would show (real PDF text is glyph codes)."""

    def __init__(self, string="", **kwargs):
        self.string = string

    def write_pdf(self, *args, **kwargs):
        return b"%PDF-1.7 " + self.string.encode()


@pytest.fixture(autouse=True)
def readable_pdfs(monkeypatch):
    weasyprint = pytest.importorskip("weasyprint")
    monkeypatch.setattr(weasyprint, "HTML", HtmlAsPdf)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def bidder(coop, make_user):
    return make_user(coop, Role.SUPPLIER)


@pytest.fixture
def world(coop, bidder):
    """One of everything (the URL walk's world); the tender's bidder is `bidder`, whose
    bid now carries the distinctive price and terms."""
    world = build_world(coop, bidder, "Bu Rahasia Sealed")
    with scope(cooperative=coop):
        world["tender_bid"] = tenders.place_bid(
            tender=world["tender"], supplier=world["tender_supplier"], actor=bidder,
            pack_size=Decimal(50), tiers=[[0, PRICE]], payment_terms=TERMS,
            delivery_date=timezone.localdate() + dt.timedelta(days=7))
    return world


def client_for(user) -> Client:
    # A page that fails for reasons of its own is another test's business; here a 500
    # is just one more body to read.
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def walkers(coop, make_user, world):
    """Everyone who must not read the bid: each officer, the rival invited to the same
    tender (session and token), a supplier not invited, a member and a buyer."""
    people = {role: client_for(make_user(coop, role))
              for role in (Role.BOARD, Role.SUPERVISOR, Role.STAFF, Role.MEMBER, Role.BUYER)}
    rival = world["tender_rival"].user
    people["rival supplier"] = client_for(rival)
    people["rival supplier (token)"] = Client(
        HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, rival)[1]}",
        raise_request_exception=False)
    people["anonymous"] = Client(raise_request_exception=False)
    people["supplier not invited"] = client_for(
        supplier_account(coop, "UD Tidak Diundang").user)
    return people


def body_of(response) -> bytes:
    data = (b"".join(response.streaming_content) if response.streaming
            else response.content)
    if data.startswith(b"PK\x03\x04"):  # .xlsx (and any zip): read the sheets inside
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data += b"".join(archive.read(name) for name in archive.namelist())
    return data


def kwargs_for(route: Route, world) -> list[dict]:
    if not set(route.names) & set(PUBLIC_BY_DESIGN):
        return values_for(route, world)
    kwargs = {route.tenant_param: world["coop"].slug}
    for param in route.params:
        if param == route.tenant_param:
            continue
        keys = [(n, param) for n in route.names] + [(n.split(":")[0], param)
                                                    for n in route.names]
        found = next((PUBLIC_PARAMS[k] for k in keys if k in PUBLIC_PARAMS), None)
        if found is None:
            pytest.fail(f"The sealed-bid walk does not know what <{param}> in {route.route} "
                        f"points at: add it to PUBLIC_PARAMS in {__name__}.")
        kwargs[param] = found(world)
    return [kwargs]


def requests_for(world):
    """(method, url, JSON body or None, route) for every page and API operation."""
    for route in all_routes():
        if route.route.startswith(tuple(EXCLUDED_PREFIXES)) or set(route.names) & NOT_WALKED:
            continue
        if route.params and not route.tenant_param:
            pytest.fail(f"The sealed-bid walk does not know how to fill {route.route}")
        combos = kwargs_for(route, world) if route.tenant_param else [{}]
        for kwargs in combos:
            url = route.url(kwargs)
            if route.is_api:
                for method, body, query in api_operations(route):
                    body = None if method == "get" else body  # docs, schema: no body
                    yield method, url + ("?" + urlencode(query) if query else ""), body, route
            else:
                for method in PAGE_METHODS:
                    yield method, url, None, route


def walk(client, world, *, api_only=False) -> tuple[list[str], set[str]]:
    """Every request once; returns the leaks and the names of the routes answered 200."""
    leaks, opened = [], set()
    for method, url, body, route in requests_for(world):
        if api_only and not route.is_api:
            continue
        if route.is_api:
            responses = [(url, api(client, method, url, body))]
        else:
            responses = [(url, getattr(client, method)(url))]
            if method == "get" and responses[0][1].status_code == 200:
                responses.append((url + EXPORT, client.get(url + EXPORT)))
        for asked, response in responses:
            content = body_of(response)
            leaks += [f"{method.upper()} {asked} ({response.status_code}) shows {secret!r}"
                      for secret in SECRETS if secret in content]
        if responses[0][1].status_code == 200:
            opened.update(route.names)
    return leaks, opened


def _bid(world) -> Bid:
    with scopes_disabled():
        return Bid.objects.get(pk=world["tender_bid"].pk)


def test_the_values_are_distinctive_and_the_bidder_sees_them(world, bidder):
    # The control: the walk below would notice the values where they are shown.
    client = client_for(bidder)
    page = client.get(f"/k/{world['coop'].slug}/saya/tender/{world['tender'].pk}/")
    assert page.status_code == 200
    assert TERMS.encode() in page.content and b"Rp7.531.907" in page.content
    bids = api(client, "get", f"/api/v1/cooperatives/{world['coop'].slug}/tenders/"
                              f"{world['tender'].pk}/bids").json()
    assert bids["sealed"] is True
    assert [(b["payment_terms"], b["tiers"]) for b in bids["bids"]] == [
        (TERMS, [["0", "7531907"]])]


# Who walks, and what each must have opened (answered 200) for the walk to count.
MUST_OPEN = {
    "board": {"tenders:detail", "tenders:comparison", "tenders:terms", "api:get_tender",
              "api:list_bids", "core:audit", "core:dashboard"},
    "supervisor": {"tenders:detail", "tenders:comparison", "api:get_tender",
                   "api:list_bids", "core:audit"},
    "staff": {"tenders:detail", "tenders:comparison", "tenders:terms", "api:get_tender",
              "api:list_bids"},
    "rival supplier": {"tenders:my_tenders", "tenders:my_tender", "api:get_tender",
                       "api:list_bids"},
    "rival supplier (token)": {"api:get_tender", "api:list_bids", "api:list_tenders"},
    "supplier not invited": {"tenders:my_tenders"},
    "member": {"core:dashboard"},
    "buyer": {"core:dashboard"},
    "anonymous": {"store:home"},
}


@pytest.mark.parametrize("who", sorted(MUST_OPEN))
def test_no_page_export_or_endpoint_shows_a_sealed_bid(world, walkers, who):
    leaks, opened = walk(walkers[who], world, api_only=who.endswith("(token)"))
    assert leaks == []
    # The walk reached the tender where it matters, so the silence above means something.
    assert MUST_OPEN[who] <= opened
    bid = _bid(world)
    assert (bid.status, bid.payment_terms) == (Bid.Status.VALID, TERMS)
    with scopes_disabled():
        assert Tender.objects.get(pk=world["tender"].pk).is_sealed


def test_after_the_deadline_the_comparison_and_the_api_show_the_bids(world, walkers):
    # The deadline passes by the server's clock.
    with scopes_disabled():
        Tender.objects.filter(pk=world["tender"].pk).update(
            deadline=timezone.now() - dt.timedelta(minutes=1))
    slug, pk = world["coop"].slug, world["tender"].pk
    for who in ("board", "staff", "supervisor"):
        page = walkers[who].get(f"/k/{slug}/tender/{pk}/perbandingan/")
        assert page.status_code == 200
        assert TERMS.encode() in page.content and b"Rp7.531.907" in page.content, who
        listed = api(walkers[who], "get", f"/api/v1/cooperatives/{slug}/tenders/{pk}/bids")
        assert TERMS in [b["payment_terms"] for b in listed.json()["bids"]], who
    # The invited suppliers may read the bids now too.
    listed = api(walkers["rival supplier (token)"], "get",
                 f"/api/v1/cooperatives/{slug}/tenders/{pk}/bids").json()
    assert listed["sealed"] is False
    assert TERMS in [b["payment_terms"] for b in listed["bids"]]
    # Not invited, not an officer: still nothing, deadline or not.
    for who in ("supplier not invited", "member", "buyer"):
        refused = api(walkers[who], "get", f"/api/v1/cooperatives/{slug}/tenders/{pk}/bids")
        assert refused.status_code == 403 and TERMS.encode() not in refused.content, who
        page = walkers[who].get(f"/k/{slug}/tender/{pk}/perbandingan/")
        assert page.status_code in (403, 404) and TERMS.encode() not in page.content, who
