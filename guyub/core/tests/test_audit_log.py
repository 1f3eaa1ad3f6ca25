"""The audit log page: who did what, when — for the board and the supervisors."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.audit import log_action
from guyub.core.models import AuditLog
from guyub.core.roles import Role


def audit_url(coop, query=""):
    return f"/k/{coop.slug}/audit/{query}"


def record(coop, action, actor=None, obj=None, when=None, **data):
    with scope(cooperative=coop):
        entry = log_action(cooperative=coop, actor=actor, action=action, obj=obj, **data)
        if when is not None:
            AuditLog.objects.filter(pk=entry.pk).update(created_at=when)
    return entry


@pytest.fixture
def history(coop, board):
    now = timezone.now()
    record(coop, "member.approved", board, obj=coop, when=now - dt.timedelta(days=2),
           reason="Lengkap")
    record(coop, "token.issued", board, obj=coop, when=now - dt.timedelta(days=1),
           user="kasir@contoh.id")
    record(coop, "token.revoked", None, obj=coop, when=now)


def actions_on(response):
    return re.findall(r"<code>([\w.]+)</code>", response.content.decode())


@pytest.mark.parametrize("role", [Role.BOARD, Role.SUPERVISOR])
def test_the_board_and_supervisors_see_the_entries_newest_first(
        client, coop, make_user, history, role):
    client.force_login(make_user(coop, role))
    response = client.get(audit_url(coop))
    assert response.status_code == 200
    assert actions_on(response) == ["token.revoked", "token.issued", "member.approved"]
    page = response.content.decode()
    assert "kasir@contoh.id" in page       # what was done
    assert "sistem" in page                # an entry without a person


def test_it_names_who_did_it(board_client, coop, board, history):
    assert board.username in board_client.get(audit_url(coop)).content.decode()


def test_it_filters_by_action(board_client, coop, history):
    response = board_client.get(audit_url(coop, "?action=token"))
    assert actions_on(response) == ["token.revoked", "token.issued"]
    assert response.context["action"] == "token"
    response = board_client.get(audit_url(coop, "?action=member.approved"))
    assert actions_on(response) == ["member.approved"]


def test_a_filter_that_matches_nothing_says_so(board_client, coop, history):
    response = board_client.get(audit_url(coop, "?action=vote"))
    assert actions_on(response) == []
    assert "Belum ada catatan." in response.content.decode()


def test_another_cooperatives_entries_are_never_shown(board_client, coop, other_coop, history):
    record(other_coop, "member.expelled", None, obj=other_coop, secret="rahasia-koperasi-lain")
    for query in ("", "?action=member", "?action=member.expelled"):
        response = board_client.get(audit_url(coop, query))
        assert "member.expelled" not in actions_on(response)
        assert "rahasia-koperasi-lain" not in response.content.decode()
        assert other_coop.name not in response.content.decode()


def test_the_next_page_keeps_the_filter(board_client, coop):
    for _ in range(55):
        record(coop, "token.issued")
    for _ in range(5):
        record(coop, "member.approved")
    response = board_client.get(audit_url(coop, "?action=token"))
    assert len(actions_on(response)) == 50
    next_link = re.search(r'href="(\?[^"]*page=2[^"]*)"', response.content.decode())
    assert next_link, "no link to page 2"
    second = board_client.get(audit_url(coop, next_link.group(1).replace("&amp;", "&")))
    assert actions_on(second) == ["token.issued"] * 5


@pytest.mark.parametrize("role", [Role.STAFF, Role.MEMBER, Role.BUYER, Role.SUPPLIER])
def test_other_roles_cannot_read_it(client, coop, make_user, history, role):
    client.force_login(make_user(coop, role))
    assert client.get(audit_url(coop)).status_code == 403


def test_an_entry_whose_details_have_a_key_named_items_still_shows(board_client, coop, board):
    from guyub.core.audit import log_action

    log_action(cooperative=coop, actor=board, action="purchase.closed", items=[1, 2],
               total=5)
    response = board_client.get(f"/k/{coop.slug}/audit/")
    assert response.status_code == 200
    assert "items: [1, 2]" in response.content.decode()
