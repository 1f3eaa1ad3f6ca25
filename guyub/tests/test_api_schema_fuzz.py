"""Schemathesis against /api/v1/openapi.json: generated requests never cause a server error.

Path parameters are pointed at a real cooperative and member so the generated bodies
reach validation and the services instead of stopping at a 404.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from guyub.core import services as core_services
from guyub.core.roles import Role
from guyub.testing.factories import CooperativeFactory, CoopRoleFactory, MemberFactory
from guyub.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def refusals_are_json_with_a_detail(ctx, response, case):
    """Every refusal is the documented {"detail", "errors"} JSON, never an HTML page."""
    if 400 <= response.status_code < 500:
        body = response.json()
        assert isinstance(body, dict) and isinstance(body.get("detail"), str), body
        assert body["detail"], body


@pytest.fixture(autouse=True)
def keep_test_connection():
    # Called straight through WSGI, each request would end by closing "old" database
    # connections, which on PostgreSQL closes the test's own transaction; Django's
    # test client avoids this the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def board_token(db):
    coop = CooperativeFactory(slug="fuzz")
    role = CoopRoleFactory(cooperative=coop, role=Role.BOARD)
    for extra in (Role.MEMBER, Role.STAFF):
        CoopRoleFactory(cooperative=coop, user=role.user, role=extra)
    member = MemberFactory(cooperative=coop, user=role.user, number=None,
                           status="applicant")
    MemberFactory(cooperative=coop)
    with scopes_disabled():
        _token, key = core_services.issue_token(cooperative=coop, actor=role.user,
                                                user=role.user, name="fuzz")
    return {"key": key, "slug": coop.slug, "member_id": member.pk}


@schema.parametrize()
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@pytest.mark.django_db
def test_api_never_answers_with_a_server_error(case, board_token):
    if case.path_parameters:
        if "slug" in case.path_parameters:
            case.path_parameters["slug"] = board_token["slug"]
        if "member_id" in case.path_parameters:
            case.path_parameters["member_id"] = board_token["member_id"]
    response = case.call(headers={"Authorization": f"Bearer {board_token['key']}"})
    case.validate_response(response, checks=[not_a_server_error,
                                             refusals_are_json_with_a_detail])
