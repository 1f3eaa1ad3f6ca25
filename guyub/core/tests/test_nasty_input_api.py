"""A hand-made list of nasty strings and numbers over every operation of the API.

Every operation in the OpenAPI schema is called with a valid request (the same bodies
the permission walk uses), then with one value at a time replaced by a nasty one: each
field of the body (nested ones too), each query parameter, each path parameter. No
answer may be a 500, every refusal is JSON with a "detail", and a refused request
leaves no row behind (no half-written data).
"""

import datetime as dt
import json
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from guyub.core.roles import Role

from .helpers import build_world
from .permissions.tables import STATUS_API, api_call
from .urlwalk import openapi_schema

NASTY_STRINGS = [
    "\ud800",                       # a lone UTF-16 surrogate
    "Sri\udfff",
    "a\x00b",                       # NUL: PostgreSQL refuses it in text
    "\u202eRTL\u200f\u200b",        # right-to-left override and mark, zero-width space
    "",
    " ",
    "x" * 5000,
    "NaN",
    "Infinity",
    "-Infinity",
    "-0",
    "1e30",
    "1" + "0" * 30,
    "0000-01-01",
    "2026-02-30",
    "9999-12-31",
    "99999999999999999999",
    "'; DROP TABLE x; --",
]
NASTY_NUMBERS = [10**30, -(10**30), 2**63, -1, 0, float("nan"), float("inf"), -float("inf"),
                 -0.0, 1e-30, 0.5]
NASTY_OTHERS = [None, True, [], {}, ["\ud800"], {"a": "\x00"}]
NASTY = NASTY_STRINGS + NASTY_NUMBERS + NASTY_OTHERS


def _operations() -> list[tuple[str, str]]:
    return sorted((method, path) for path, item in openapi_schema()["paths"].items()
                  for method in item if method in {"get", "post", "patch", "put", "delete"})


def _parameters(method, path, where) -> list[str]:
    operation = openapi_schema()["paths"][path][method]
    return [p["name"] for p in operation.get("parameters", []) if p["in"] == where]


def _has_body(method, path) -> bool:
    return "requestBody" in openapi_schema()["paths"][path][method]


def _leaves(value, path=()):
    """Every place in a JSON value where one nasty value can go: each leaf, and each
    list or object as a whole."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))


def _replaced(value, path, new):
    if not path:
        return new
    copy = json.loads(json.dumps(value, default=str))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return copy


def _row_counts() -> tuple:
    """The number of rows in every table of Guyub's own apps, in one statement."""
    tables = [m._meta.db_table for m in apps.get_models()
              if m.__module__.startswith("guyub.") and not m._meta.proxy]
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(t)})"
                                for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(zip(tables, cursor.fetchone(), strict=True))


@pytest.fixture
def world(coop, make_user):
    """Everything an operation can point at, owned by one user who holds every role (a
    member, the tender's invited supplier, the board...), so the nasty values reach the
    services instead of stopping at a 403."""
    return build_world(coop, make_user(coop, *Role.values), "Ibu Nasty")


@pytest.mark.parametrize("operation", _operations(), ids=lambda op: f"{op[0]} {op[1]}")
def test_nasty_input_never_gives_a_500_nor_half_written_data(coop, world, operation):
    method, path = operation
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world['key']}")
    url, body = api_call(coop, method, path, world["member"])
    if operation == STATUS_API:
        body = {"status": "exited", "date": dt.date.today().isoformat(), "reason": "Uji"}
    if _has_body(method, path):
        assert body is not None, f"teach permissions/tables.py api_call a valid body for {path}"
    failures = []

    def call(label, target, payload=None):
        before = _row_counts()
        if payload is None:
            response = getattr(client, method)(target)
        else:
            response = getattr(client, method)(target, data=payload,
                                               content_type="application/json")
        if response.status_code >= 500:
            failures.append((label, response.status_code))
            return
        if response.status_code >= 400:
            if not response["Content-Type"].startswith("application/json"):
                failures.append((label, response.status_code, "not JSON"))
            elif not response.json().get("detail"):
                failures.append((label, response.status_code, "no detail"))
            changed = [(t, a, b) for (t, a), (_t, b) in zip(before, _row_counts(),
                                                             strict=True) if a != b]
            if changed:
                failures.append((label, response.status_code, "rows written", changed))

    if body is not None:
        for leaf in list(_leaves(body)):
            for nasty in NASTY:
                call(f"body {leaf} = {nasty!r:.40}", url,
                     json.dumps(_replaced(body, leaf, nasty)))
    payload = None if body is None else json.dumps(body)
    for name in _parameters(method, path, "query") + ["date_from"]:
        for nasty in NASTY_STRINGS:
            query = urlencode({name: nasty}, errors="surrogatepass")
            call(f"query {name} = {nasty!r:.40}", f"{url}?{query}", payload)
    for name in _parameters(method, path, "path"):
        for nasty in NASTY_STRINGS:
            if not nasty.strip():
                continue
            target = path.replace("{" + name + "}", quote(nasty, safe="", errors="surrogatepass"))
            target = url_for(target, url, path)
            call(f"path {name} = {nasty!r:.40}", target, payload)
    assert failures == []


def url_for(template_with_one_nasty: str, real_url: str, template: str) -> str:
    """The real URL with one path parameter replaced: the other parameters keep the
    world's values (read off the real URL, segment by segment)."""
    real = real_url.split("/")
    result = []
    for nasty_part, template_part, real_part in zip(
            template_with_one_nasty.split("/"), template.split("/"), real, strict=True):
        result.append(nasty_part if nasty_part != template_part else real_part)
    return "/".join(result)
