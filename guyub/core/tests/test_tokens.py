"""API tokens: issued by the board, shown once, stored as a hash, revocable."""

import hashlib

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from guyub.core import services
from guyub.core.errors import DomainError
from guyub.core.models import ApiToken, AuditLog, CoopRole
from guyub.core.roles import Role

from .helpers import api, issue_token


def tokens_url(coop):
    return f"/k/{coop.slug}/token-api/"


def revoke_url(coop, token):
    return f"/k/{coop.slug}/token-api/{token.pk}/cabut/"


@pytest.fixture
def staff(coop, make_user):
    return make_user(coop, Role.STAFF)


def all_tokens():
    with scopes_disabled():
        return list(ApiToken.objects.all())


def audit(coop, action):
    with scopes_disabled():
        return list(AuditLog.objects.filter(cooperative=coop, action=action))


def test_the_board_issues_a_token_and_sees_the_key_once(board_client, coop, staff):
    response = board_client.post(tokens_url(coop), {"name": "Aplikasi kasir", "user": staff.pk})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key.startswith("gy_") and len(key) > 40
    assert key in response.content.decode()
    assert "tidak akan ditampilkan lagi" in response.content.decode()

    again = board_client.get(tokens_url(coop))
    assert key not in again.content.decode()
    assert "Aplikasi kasir" in again.content.decode()


def test_only_the_sha256_of_the_key_is_stored(board_client, coop, staff):
    response = board_client.post(tokens_url(coop), {"name": "Aplikasi kasir", "user": staff.pk})
    key = response.context["new_key"]
    [token] = all_tokens()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.with_scopes_disabled()
              .filter(pk=token.pk).values().get().values()]
    assert not any(key in value for value in stored)
    assert len(token.key_hint) < len(key) // 4  # a hint to recognise it, not the key


def test_issuing_is_audited_with_who_for_whom(board_client, board, coop, staff):
    board_client.post(tokens_url(coop), {"name": "Aplikasi kasir", "user": staff.pk})
    [entry] = audit(coop, "token.issued")
    assert entry.actor == board
    assert entry.data["user"] == staff.username
    assert entry.object_id == str(all_tokens()[0].pk)


def test_a_token_acts_with_its_users_roles(coop, staff, bearer_client):
    _token, key = issue_token(coop, staff)
    client = bearer_client(key)
    assert api(client, "get", f"/api/v1/cooperatives/{coop.slug}/members").status_code == 200
    # Staff may not change the cooperative's settings, and neither may their token.
    response = api(client, "patch", f"/api/v1/cooperatives/{coop.slug}", {"regency": "Bantul"})
    assert response.status_code == 403


def test_a_board_token_may_do_what_the_board_may(coop, board, bearer_client):
    _token, key = issue_token(coop, board)
    response = api(bearer_client(key), "patch", f"/api/v1/cooperatives/{coop.slug}",
                   {"regency": "Bantul"})
    assert response.status_code == 200
    [entry] = audit(coop, "cooperative.updated")
    assert entry.actor == board  # the token's user, not an anonymous caller


def test_using_a_token_records_when_it_was_last_used(coop, staff, bearer_client):
    token, key = issue_token(coop, staff)
    assert token.last_used_at is None
    bearer_client(key).get(f"/api/v1/cooperatives/{coop.slug}")
    with scopes_disabled():
        token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_is_401(board_client, board, coop, staff, bearer_client):
    token, key = issue_token(coop, staff)
    client = bearer_client(key)
    assert client.get(f"/api/v1/cooperatives/{coop.slug}").status_code == 200

    response = board_client.post(revoke_url(coop, token))
    assert response.status_code == 302
    assert response["Location"] == tokens_url(coop)
    with scopes_disabled():
        token.refresh_from_db()
    assert token.revoked_at is not None

    response = client.get(f"/api/v1/cooperatives/{coop.slug}")
    assert response.status_code == 401
    assert response.json()["detail"]
    [entry] = audit(coop, "token.revoked")
    assert entry.actor == board


