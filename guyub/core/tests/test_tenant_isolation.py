"""A user of one cooperative never reaches another's data, on any page or endpoint.

The walk (urlwalk.py) visits every URL pattern the project has, so a page or endpoint
added tomorrow is covered without anyone remembering to add it here. A pattern that
takes a parameter the walk does not understand makes it fail loudly instead of
skipping it, and a walk that finds too few patterns fails too.
"""

from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.test import Client
from django_scopes import ScopeError, scope, scopes_disabled

from guyub.catalog.models import Bundle, Category, Certificate, Channel, Product, ProductPhoto
from guyub.core.jobs.models import JobRun
from guyub.core.models import ApiToken, AuditLog, Cooperative, CoopRole
from guyub.ledger.models import Account, JournalEntry
from guyub.members.models import Member, SimpananTransaction
from guyub.notifications.models import Notice
from guyub.testing.factories import MemberFactory, valid_nik

from .helpers import api, issue_token
from .urlwalk import (
    EXCLUDED_PREFIXES,
    PUBLIC_BY_DESIGN,
    Route,
    all_routes,
    is_excluded,
    openapi_schema,
    tenant_routes,
    values_for,
)

# Walks that find fewer than this have lost patterns on the way (a broken walk passes
# nothing). Raise the numbers when pages are added; never lower them to make it pass.
MIN_TENANT_PAGES = 228  # members, ledger, catalog, sales, purchasing, tenders, reports,
# contracts, resources, support
MIN_TENANT_API_OPERATIONS = 32

PAGE_METHODS = ("get", "post")
API_METHODS = ("get", "post", "put", "patch", "delete")


# --- the API: which methods a path has and a body its schema accepts ----------------

SAMPLE_FIELDS = {"status": "active", "nik": valid_nik(4242), "province": "34",
                 "sector": "kopi", "date": "2025-02-03"}


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return _resolve(option, components)
    return schema


def _sample(name: str, schema: dict, components: dict):
    if name in SAMPLE_FIELDS:
        return SAMPLE_FIELDS[name]
    schema = _resolve(schema, components)
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {k: _sample(k, v, components) for k, v in schema.get("properties", {}).items()
                if k in schema.get("required", [])}
    if kind == "string":
        return {"date": "2025-02-03", "date-time": "2025-02-03T10:00:00+07:00"}.get(
            schema.get("format"), "Contoh")
    return {"integer": 1, "number": 1, "boolean": True, "array": []}.get(kind, "Contoh")


def api_operations(route: Route) -> list[tuple[str, dict | None, dict]]:
    """(method, JSON body or None, query) for each operation the schema lists."""
    schema = openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    item = schema["paths"].get(route.openapi_path)
    if item is None:  # left out of the schema: still walked, with every method
        return [(m, {}, {}) for m in API_METHODS]
    operations = []
    for method in API_METHODS:
        op = item.get(method)
        if op is None:
            continue
        body = None
        if "requestBody" in op:
            body_schema = op["requestBody"]["content"]["application/json"]["schema"]
            body = _sample("", body_schema, components)
        query = {p["name"]: _sample(p["name"], p["schema"], components)
                 for p in op.get("parameters", []) if p["in"] == "query" and p.get("required")}
        operations.append((method, body, query))
    return operations


# --- fixtures -------------------------------------------------------------------------


@pytest.fixture
def intruder(all_roles_user):
    client = Client()
    client.force_login(all_roles_user)
    return client


def _snapshot(world):
    with scopes_disabled():
        return {
            "coop": Cooperative.objects.filter(pk=world["coop"].pk).values().get(),
            "members": sorted(Member.objects.filter(cooperative=world["coop"]).values_list(
                "id", "status", "owner_name", "updated_at")),
            "tokens": sorted(ApiToken.objects.filter(cooperative=world["coop"]).values_list(
                "id", "revoked_at")),
            "audit": AuditLog.objects.filter(cooperative=world["coop"]).count(),
            "simpanan": SimpananTransaction.objects.filter(cooperative=world["coop"]).count(),
            "accounts": Account.objects.filter(cooperative=world["coop"]).count(),
            "entries": JournalEntry.objects.filter(cooperative=world["coop"]).count(),
            "products": sorted(Product.objects.filter(cooperative=world["coop"]).values_list(
                "id", "status", "name", "updated_at")),
            "catalog": [model.objects.filter(cooperative=world["coop"]).count()
                        for model in (ProductPhoto, Certificate, Category, Channel, Bundle)],
        }


