"""One member's page; registering and editing a member."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from guyub.core.roles import Role
from guyub.members.models import Member

from .helpers import members_of, url

pytestmark = pytest.mark.django_db


# --- one member ---------------------------------------------------------------------

def test_the_detail_page_shows_profile_and_history(board_client, coop, board, make_member):
    member = make_member(owner_name="Citra Lestari", nik="3404014303800003",
                         phone="+6281398765432", business_capital=Decimal("1250000"),
                         annual_sales=None)
    with scopes_disabled():
        member.status_changes.create(cooperative=coop, to_status="active", actor=board,
                                     date=dt.date(2024, 1, 15), reason="Anggota pendiri")
    html = board_client.get(url("detail", coop, member.pk)).content.decode()
    for text in ("Citra Lestari", "3404014303800003", "+6281398765432", member.display_number,
                 "Rp1.250.000", "Mikro", "DI Yogyakarta", "Anggota pendiri", "Catat keluar"):
        assert text in html


@pytest.mark.parametrize("role, edit, decide, expel", [
    (Role.BOARD, True, True, True),
    (Role.STAFF, True, False, False),
    (Role.SUPERVISOR, False, False, False),
])
def test_the_detail_page_offers_only_the_actions_the_role_may_take(
        client, coop, make_user, make_member, role, edit, decide, expel):
    # A button that leads to "Tidak diizinkan" is a dead end for the person who clicks it.
    client.force_login(make_user(coop, role))
    applicant = make_member(status=Member.Status.APPLICANT)
    member = make_member()
    applicant_page = client.get(url("detail", coop, applicant.pk)).content.decode()
    member_page = client.get(url("detail", coop, member.pk)).content.decode()
    assert (url("edit", coop, member.pk) in member_page) is edit
    assert (url("status", coop, applicant.pk, "active") in applicant_page) is decide
    assert (url("status", coop, applicant.pk, "rejected") in applicant_page) is decide
    assert (url("status", coop, member.pk, "exited") in member_page) is expel
    assert (url("status", coop, member.pk, "expelled") in member_page) is expel


def test_a_member_of_another_cooperative_is_not_found(board_client, coop, other_coop,
                                                      make_member):
    stranger = make_member(cooperative=other_coop)
    assert board_client.get(url("detail", coop, stranger.pk)).status_code == 404
    assert board_client.get(url("edit", coop, stranger.pk)).status_code == 404
    response = board_client.post(url("status", coop, stranger.pk, "exited"),
                                 {"date": "2025-01-02"})
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.status == Member.Status.ACTIVE


def test_someone_without_a_role_in_the_cooperative_is_not_told_it_exists(client, coop,
                                                                         other_coop,
                                                                         make_user):
    client.force_login(make_user(other_coop, Role.BOARD))
    assert client.get(url("list", coop)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, coop):
    response = client.get(url("list", coop))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- create and edit ----------------------------------------------------------------

def test_staff_register_a_member_who_is_active_and_numbered_at_once(client, coop, staff,
                                                                   form_data):
    client.force_login(staff)
    response = client.post(url("create", coop), form_data)
    [member] = members_of(coop)
    assert response.status_code == 302 and response.url == url("detail", coop, member.pk)
    assert (member.status, member.number, member.phone) == ("active", 1, "+6281398765432")
    assert member.scale == "mikro"
    follow = client.get(response.url)
    assert "terdaftar dengan nomor A-00001" in follow.content.decode()


@pytest.mark.parametrize("field, value, message", [
    ("nik", "12345", "NIK harus 16 digit angka."),
    ("nik", "3404013201700001", "Bagian tanggal lahir pada NIK"),
    ("nib", "12345", "NIB harus 13 digit angka"),
    ("phone", "0812", "Nomor telepon tidak valid."),
    ("owner_name", "", "Bidang ini tidak boleh kosong."),
    ("province", "99", "Masukkan pilihan yang valid"),
    ("business_capital", "-5", "Jumlah tidak boleh negatif."),
    ("business_capital", "1.500.000,50", "Tulis jumlah rupiah tanpa sen, misalnya 90.000."),
    ("email", "bukan-email", "alamat email yang valid"),
])
def test_the_member_form_explains_wrong_input_in_indonesian_and_saves_nothing(
        board_client, coop, form_data, field, value, message):
    response = board_client.post(url("create", coop), {**form_data, field: value})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Periksa kembali isian yang ditandai." in html
    assert members_of(coop) == []


def test_a_nik_already_registered_here_is_refused(board_client, coop, form_data,
                                                  make_member):
    make_member(nik=form_data["nik"])
    response = board_client.post(url("create", coop), form_data)
    assert "NIK ini sudah terdaftar di koperasi ini." in response.content.decode()
    assert len(members_of(coop)) == 1


def test_the_same_nik_may_be_a_member_of_another_cooperative(board_client, coop, other_coop,
                                                             form_data, make_member):
    make_member(cooperative=other_coop, nik=form_data["nik"])
    response = board_client.post(url("create", coop), form_data)
    assert response.status_code == 302
    assert len(members_of(coop)) == 1


def test_editing_a_member_saves_the_changes(board_client, coop, make_member):
    member = make_member(owner_name="Sri Wahyuni", nik="3404015703800002", phone="")
    data = {"owner_name": "  Sri   Wahyuningsih ", "nik": "3404015703800002",
            "business_name": "Keripik Tempe", "nib": "", "phone": "0813 9876 5432",
            "email": "", "address": "", "province": "34", "regency": "Bantul",
            "sector": "makanan_ringan", "workers": "2", "business_capital": "",
            "annual_sales": "3000000000"}
    response = board_client.post(url("edit", coop, member.pk), data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.owner_name, member.phone, member.regency, member.scale) == (
        "Sri Wahyuningsih", "+6281398765432", "Bantul", "kecil")
    assert member.number == 1  # editing never renumbers


def test_editing_with_wrong_input_changes_nothing(board_client, coop, make_member):
    member = make_member(owner_name="Sri Wahyuni", nik="3404015703800002")
    other = make_member(nik="3404011501700001")
    data = {"owner_name": "Nama Baru", "nik": other.nik, "business_name": "Usaha",
            "province": "34", "regency": "Sleman", "sector": "kopi", "workers": "1"}
    response = board_client.post(url("edit", coop, member.pk), data)
    assert "NIK ini sudah terdaftar di koperasi ini." in response.content.decode()
    member.refresh_from_db()
    assert member.owner_name == "Sri Wahyuni"


def test_the_edit_form_shows_the_current_data(board_client, coop, make_member):
    member = make_member(owner_name="Sri Wahyuni")
    html = board_client.get(url("edit", coop, member.pk)).content.decode()
    assert 'value="Sri Wahyuni"' in html
