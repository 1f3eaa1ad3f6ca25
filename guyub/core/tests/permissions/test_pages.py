"""Pages: each role sees what guyub.core.roles.PERMISSIONS grants it, and nothing more.

The expectations come from the table itself, so a change of a right is a change of
one line there; the tables below only say which right each page and endpoint asks
for, and the tests fail when a page or endpoint is missing from them.
"""

import datetime as dt

import pytest

from guyub.core.models import Cooperative
from guyub.core.roles import PERMISSIONS, Role
from guyub.members.models import Member
from guyub.members.views import STATUS_PERMISSION
from guyub.testing.factories import MemberFactory

from ..helpers import api, issue_token, settings_form_data
from ..urlwalk import openapi_schema, tenant_routes
from .tables import (
    API,
    OWN_RECORD_PAGES,
    PAGES,
    ROLES,
    STATUS_API,
    allowed,
    expected,
    member_ready_for,
    status_allowed,
    status_of,
)

# --- the tables cover everything -------------------------------------------------------


def test_every_cooperative_page_has_its_right_listed_here():
    pages = {n for r in tenant_routes() if not r.is_api for n in r.names}
    assert pages == set(PAGES) | {"members:status"}


def test_every_api_operation_has_its_right_listed_here():
    operations = {(method, path) for path, item in openapi_schema()["paths"].items()
                  for method in item if method in {"get", "post", "put", "patch", "delete"}}
    assert operations == set(API) | {STATUS_API}


def test_the_permission_table_only_names_real_roles():
    for permission, roles in PERMISSIONS.items():
        assert roles and roles <= set(ROLES), permission


# --- pages ---------------------------------------------------------------------------------


def test_every_page_answers_each_role_as_the_permission_table_says(cast, page_url):
    # One pass over all pages and roles; every mismatch is listed, not just the first.
    wrong = {}
    for name, (method, permission) in sorted(PAGES.items()):
        ok = 302 if method == "post" else 200
        for role in ROLES:
            response = getattr(cast[role]["session"], method)(page_url(name))
            want = expected(role, allowed(permission), ok, OWN_RECORD_PAGES.get(name))
            if response.status_code != want:
                wrong[f"{name} as {role}"] = response.status_code
    assert wrong == {}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_sends_an_anonymous_visitor_to_the_login(client, page_url, name):
    method, _permission = PAGES[name]
    url = page_url(name)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/?next=")


@pytest.mark.parametrize("to_status", sorted(STATUS_PERMISSION))
def test_a_lifecycle_step_is_taken_only_by_the_roles_the_table_allows(
        cast, coop, numbers_past_the_factories, to_status):
    wrong = {}
    for role in ROLES:
        member = member_ready_for(coop, to_status)
        response = cast[role]["session"].post(
            f"/k/{coop.slug}/anggota/{member.pk}/status/{to_status}/",
            {"date": dt.date.today().isoformat(), "reason": "Uji hak"})
        may = role in status_allowed(to_status)
        status = status_of(member)
        if response.status_code != (302 if may else 403) or (status == to_status) != may:
            wrong[role] = (response.status_code, status)
    assert wrong == {}


def test_an_anonymous_visitor_cannot_take_a_lifecycle_step(client, coop, some_member):
    response = client.post(f"/k/{coop.slug}/anggota/{some_member.pk}/status/exited/",
                           {"date": dt.date.today().isoformat()})
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")
    assert status_of(some_member) == Member.Status.ACTIVE


# --- facts a user would notice -------------------------------------------------------------


def test_a_buyer_cannot_see_the_member_list(client, coop, role_user, some_member):
    client.force_login(role_user(Role.BUYER))
    response = client.get(f"/k/{coop.slug}/anggota/")
    assert response.status_code == 403
    assert b"Ibu Sumarni" not in response.content
    assert api(client, "get", f"/api/v1/cooperatives/{coop.slug}/members").status_code == 403
    # Nor is it offered in the navigation of the pages the buyer may open.
    dashboard = client.get(f"/k/{coop.slug}/")
    assert dashboard.status_code == 200
    assert f'href="/k/{coop.slug}/anggota/"'.encode() not in dashboard.content


def test_a_supervisor_reads_the_audit_log_but_cannot_change_settings(client, coop, role_user):
    client.force_login(role_user(Role.SUPERVISOR))
    assert client.get(f"/k/{coop.slug}/audit/").status_code == 200
    assert client.get(f"/k/{coop.slug}/pengaturan/").status_code == 403
    response = client.post(f"/k/{coop.slug}/pengaturan/",
                           settings_form_data(coop, name="Koperasi Diambil Alih"))
    assert response.status_code == 403
    patch = api(client, "patch", f"/api/v1/cooperatives/{coop.slug}",
                {"name": "Koperasi Diambil Alih"})
    assert patch.status_code == 403
    assert Cooperative.objects.get(pk=coop.pk).name == "Koperasi Produsen Maju Bersama"


def test_staff_cannot_approve_an_application(client, coop, role_user, bearer_client):
    applicant = MemberFactory(cooperative=coop, status=Member.Status.APPLICANT, number=None)
    staff = role_user(Role.STAFF)
    client.force_login(staff)
    assert client.get(f"/k/{coop.slug}/permohonan/").status_code == 403
    response = client.post(f"/k/{coop.slug}/anggota/{applicant.pk}/status/active/",
                           {"date": dt.date.today().isoformat()})
    assert response.status_code == 403
    token_client = bearer_client(issue_token(coop, staff)[1])
    response = api(token_client, "post",
                   f"/api/v1/cooperatives/{coop.slug}/members/{applicant.pk}/status",
                   {"status": "active", "date": dt.date.today().isoformat()})
    assert response.status_code == 403
    assert status_of(applicant) == Member.Status.APPLICANT


def test_a_user_with_roles_elsewhere_only_gets_404_here(client, coop, other_coop, make_user):
    client.force_login(make_user(other_coop, *ROLES))
    assert client.get(f"/k/{coop.slug}/").status_code == 404