# --- the walk ---------------------------------------------------------------------------


def test_the_walk_finds_the_pages_and_endpoints_it_should():
    routes = tenant_routes()
    pages = [r for r in routes if not r.is_api]
    operations = [op for r in routes if r.is_api for op in api_operations(r)]
    assert len(pages) >= MIN_TENANT_PAGES, [r.route for r in pages]
    assert len(operations) >= MIN_TENANT_API_OPERATIONS
    walked = {n for r in routes for n in r.names}
    # Spot checks that the walk reaches into both includes and into the API.
    assert {"core:settings", "core:revoke_token", "members:status",
            "api:update_cooperative", "api:change_member_status"} <= walked


def test_every_route_with_parameters_is_either_walked_or_excluded_on_purpose():
    # A new page keyed by something other than the cooperative (say /p/<slug:product>/)
    # must be classified here deliberately, not slip past the isolation walk.
    unclassified = [r.route for r in all_routes()
                    if r.params and not r.tenant_param and not is_excluded(r)]
    assert unclassified == []


def test_the_exclusion_list_names_patterns_that_exist():
    names = {n for r in all_routes() for n in r.names}
    assert set(PUBLIC_BY_DESIGN) <= names
    for prefix in EXCLUDED_PREFIXES:
        assert any(r.route.startswith(prefix) for r in all_routes())


def test_no_page_of_another_cooperative_opens_for_a_user_holding_every_role(
        intruder, other_world, own_world):
    before = _snapshot(other_world)
    checked = 0
    for route in tenant_routes():
        if route.is_api:
            continue
        for kwargs, own_kwargs in zip(values_for(route, other_world),
                                      values_for(route, own_world), strict=True):
            answered = []
            for method in PAGE_METHODS:
                response = getattr(intruder, method)(route.url(kwargs))
                # 405 is decided before the cooperative is even looked at: it says nothing.
                assert response.status_code in (404, 405), (
                    f"{method.upper()} {route.url(kwargs)} gave {response.status_code}")
                if response.status_code == 404:
                    answered.append(method)
            assert answered, f"{route.route} answered no method with 404"
            checked += len(answered)
            # The same URL for the user's own cooperative exists: the 404s above are the
            # tenant check, not a typo in the walk.
            own = getattr(intruder, answered[0])(route.url(own_kwargs))
            assert own.status_code != 404, f"{answered[0].upper()} {route.url(own_kwargs)}"
    assert checked >= MIN_TENANT_PAGES
    assert _snapshot(other_world) == before


@pytest.mark.parametrize("auth", ["session", "token"])
def test_no_api_endpoint_of_another_cooperative_answers(
        auth, all_roles_user, other_world, own_world, bearer_client):
    if auth == "session":
        client = Client()
        client.force_login(all_roles_user)
    else:
        client = bearer_client(own_world["key"])
    before = _snapshot(other_world)
    checked = 0
    for route in tenant_routes():
        if not route.is_api:
            continue
        for method, body, query in api_operations(route):
            for kwargs, own_kwargs in zip(values_for(route, other_world),
                                          values_for(route, own_world), strict=True):
                query_string = "?" + urlencode(query) if query else ""
                url = route.url(kwargs) + query_string
                response = api(client, method, url, body)
                assert response.status_code in (404, 405), (
                    f"{auth}: {method.upper()} {url} gave {response.status_code} "
                    f"{response.content[:200]!r}")
                if response.status_code == 405:
                    continue
                assert "detail" in response.json()
                checked += 1
                own_url = route.url(own_kwargs) + query_string
                own = api(client, method, own_url, body)
                assert own.status_code != 404, f"{auth}: {method.upper()} {own_url}"
    assert checked >= MIN_TENANT_API_OPERATIONS
    assert _snapshot(other_world) == before


