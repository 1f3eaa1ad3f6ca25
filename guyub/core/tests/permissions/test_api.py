"""The API: each role gets what guyub.core.roles.PERMISSIONS grants it, by session
and by token; nothing without a login except the public storefront."""

import datetime as dt

import pytest
from django_scopes import scope

from guyub.members.views import STATUS_PERMISSION
from guyub.purchasing.models import PriceList
from guyub.testing.factories import valid_nik
from guyub.testing.purchasing import open_round
from guyub.testing.store import notify_body, order_body, world_order
from guyub.testing.tenders import api_tender, bid_body

from ..helpers import api
from .tables import (
    API,
    OK_200,
    PUBLIC_API,
    ROLES,
    STATUS_API,
    allowed,
    expected,
    member_ready_for,
    status_allowed,
    status_of,
)

# --- API ---------------------------------------------------------------------------------


def _open_round(coop):
    """A round open now on the world's price list (the world's own round is received):
    a fresh one for each call, so closing it by hand succeeds for every role allowed."""
    with scope(cooperative=coop):
        price_list = PriceList.objects.get(item__name="Gula aren cetak")
        round_ = open_round(coop, None, price_list, title="Gula aren bersama (uji hak)")
        return round_, round_.items.get()


def _api_call(coop, method, path, member, n=0):
    round_, round_item = _open_round(coop) if "{round_id}" in path else (None, None)
    url = path.format(slug=coop.slug, member_id=member.pk, order_id=world_order(member).pk,
                      tender_id=api_tender(coop).pk, round_id=getattr(round_, "pk", None),
                      item_id=getattr(round_item, "pk", None))
    today = dt.date.today().isoformat()
    bodies = {
        ("post", "/api/v1/cooperatives/{slug}/members"): {
            "owner_name": "Yohanes Baru", "nik": valid_nik(7000 + n), "business_name": "Kopi Y",
            "province": "34", "regency": "Sleman", "sector": "kopi"},
        ("patch", "/api/v1/cooperatives/{slug}/members/{member_id}"): {"phone": "081234567890"},
        ("patch", "/api/v1/cooperatives/{slug}"): {"regency": "Bantul"},
        ("post", "/api/v1/cooperatives/{slug}/members/{member_id}/simpanan"): {
            "action": "wajib", "date": today, "months": 1},
        ("post", "/api/v1/cooperatives/{slug}/orders"): order_body(member),
        ("post", "/api/v1/cooperatives/{slug}/tenders/{tender_id}/bids"): bid_body(),
        ("post", "/api/v1/cooperatives/{slug}/rounds/{round_id}/items/{item_id}/commitment"):
            {"quantity": "30", "tolerance": "5"},
    }
    if (method, path) == ("post", "/api/v1/cooperatives/{slug}/payments/notify"):
        return url, notify_body(member, n)
    return url, bodies.get((method, path))


@pytest.mark.parametrize("auth", ["session", "token"])
def test_every_endpoint_answers_each_role_as_the_permission_table_says(
        cast, coop, some_member, auth):
    wrong = {}
    for i, ((method, path), permission) in enumerate(sorted(API.items())):
        ok = 201 if method == "post" and (method, path) not in OK_200 else 200
        for n, role in enumerate(ROLES):
            url, body = _api_call(coop, method, path, some_member, n=i * 10 + n)
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
    url, body = _api_call(coop, method, path, some_member)
    if operation == STATUS_API:
        body = {"status": "exited", "date": dt.date.today().isoformat()}
    response = api(client, method, url, body)
    assert response.status_code == 401
    assert response.json()["detail"]


@pytest.mark.parametrize("operation", sorted(PUBLIC_API), ids=lambda op: f"{op[0]} {op[1]}")
def test_a_public_endpoint_answers_without_a_login_or_token(client, coop, some_member,
                                                             operation):
    method, path = operation
    url, body = _api_call(coop, method, path, some_member)
    assert api(client, method, url, body).status_code == 200


def test_a_made_up_token_is_401(coop, bearer_client):
    response = bearer_client("gy_tidak-ada-token-seperti-ini").get(
        f"/api/v1/cooperatives/{coop.slug}")
    assert response.status_code == 401