def test_revoking_twice_is_recorded_once(board_client, coop, staff):
    token, _key = issue_token(coop, staff)
    board_client.post(revoke_url(coop, token))
    board_client.post(revoke_url(coop, token))
    assert len(audit(coop, "token.revoked")) == 1


def test_revoking_needs_a_post(board_client, coop, staff):
    token, _key = issue_token(coop, staff)
    assert board_client.get(revoke_url(coop, token)).status_code == 405
    with scopes_disabled():
        token.refresh_from_db()
    assert token.is_active


def test_a_token_of_a_deactivated_user_is_401(coop, staff, bearer_client):
    _token, key = issue_token(coop, staff)
    staff.is_active = False
    staff.save()
    assert bearer_client(key).get(f"/api/v1/cooperatives/{coop.slug}").status_code == 401


def test_a_token_stops_opening_the_cooperative_when_its_user_loses_every_role(
        coop, staff, bearer_client):
    _token, key = issue_token(coop, staff)
    CoopRole.objects.filter(user=staff).delete()
    assert bearer_client(key).get(f"/api/v1/cooperatives/{coop.slug}").status_code == 404


def test_no_token_for_a_user_without_a_role_in_this_cooperative(
        board_client, coop, other_coop, make_user):
    outsider = make_user(other_coop, Role.BOARD)
    response = board_client.post(tokens_url(coop), {"name": "Titipan", "user": outsider.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["user"]
    assert response.context["new_key"] is None
    assert all_tokens() == []


def test_the_service_itself_refuses_a_user_without_a_role(coop, board, other_coop, make_user):
    outsider = make_user(other_coop, Role.BOARD)
    with scope(cooperative=coop), pytest.raises(DomainError) as refused:
        services.issue_token(cooperative=coop, actor=board, user=outsider, name="Titipan")
    assert refused.value.field == "user"
    assert all_tokens() == []
    assert audit(coop, "token.issued") == []


def test_the_user_list_offers_only_people_of_this_cooperative(
        board_client, board, coop, staff, other_coop, make_user):
    outsider = make_user(other_coop, Role.BOARD)
    form = board_client.get(tokens_url(coop)).context["form"]
    choices = {user.pk for user in form.fields["user"].queryset}
    assert choices == {board.pk, staff.pk}
    assert outsider.pk not in choices


def test_the_token_list_shows_only_this_cooperatives_tokens(
        board_client, coop, other_coop, make_user):
    issue_token(other_coop, make_user(other_coop, Role.BOARD), name="Token rahasia lain")
    page = board_client.get(tokens_url(coop)).content.decode()
    assert "Token rahasia lain" not in page


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.BOARD])
def test_only_the_board_manages_tokens(client, coop, make_user, board, role):
    token, _key = issue_token(coop, board)
    client.force_login(make_user(coop, role))
    assert client.get(tokens_url(coop)).status_code == 403
    assert client.post(tokens_url(coop), {"name": "x", "user": board.pk}).status_code == 403
    assert client.post(revoke_url(coop, token)).status_code == 403
    assert [t.pk for t in all_tokens()] == [token.pk]
    assert all_tokens()[0].is_active


def test_a_token_is_not_a_session(coop, staff):
    # The key authenticates API calls only; pages still need a login.
    _token, key = issue_token(coop, staff)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(f"/k/{coop.slug}/")
    assert response.status_code == 302


def test_a_token_needs_no_csrf_token_but_a_browser_session_does(coop, board):
    # A token is sent on purpose by a program; a session cookie is sent by the browser
    # on any site's behalf, so writes through it must carry the CSRF token.
    _token, key = issue_token(coop, board)
    url = f"/api/v1/cooperatives/{coop.slug}"
    by_token = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api(by_token, "patch", url, {"regency": "Bantul"}).status_code == 200

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(board)
    assert api(browser, "patch", url, {"regency": "Gunungkidul"}).status_code == 403
    assert api(browser, "get", url).json()["regency"] == "Bantul"
