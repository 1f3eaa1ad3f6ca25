"""The API answers bad input with a 4xx JSON body a client can act on, never a 500."""

import re

import pytest

from guyub.testing.factories import MemberFactory

from .helpers import api

COOP = "/api/v1/cooperatives/maju"


@pytest.fixture
def member(coop):
    return MemberFactory(cooperative=coop)


def assert_field_error(response, field, status=422):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"]
    assert body["errors"][field], body
    assert all(isinstance(m, str) and m for m in body["errors"][field])
    return body


@pytest.mark.parametrize(("payload", "field"), [
    ({"shu_reserve_pct": "empat puluh"}, "shu_reserve_pct"),
    ({"shu_reserve_pct": "NaN"}, "shu_reserve_pct"),
    ({"fiscal_year_start_month": "januari"}, "fiscal_year_start_month"),
    ({"fiscal_year_start_month": 13}, "fiscal_year_start_month"),
    ({"founded_on": "2024-13-45"}, "founded_on"),
    ({"rat_quorum": [0.5]}, "rat_quorum"),
    ({"simpanan_pokok_amount": "1e30"}, "simpanan_pokok_amount"),
    ({"province": "99"}, "province"),
    ({"coop_type": "bank"}, "coop_type"),
    ({"name": None}, "name"),
    ({"name": 12}, "name"),
])
def test_a_wrong_value_for_the_cooperative_is_422_with_the_field_named(
        board_client, payload, field):
    assert_field_error(api(board_client, "patch", COOP, payload), field)


def test_missing_fields_are_each_named(board_client):
    body = assert_field_error(api(board_client, "post", f"{COOP}/members", {}), "owner_name")
    assert {"owner_name", "nik", "business_name", "province", "regency", "sector"} <= set(
        body["errors"])


def test_a_member_with_an_invalid_nik_is_422(board_client):
    response = api(board_client, "post", f"{COOP}/members", {
        "owner_name": "Sri", "nik": "1234", "business_name": "Batik Sri", "province": "34",
        "regency": "Sleman", "sector": "batik"})
    assert_field_error(response, "nik")


def test_a_negative_number_of_workers_is_422(board_client, member):
    assert_field_error(api(board_client, "patch", f"{COOP}/members/{member.pk}",
                           {"workers": -1}), "workers")


def test_an_unknown_status_is_422(board_client, member):
    response = api(board_client, "post", f"{COOP}/members/{member.pk}/status",
                   {"status": "pensiun", "date": "2025-01-01"})
    assert_field_error(response, "status")


def test_a_status_change_without_a_date_is_422(board_client, member):
    response = api(board_client, "post", f"{COOP}/members/{member.pk}/status",
                   {"status": "exited"})
    assert_field_error(response, "date")


def test_a_member_id_that_is_not_a_number_is_422_named_plainly(board_client):
    assert_field_error(api(board_client, "get", f"{COOP}/members/abc"), "member_id")


def test_bad_paging_is_422(board_client):
    response = api(board_client, "get", f"{COOP}/members?page=0&page_size=banyak")
    body = assert_field_error(response, "page")
    assert body["errors"]["page_size"]


def test_an_unknown_filter_value_is_422(board_client):
    assert_field_error(api(board_client, "get", f"{COOP}/members?status=pensiun"), "status")


def test_a_body_that_is_not_json_is_400(board_client):
    response = board_client.post(f"{COOP}/members", data="{bukan json",
                                 content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_body_that_is_a_list_is_422(board_client):
    response = board_client.post(f"{COOP}/members", data="[1, 2]",
                                 content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"]


def test_a_member_that_does_not_exist_is_404_json(board_client):
    response = api(board_client, "get", f"{COOP}/members/999999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Tidak ditemukan."}


def test_a_rule_of_the_lifecycle_is_a_4xx_with_the_reason(board_client, member):
    # An active member cannot be "approved" again.
    response = api(board_client, "post", f"{COOP}/members/{member.pk}/status",
                   {"status": "active", "date": "2025-01-01"})
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


# --- the schema and its documentation ------------------------------------------------------


def test_the_openapi_schema_is_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Guyub API"
    assert "/api/v1/cooperatives/{slug}/members" in schema["paths"]
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_the_documented_error_shape_has_detail_and_errors(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    error_out = schema["components"]["schemas"]["ErrorOut"]
    assert {"detail", "errors"} <= set(error_out["properties"])


def test_the_api_docs_open_and_load_nothing_from_a_cdn(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/api/v1/openapi.json" in page
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets
    assert not [a for a in assets if a.startswith(("http:", "https:", "//"))]
    for asset in assets:
        if asset.endswith((".js", ".css")):
            assert client.get(asset).status_code == 200, asset
