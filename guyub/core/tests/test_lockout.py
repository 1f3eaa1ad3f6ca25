"""Password and token guessing is locked out (django-axes), per account and per address,
with the time to wait in the user's language."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from guyub.core.roles import Role

from .helpers import api, issue_token

PASSWORD = "rahasia-uji-123"
LIMIT = 5


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
    settings.TRUSTED_PROXY_COUNT = 0


def log_in(username, password, address="10.0.0.1", **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return client, response


def logged_in(client):
    return "_auth_user_id" in client.session


def test_an_account_is_locked_after_repeated_wrong_passwords_even_with_the_right_one(board):
    for attempt in range(LIMIT - 1):
        client, response = log_in(board.username, f"salah-{attempt}")
        assert response.status_code == 200  # the form again, with its error
    # The last allowed failure, typed with other capitals: the same account.
    client, response = log_in(board.username.upper(), "salah-lagi")
    assert response.status_code == 429

    client, response = log_in(board.username, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    html = response.content.decode()
    assert "Terlalu banyak percobaan yang gagal. Coba lagi 15 menit lagi." in html
    assert response["Retry-After"] == str(15 * 60)

    # Per account: another address does not help.
    client, response = log_in(board.username, PASSWORD, address="10.9.9.9")
    assert response.status_code == 429 and not logged_in(client)


def test_an_address_is_locked_after_failures_across_accounts(coop, make_user):
    victims = [make_user(coop, Role.MEMBER) for _ in range(LIMIT)]
    for user in victims:
        log_in(user.username, "salah", address="10.0.0.7")
    someone = make_user(coop, Role.MEMBER)
    client, response = log_in(someone.username, PASSWORD, address="10.0.0.7")
    assert response.status_code == 429 and not logged_in(client)
    # The same account from another address logs in: only that address was locked.
    client, response = log_in(someone.username, PASSWORD, address="10.0.0.8")
    assert response.status_code == 302 and logged_in(client)


def test_the_lockout_ends_after_its_time(board):
    for _ in range(LIMIT):
        log_in(board.username, "salah")
    assert log_in(board.username, PASSWORD)[1].status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    client, response = log_in(board.username, PASSWORD)
    assert response.status_code == 302 and logged_in(client)


def test_a_success_before_the_limit_starts_the_count_again(board):
    for _ in range(LIMIT - 1):
        log_in(board.username, "salah")
    assert log_in(board.username, PASSWORD)[1].status_code == 302
    for _ in range(LIMIT - 1):
        log_in(board.username, "salah")
    assert log_in(board.username, PASSWORD)[1].status_code == 302


def test_the_lockout_page_speaks_english_to_english_users(board, settings):
    for _ in range(LIMIT):
        log_in(board.username, "salah")
    client = Client(REMOTE_ADDR="10.0.0.1")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("login"), {"username": board.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts. Try again in 15 minutes." in response.content.decode()


def test_a_forged_forwarded_for_does_not_change_the_address(coop, make_user, settings):
    for _ in range(LIMIT):
        user = make_user(coop, Role.MEMBER)
        log_in(user.username, "salah", address="10.0.0.7",
               HTTP_X_FORWARDED_FOR=f"192.0.2.{user.pk % 250}")
    fresh = make_user(coop, Role.MEMBER)
    assert log_in(fresh.username, PASSWORD, address="10.0.0.7",
                  HTTP_X_FORWARDED_FOR="192.0.2.251")[1].status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_counts(coop, make_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(LIMIT):
        user = make_user(coop, Role.MEMBER)
        log_in(user.username, "salah", address="10.0.0.1",
               HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.5")
    fresh = make_user(coop, Role.MEMBER)
    # The proxy's own address is shared by everyone: only the client behind it is locked.
    assert log_in(fresh.username, PASSWORD, address="10.0.0.1",
                  HTTP_X_FORWARDED_FOR="203.0.113.5")[1].status_code == 429
    assert log_in(fresh.username, PASSWORD, address="10.0.0.1",
                  HTTP_X_FORWARDED_FOR="203.0.113.6")[1].status_code == 302


def test_guessing_api_tokens_locks_the_address_out_with_json(coop, board):
    _token, key = issue_token(coop, board)
    url = f"/api/v1/cooperatives/{coop.slug}"
    guesser = Client(REMOTE_ADDR="10.0.0.66")
    for attempt in range(LIMIT - 1):
        response = api(guesser, "get", url, HTTP_AUTHORIZATION=f"Bearer gy_tebakan{attempt}")
        assert response.status_code == 401
    response = api(guesser, "get", url, HTTP_AUTHORIZATION="Bearer gy_tebakan-terakhir")
    assert response.status_code == 429

    # Even the right token is refused from that address until the lockout ends ...
    response = api(guesser, "post", f"{url}/members", {"owner_name": "X"},
                   HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    body = response.json()
    assert body["detail"] == "Terlalu banyak percobaan yang gagal. Coba lagi 15 menit lagi."
    assert body["errors"] == {"__all__": [body["detail"]]}
    # ... while the token's owner elsewhere is not locked out by someone else's guesses.
    elsewhere = Client(REMOTE_ADDR="10.0.0.5", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api(elsewhere, "get", url).status_code == 200


def test_a_revoked_token_on_a_write_is_a_json_401_not_a_csrf_refusal(coop, board):
    token, key = issue_token(coop, board)
    token.revoked_at = dt.datetime.now(dt.UTC)
    token.save(update_fields=["revoked_at"])
    program = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")
    response = api(program, "patch", f"/api/v1/cooperatives/{coop.slug}", {"regency": "Bantul"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Token tidak valid atau belum masuk.",
                               "errors": {"__all__": ["Token tidak valid atau belum masuk."]}}


def test_a_bad_token_beside_a_browser_session_is_still_a_401(coop, board):
    # The header decides: a program's bad token is not rescued by a session cookie.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(board)
    response = api(browser, "get", f"/api/v1/cooperatives/{coop.slug}",
                   HTTP_AUTHORIZATION="Bearer gy_salah")
    assert response.status_code == 401


def test_a_browser_write_without_csrf_is_refused_in_indonesian(coop, board):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(board)
    response = api(browser, "patch", f"/api/v1/cooperatives/{coop.slug}", {"regency": "Bantul"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"] and "muat ulang" in response.json()["detail"]
