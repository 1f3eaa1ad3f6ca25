"""The meetings pages as officers use them: the by-law rules (the board changes them,
others read), a meeting drafted with its time in WIB and refused in plain Indonesian
when it cannot be, drafts only editable, the agenda numbered and its floor-price items."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.models import AuditLog
from guyub.governance.meetings.models import AgendaItem, GovernanceSettings, Meeting
from guyub.testing import governance as world
from guyub.testing.contracts_nego import grade_of
from guyub.testing.governance_meetings import draft_meeting

pytestmark = pytest.mark.django_db


def url(coop, tail=""):
    return f"/k/{coop.slug}/rapat/{tail}"


def future(days=30):
    return timezone.localdate() + dt.timedelta(days=days)


def meeting_post(**changes):
    data = {"kind": "rat", "title": "RAT Tahun Buku 2025", "fiscal_year": "2025",
            "date": future().isoformat(), "time": "09:00", "place": "Balai Desa",
            "online": "on"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


SETTINGS = {"notice_days": "21", "quorum_fraction": "0.6", "quorum_rule": "at_least",
            "reconvened_quorum_fraction": "0.333", "proxies_allowed": "on",
            "proxy_cap": "2", "special_majority": "0.667"}


# --- the by-law rules ----------------------------------------------------------------


def test_the_board_saves_the_rules_with_who_and_an_audit_line(coop, board, cast):
    response = world.signed_in(board).post(url(coop, "aturan/"), SETTINGS)
    assert response.status_code == 302
    with scope(cooperative=coop):
        rules = GovernanceSettings.objects.get()
        assert (rules.notice_days, rules.quorum_fraction, rules.quorum_rule,
                rules.proxy_cap) == (21, Decimal("0.6"), "at_least", 2)
        assert rules.updated_by == board and not rules.delegates_allowed
        log = AuditLog.objects.get(action="governance_settings.updated")
        assert log.data["changes"]["notice_days"] == ["14", "21"]


def test_staff_and_the_supervisor_read_the_rules_but_cannot_change_them(coop, board, cast):
    for who in ("staff", "supervisor"):
        client = world.signed_in(cast[who])
        page = client.get(url(coop, "aturan/"))
        assert page.status_code == 200 and b"disabled" in page.content
        assert client.post(url(coop, "aturan/"), SETTINGS).status_code == 403
    with scope(cooperative=coop):
        assert not GovernanceSettings.objects.exists()


def test_a_member_does_not_see_the_meetings_pages(coop, board, cast):
    client = world.signed_in(cast["members"][0].user)
    assert client.get(url(coop)).status_code == 403
    assert client.get(url(coop, "aturan/")).status_code == 403


def test_a_quorum_over_one_is_refused_in_indonesian(coop, board, cast):
    page = world.signed_in(board).post(url(coop, "aturan/"),
                                       {**SETTINGS, "quorum_fraction": "1.5"})
    assert page.status_code == 200
    assert "Pastikan nilai ini lebih kecil dari atau sama dengan 1" in page.content.decode()


# --- drafting a meeting ----------------------------------------------------------------


def test_staff_drafts_a_rat_at_nine_wib(coop, board, cast):
    response = world.signed_in(cast["staff"]).post(url(coop, "baru/"), meeting_post())
    assert response.status_code == 302
    with scope(cooperative=coop):
        meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.DRAFT and meeting.fiscal_year == 2025
    local = timezone.localtime(meeting.starts_at)
    assert (local.date(), local.hour, local.minute) == (future(), 9, 0)
    assert meeting.starts_at.utcoffset() is not None
    assert timezone.localtime(meeting.starts_at).utcoffset() == dt.timedelta(hours=7)
    page = world.signed_in(cast["supervisor"]).get(url(coop))
    assert "RAT Tahun Buku 2025" in page.content.decode()


@pytest.mark.parametrize("changes, field, message", [
    ({"fiscal_year": ""}, "fiscal_year", "isi tahun bukunya"),
    ({"date": "2026-02-30"}, "date", "Masukkan tanggal yang valid"),
    ({"date": "2020-01-01"}, "starts_at", "Waktu rapat sudah lewat"),
    ({"time": "25:61"}, "time", "Masukkan waktu yang valid"),
    ({"title": "x" * 5000}, "title", "paling banyak 200 karakter"),
    ({"place": "", "online": None}, "place", "izinkan anggota hadir daring"),
    ({"kind": "pra_rat"}, "kind", "Masukkan pilihan yang valid"),
])
def test_an_impossible_meeting_is_refused_in_indonesian(coop, board, changes, field,
                                                       message):
    page = world.signed_in(board).post(url(coop, "baru/"), meeting_post(**changes))
    assert page.status_code == 200
    assert message.lower() in page.content.decode().lower()
    with scope(cooperative=coop):
        assert not Meeting.objects.exists()


def test_nul_in_a_title_is_refused_not_a_500(coop, board):
    response = world.signed_in(board).post(url(coop, "baru/"),
                                           meeting_post(title="RAT\x00"))
    assert response.status_code == 400


def test_the_supervisor_cannot_draft_a_meeting(coop, board, cast):
    client = world.signed_in(cast["supervisor"])
    assert client.get(url(coop, "baru/")).status_code == 403
    assert client.post(url(coop, "baru/"), meeting_post()).status_code == 403


def test_a_group_meeting_sends_delegates_only_where_the_bylaws_say_so(coop, board, cast):
    rat = draft_meeting(coop, board, starts_in=dt.timedelta(days=60))
    world.rules(coop, delegates_allowed=True)
    client = world.signed_in(board)
    post = meeting_post(kind="pra_rat", title="Pra-RAT Kelompok Tani Makmur", fiscal_year="",
                        group_name="Kelompok Tani Makmur", delegates_to=str(rat.pk),
                        delegate_seats="3", group_province="34", group_regency="Sleman")
    assert client.post(url(coop, "baru/"), post).status_code == 302
    with scope(cooperative=coop):
        group = Meeting.objects.get(kind=Meeting.Kind.PRE_RAT)
        assert (group.delegates_to, group.delegate_seats) == (rat, 3)
    # A closed RAT takes no delegates.
    with scope(cooperative=coop):
        Meeting.objects.filter(pk=rat.pk).update(status=Meeting.Status.CLOSED)
    page = client.post(url(coop, "baru/"), post)
    assert page.status_code == 200 and "Masukkan pilihan yang valid" in page.content.decode()


def test_a_draft_is_edited_but_a_called_meeting_is_not(coop, board, cast):
    draft = draft_meeting(coop, board)
    called = world.called_meeting(coop, board, cast["members"])
    client = world.signed_in(board)
    response = client.post(url(coop, f"{draft.pk}/ubah/"),
                           meeting_post(title="RAT 2025 (diperbarui)"))
    assert response.status_code == 302
    response = client.post(url(coop, f"{called.pk}/ubah/"), meeting_post(title="Diubah"))
    assert response.status_code == 302
    with scope(cooperative=coop):
        draft.refresh_from_db()
        called.refresh_from_db()
    assert draft.title == "RAT 2025 (diperbarui)" and called.title != "Diubah"
    page = client.get(url(coop, f"{called.pk}/"))
    assert f"/rapat/{called.pk}/ubah/" not in page.content.decode()


# --- the agenda --------------------------------------------------------------------------


def test_items_are_numbered_in_order_and_move(coop, board):
    meeting = draft_meeting(coop, board, items=())
    client = world.signed_in(board)
    for title in ("Pembukaan", "Laporan pengurus", "Lain-lain"):
        client.post(url(coop, f"{meeting.pk}/acara/baru/"), {"kind": "general",
                                                              "title": title})
    with scope(cooperative=coop):
        items = list(meeting.items.order_by("position"))
    assert [(i.position, i.title) for i in items] == [
        (1, "Pembukaan"), (2, "Laporan pengurus"), (3, "Lain-lain")]
    client.post(url(coop, f"{meeting.pk}/acara/{items[2].pk}/pindah/"), {"direction": "up"})
    with scope(cooperative=coop):
        assert list(meeting.items.order_by("position").values_list("title", flat=True)) == [
            "Pembukaan", "Lain-lain", "Laporan pengurus"]


def test_the_standard_rat_agenda_is_added_once(coop, board):
    meeting = draft_meeting(coop, board)
    client = world.signed_in(board)
    client.post(url(coop, f"{meeting.pk}/acara/baku/"))
    client.post(url(coop, f"{meeting.pk}/acara/baku/"))
    with scope(cooperative=coop):
        kinds = list(meeting.items.order_by("position").values_list("kind", flat=True))
    assert kinds == ["general", "accounts", "shu", "budget"]


def test_a_floor_price_item_names_a_grade_and_a_whole_rupiah_price(coop, board):
    grade = grade_of(coop)
    meeting = draft_meeting(coop, board, items=())
    client = world.signed_in(board)
    base = {"kind": "floor_price", "title": "Harga dasar kopi"}
    page = client.post(url(coop, f"{meeting.pk}/acara/baru/"), base)
    assert "Pilih mutu produk kontrak" in page.content.decode()
    page = client.post(url(coop, f"{meeting.pk}/acara/baru/"),
                       {**base, "floor_grade": grade.pk, "floor_price": "45.000,50"})
    assert "tanpa sen" in page.content.decode()
    response = client.post(url(coop, f"{meeting.pk}/acara/baru/"),
                           {**base, "floor_grade": grade.pk, "floor_price": "45.000"})
    assert response.status_code == 302
    with scope(cooperative=coop):
        item = AgendaItem.objects.get()
    assert (item.floor_grade_id, item.floor_price) == (grade.pk, Decimal("45000"))


def test_a_called_meetings_agenda_is_what_members_were_sent(coop, board, cast):
    called = world.called_meeting(coop, board, cast["members"])
    client = world.signed_in(board)
    with scope(cooperative=coop):
        item = called.items.get()
    client.post(url(coop, f"{called.pk}/acara/baru/"), {"kind": "general", "title": "Baru"})
    client.post(url(coop, f"{called.pk}/acara/{item.pk}/"), {"kind": "general",
                                                             "title": "Diubah"})
    with scope(cooperative=coop):
        assert list(called.items.values_list("title", flat=True)) == [item.title]


def test_the_meeting_page_shows_the_agenda_the_rules_and_the_tab_strip(coop, board):
    meeting = draft_meeting(coop, board, items=("Laporan pengurus",))
    world.rules(coop, quorum_fraction=Decimal("0.667"))
    page = world.signed_in(board).get(url(coop, f"{meeting.pk}/")).content.decode()
    assert "Laporan pengurus" in page and "67% dari daftar pemilih" in page
    assert 'aria-current="page">Acara</a>' in page