def test_a_token_reaches_only_its_own_cooperative_even_when_its_user_belongs_to_both(
        coop, other_coop, make_user, bearer_client):
    user = make_user(coop, "board")
    CoopRole.objects.create(user=user, cooperative=other_coop, role="board")  # board of B too
    _token, key = issue_token(coop, user)
    client = bearer_client(key)
    assert api(client, "get", f"/api/v1/cooperatives/{coop.slug}").status_code == 200
    assert api(client, "get", f"/api/v1/cooperatives/{other_coop.slug}").status_code == 404
    listed = api(client, "get", "/api/v1/cooperatives").json()
    assert [c["slug"] for c in listed] == [coop.slug]


def test_the_cooperative_list_shows_only_the_users_own(client, all_roles_user, other_world):
    client.force_login(all_roles_user)
    listed = api(client, "get", "/api/v1/cooperatives").json()
    assert [c["slug"] for c in listed] == ["maju"]


# --- the public pages, excluded from the walk -------------------------------------------


@pytest.mark.parametrize("logged_in", [True, False])
def test_the_public_application_form_shows_the_cooperative_in_the_address_only(
        client, logged_in, coop, all_roles_user, own_world, other_world):
    if logged_in:
        client.force_login(all_roles_user)
    slug = other_world["coop"].slug
    for url in (f"/k/{slug}/daftar/", f"/k/{slug}/daftar/terkirim/"):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert other_world["coop"].name in page
        assert coop.name not in page
        assert "Pak Slamet Maju" not in page          # A's member
        assert "Bu Warsini Lain" not in page          # nor B's: a form, not a register
        assert "nav_items" not in response.context or not response.context["nav_items"]


def test_the_public_form_of_an_unknown_cooperative_is_404(client, db):
    assert client.get("/k/tidak-ada/daftar/").status_code == 404


# --- scoping is enforced by the data layer itself ----------------------------------------


SCOPED_MODELS = [m for m in apps.get_models()
                 if hasattr(m._default_manager, "with_scopes_disabled")]


def test_the_core_tables_are_scoped():
    assert {Member, AuditLog, ApiToken} <= set(SCOPED_MODELS)


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m._meta.label)
def test_a_query_on_a_scoped_model_outside_any_scope_raises(model, db):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(pk=1).exists()


def test_inside_a_scope_another_cooperatives_rows_do_not_exist(coop, other_world):
    with scope(cooperative=coop):
        assert not Member.objects.filter(pk=other_world["member"].pk).exists()
        assert not ApiToken.objects.filter(pk=other_world["token"].pk).exists()
        assert not AuditLog.objects.filter(cooperative=other_world["coop"]).exists()
    with scope(cooperative=other_world["coop"]):
        assert Member.objects.filter(pk=other_world["member"].pk).exists()


# Tables that carry the tenant key but are read before any scope exists.
UNSCOPED_ON_PURPOSE = {
    CoopRole: "access is resolved from it: which cooperatives a user may enter at all",
    # What a run did in each cooperative is in its lines, which are scoped.
    JobRun: "a scheduled run covers every cooperative (no tenant); the worker writes it "
            "before any scope exists",
    Notice: "a user's own notice, listed across all their cooperatives in their inbox; "
            "every read filters by the user (notifications/tests/test_inbox.py)",
}


def test_every_model_that_belongs_to_a_cooperative_has_a_scoped_manager():
    unscoped = []
    for model in apps.get_models():
        if not model.__module__.startswith("guyub."):
            continue
        has_tenant_key = any(getattr(f, "related_model", None) is Cooperative
                             and f.many_to_one for f in model._meta.get_fields())
        scoped = hasattr(model._default_manager, "with_scopes_disabled")
        if has_tenant_key and not scoped and model not in UNSCOPED_ON_PURPOSE:
            unscoped.append(model._meta.label)
    assert unscoped == []


def test_a_member_factory_row_needs_a_scope_to_be_found(coop):
    member = MemberFactory(cooperative=coop)
    with pytest.raises(ScopeError):
        Member.objects.get(pk=member.pk)
    with scope(cooperative=coop):
        assert Member.objects.get(pk=member.pk) == member
