"""The audit log page: who did what, when — for the board and the supervisors."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.audit import log_action
from guyub.core.audit_actions import ACTIONS
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


PHRASES = {str(phrase): code for code, phrase in ACTIONS.items()}


def actions_on(response):
    """The codes of the entries shown, read back from their sentences."""
    sentences = re.findall(r'<tr class="audit-entry"><td>[^<]*</td><td>(.*?)</td>',
                           response.content.decode())
    return [next((code for phrase, code in PHRASES.items() if f" {phrase}" in s), s)
            for s in sentences]


@pytest.mark.parametrize("role", [Role.BOARD, Role.SUPERVISOR])
def test_the_board_and_supervisors_see_the_entries_newest_first(
        client, coop, make_user, history, role):
    client.force_login(make_user(coop, role))
    response = client.get(audit_url(coop))
    assert response.status_code == 200
    assert actions_on(response) == ["token.revoked", "token.issued", "member.approved"]
    page = response.content.decode()
    assert "kasir@contoh.id" in page       # what was done
    assert "Sistem mencabut token API" in page  # an entry without a person


def test_it_names_who_did_it(board_client, coop, board, history):
    assert f"{board.get_full_name()} menerbitkan token API" in board_client.get(
        audit_url(coop)).content.decode()


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
    log_action(cooperative=coop, actor=board, action="purchase.closed", items=[1, 2],
               total=5)
    response = board_client.get(f"/k/{coop.slug}/audit/")
    assert response.status_code == 200
    assert "<dt>items</dt><dd>1 dan 2</dd>" in response.content.decode()


# --- how entries read -------------------------------------------------------------------

def _rows(board_client, coop):
    response = board_client.get(audit_url(coop))
    assert response.status_code == 200
    return response.content.decode().split("<tbody>")[1]  # the entries, not the filter


def test_a_members_commitment_reads_as_a_sentence_with_links_and_wib_time(
        board_client, coop, board):
    from guyub.testing.factories import MemberFactory

    member = MemberFactory(cooperative=coop, business_name="Keripik Bu Sari")
    when = dt.datetime(2026, 12, 3, 1, 30, tzinfo=dt.UTC)
    record(coop, "member.approved", board, obj=member, when=when, date="2026-11-30",
           reason="Lengkap")
    page = _rows(board_client, coop)
    assert "3 Des 2026, 08.30 WIB" in page          # 01:30 UTC is 08:30 in Jakarta
    link = f'<a href="/k/{coop.slug}/anggota/{member.pk}/">{member}</a>'
    assert f"{board.get_full_name()} menyetujui permohonan anggota {link}" in page
    assert "<dt>Tanggal</dt><dd>30 November 2026</dd>" in page
    assert "<dt>Alasan</dt><dd>Lengkap</dd>" in page
    for developer_words in ("member.approved", "None", "reason", "+00:00"):
        assert developer_words not in page


def test_ids_become_names_lists_read_as_words_and_amounts_as_rupiah(board_client, coop, board):
    from guyub.testing.factories import MemberFactory
    from guyub.testing.tenders import supplier_account

    member = MemberFactory(cooperative=coop)
    record(coop, "purchase.paid", None, obj=coop, member=member.pk, amount="150000.00",
           method="bank")
    names = ("PT Satu", "CV Dua", "UD Tiga")
    suppliers = [supplier_account(coop, name) for name in names]
    record(coop, "tender.invited", board, suppliers=[s.pk for s in suppliers])
    page = _rows(board_client, coop)
    assert f'<dd><a href="/k/{coop.slug}/anggota/{member.pk}/">{member}</a></dd>' in page
    assert "<dt>Jumlah</dt><dd>Rp150.000</dd>" in page
    assert "<dt>Cara bayar</dt><dd>transfer bank</dd>" in page
    links = [f'<a href="/k/{coop.slug}/pemasok/{s.pk}/">{s.name}</a>' for s in suppliers]
    assert f"<dd>{links[0]}, {links[1]} dan {links[2]}</dd>" in page


def test_a_member_of_another_cooperative_is_never_named(board_client, coop, other_coop, board):
    from guyub.testing.factories import MemberFactory

    stranger = MemberFactory(cooperative=other_coop, business_name="Rahasia Lain")
    record(coop, "purchase.picked_up", board, member=stranger.pk, quantity="2.500")
    page = _rows(board_client, coop)
    assert "Rahasia Lain" not in page
    assert f"<dd>#{stranger.pk}</dd>" in page
    assert "<dt>Jumlah barang</dt><dd>2,5</dd>" in page


def test_changes_show_the_field_names_old_and_new(board_client, coop, board):
    record(coop, "cooperative.updated", board, obj=coop,
           changes={"name": ["Lama", "Baru"]})
    page = _rows(board_client, coop)
    assert "Lama → Baru" in page
    assert "name:" not in page


def test_an_english_reader_gets_english_sentences(board_client, coop, board):
    when = dt.datetime(2026, 12, 3, 1, 30, tzinfo=dt.UTC)
    record(coop, "period.closed", None, when=when, through="2026-11-30")
    board_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = _rows(board_client, coop)
    assert "System closed the books" in page
    assert "3 Dec 2026, 08:30 WIB" in page
    assert "<dt>Through</dt><dd>30 November 2026</dd>" in page
