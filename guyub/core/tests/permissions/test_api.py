"""The API: each role gets what guyub.core.roles.PERMISSIONS grants it, by session
and by token; nothing without a login except the public storefront."""

import datetime as dt

import pytest

from guyub.members.views import STATUS_PERMISSION

from ..helpers import api
from .tables import (
    API,
    OK_200,
    PUBLIC_API,
    ROLES,
    STATUS_API,
    allowed,
    api_call,
    expected,
    member_ready_for,
    status_allowed,
    status_of,
)

# --- API ---------------------------------------------------------------------------------


@pytest.mark.parametrize("auth", ["session", "token"])
def test_every_endpoint_answers_each_role_as_the_permission_table_says(
        cast, coop, some_member, auth):
    wrong = {}
    for i, ((method, path), permission) in enumerate(sorted(API.items())):
        ok = 201 if method == "post" and (method, path) not in OK_200 else 200
        for n, role in enumerate(ROLES):
            url, body = api_call(coop, method, path, some_member, n=i * 10 + n)
            response = api(cast[role][auth], method, url, body)
            if response.status_code != expected(role, allowed(permission), ok):
                wrong[f"{method.upper()} {path} as {role}"] = (response.status_code,
                                                               response.content[:120])
            elif response.status_code == 403 and not response.json().get("detail"):
                wrong[f"{method.upper()} {path} as {role}"] = "403 without a detail"
    assert wrong == {}


@pytest.mark.parametrize("to_status", sorted(STATUS_PERMISSION))
def test_the_status_endpoint_follows_the_table_for_each_step(
        cast, coop, numbers_past_the_factories, to_status):
    wrong = {}
    for role in ROLES:
        member = member_ready_for(coop, to_status)
        response = api(cast[role]["token"], "post",
                       f"/api/v1/cooperatives/{coop.slug}/members/{member.pk}/status",
                       {"status": to_status, "date": dt.date.today().isoformat(),
                        "reason": "Uji hak"})
        may = role in status_allowed(to_status)
        status = status_of(member)
        if response.status_code != (200 if may else 403) or (status == to_status) != may:
            wrong[role] = (response.status_code, status, response.content[:200])
    assert wrong == {}


@pytest.mark.parametrize("operation", sorted(set(API) - PUBLIC_API) + [STATUS_API],
                         ids=lambda op: f"{op[0]} {op[1]}")
def test_an_endpoint_is_401_without_a_login_or_token(client, coop, some_member, operation):
    method, path = operation
    url, body = api_call(coop, method, path, some_member)
    if operation == STATUS_API:
        body = {"status": "exited", "date": dt.date.today().isoformat()}
    response = api(client, method, url, body)
    assert response.status_code == 401
    assert response.json()["detail"]


@pytest.mark.parametrize("operation", sorted(PUBLIC_API), ids=lambda op: f"{op[0]} {op[1]}")
def test_a_public_endpoint_answers_without_a_login_or_token(client, coop, some_member,
                                                             operation):
    method, path = operation
    url, body = api_call(coop, method, path, some_member)
    assert api(client, method, url, body).status_code == 200


def test_a_made_up_token_is_401(coop, bearer_client):
    response = bearer_client("gy_tidak-ada-token-seperti-ini").get(
        f"/api/v1/cooperatives/{coop.slug}")
    assert response.status_code == 401
