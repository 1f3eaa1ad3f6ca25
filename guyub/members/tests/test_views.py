"""The member pages: register, search, forms, approvals, the public application."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.members.models import Member

pytestmark = pytest.mark.django_db

PASSWORD = "Kopi-Sleman-2025"


def url(name, coop, *args):
    return reverse(f"members:{name}", args=[coop.slug, *args])


def listed(response):
    return [m.owner_name for m in response.context["page"]]


def members_of(coop):
    with scopes_disabled():
        return list(Member.objects.filter(cooperative=coop).order_by("id"))


# --- the register: search, filters, pages -------------------------------------------

@pytest.fixture
def register(make_member):
    """Five members with numbers A-00001 … A-00005 and realistic phone numbers."""
    make_member(owner_name="Agus Salim", business_name="Kopi Merapi",
                phone="+6281234567890", nik="3404011501700001")
    make_member(owner_name="Budi Hartono", business_name="Batik Tulis Budi",
                phone="+6285722334455", nik="3471022002750002")
    make_member(owner_name="Citra Lestari", business_name="Keripik Citra",
                phone="+6281398765432", nik="3404014303800003")
    make_member(owner_name="Dewi Anggraini", business_name="Tenun Dewi",
                phone="+6287833221100", nik="3404016507850004")
    make_member(owner_name="Eko Prasetyo", business_name="Bakpia Eko",
                phone="+6282123232323", nik="3404011010900005")


@pytest.mark.parametrize("q, names", [
    ("citra", ["Citra Lestari"]),
    ("  BATIK tulis ", ["Budi Hartono"]),  # business name, any case, spaces around
    ("3471022002750002", ["Budi Hartono"]),  # NIK
    ("A-00003", ["Citra Lestari"]),  # member number as printed on the card
    ("a-00003", ["Citra Lestari"]),
    ("3", ["Citra Lestari"]),  # member number as people say it
    ("00003", ["Citra Lestari"]),
    ("5", ["Eko Prasetyo"]),
    ("0813-9876-5432", ["Citra Lestari"]),  # phone typed the way it is dialled
    ("081398765432", ["Citra Lestari"]),
    ("+6281398765432", ["Citra Lestari"]),
    ("Zaenal", []),
    ("²", []),  # passes str.isdigit() but is no number: must not crash the page
])
def test_the_member_list_finds_members_the_way_people_search(board_client, coop, register,
                                                            q, names):
    response = board_client.get(url("list", coop), {"q": q})
    assert response.status_code == 200
    assert listed(response) == names


def test_a_search_with_no_match_says_so(board_client, coop, register):
    response = board_client.get(url("list", coop), {"q": "Zaenal"})
    assert "Tidak ada anggota yang cocok." in response.content.decode()


def test_the_member_list_filters_by_status_scale_sector_and_province(board_client, coop,
                                                                    make_member):
    make_member(owner_name="Aktif Mikro", sector="kopi", province="34",
                business_capital=Decimal("50000000"), annual_sales=Decimal("300000000"))
    make_member(owner_name="Aktif Kecil Bali", sector="kerajinan", province="51",
                business_capital=Decimal("2000000000"), annual_sales=None)
    make_member(owner_name="Sudah Keluar", sector="kopi", province="34",
                status=Member.Status.EXITED)
    make_member(owner_name="Masih Pemohon", sector="kopi", status=Member.Status.APPLICANT)
    make_member(owner_name="Ditolak", sector="kopi", status=Member.Status.REJECTED,
                number=None)

    def names(**filters):
        return listed(board_client.get(url("list", coop), filters))

    # Applicants and rejected applications live on the applications page.
    assert names() == ["Aktif Mikro", "Aktif Kecil Bali", "Sudah Keluar"]
    assert names(status="exited") == ["Sudah Keluar"]
    assert names(status="applicant") == ["Masih Pemohon"]
    assert names(scale="kecil") == ["Aktif Kecil Bali"]
    assert names(sector="kopi") == ["Aktif Mikro", "Sudah Keluar"]
    assert names(province="51") == ["Aktif Kecil Bali"]
    assert names(sector="kopi", status="active") == ["Aktif Mikro"]
    assert names(regency="slem") == ["Aktif Mikro", "Aktif Kecil Bali", "Sudah Keluar"]


def test_an_unknown_filter_value_is_ignored_not_an_error(board_client, coop, register):
    response = board_client.get(url("list", coop), {"status": "hacked", "province": "99"})
    assert response.status_code == 200
    assert len(listed(response)) == 5


def test_the_member_list_pages_by_25_and_keeps_the_filters(board_client, coop, make_member):
    for i in range(30):
        make_member(owner_name=f"Anggota {i:02d}", sector="kopi")
    make_member(owner_name="Bukan Kopi", sector="batik")

    first = board_client.get(url("list", coop), {"sector": "kopi"})
    second = board_client.get(url("list", coop), {"sector": "kopi", "page": 2})
    assert listed(first) == [f"Anggota {i:02d}" for i in range(25)]
    assert listed(second) == [f"Anggota {i:02d}" for i in range(25, 30)]
    assert "?sector=kopi&amp;page=2" in first.content.decode()
    # "Ekspor .xlsx" exports what the page shows.
    assert f'href="{url("export", coop)}?sector=kopi"' in first.content.decode()
    assert "30 anggota" in first.content.decode()
    # A page number past the end shows the last page rather than an error.
    assert listed(board_client.get(url("list", coop), {"sector": "kopi", "page": 99})) == \
        listed(second)


def test_an_htmx_request_gets_only_the_table(board_client, coop, register):
    response = board_client.get(url("list", coop), {"q": "citra"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<nav class=\"mainnav\"" not in html
    assert "<table" in html and "Citra Lestari" in html and "Agus Salim" not in html


def test_a_plain_request_gets_the_whole_page(board_client, coop, register):
    html = board_client.get(url("list", coop)).content.decode()
    assert "<html" in html and 'id="member-filters"' in html and "Agus Salim" in html


def test_the_member_list_makes_as_many_queries_for_60_members_as_for_5(board_client, coop,
                                                                      make_member):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = board_client.get(url("list", coop))
        assert response.status_code == 200
        return len(ctx.captured_queries), len(listed(response))

    for _ in range(5):
        make_member()
    few, shown_few = queries()
    for _ in range(55):
        make_member()
    many, shown_many = queries()
    assert (shown_few, shown_many) == (5, 25)
    assert many == few


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


# --- approvals ----------------------------------------------------------------------

@pytest.fixture
def applicant(make_member, make_user):
    user = make_user(None)  # no role: an applicant is not a member yet
    return make_member(owner_name="Pemohon Baru", status=Member.Status.APPLICANT, user=user)


def test_the_board_approves_an_application(board_client, coop, applicant):
    response = board_client.post(url("status", coop, applicant.pk, "active"),
                                 {"date": dt.date.today().isoformat(), "reason": ""})
    assert response.status_code == 302 and response.url == url("detail", coop, applicant.pk)
    applicant.refresh_from_db()
    assert (applicant.status, applicant.number) == ("active", 1)
    assert "status sekarang Aktif" in board_client.get(response.url).content.decode()


def test_the_board_rejects_an_application_with_a_reason(board_client, coop, applicant):
    board_client.post(url("status", coop, applicant.pk, "rejected"),
                      {"date": dt.date.today().isoformat(), "reason": "Usaha di luar wilayah"})
    applicant.refresh_from_db()
    assert (applicant.status, applicant.number) == ("rejected", None)
    with scopes_disabled():
        assert applicant.status_changes.get().reason == "Usaha di luar wilayah"


def test_a_rejection_without_a_reason_is_refused_with_a_message(board_client, coop,
                                                               applicant):
    response = board_client.post(url("status", coop, applicant.pk, "rejected"),
                                 {"date": dt.date.today().isoformat(), "reason": ""},
                                 follow=True)
    assert "Alasan wajib diisi." in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.status == "applicant"


def test_approving_from_the_applications_page_returns_there(board_client, coop, applicant):
    page = board_client.get(url("applications", coop)).content.decode()
    assert "Pemohon Baru" in page
    response = board_client.post(url("status", coop, applicant.pk, "active"),
                                 {"date": dt.date.today().isoformat(), "next": "applications"},
                                 follow=True)
    assert response.redirect_chain[-1][0] == url("applications", coop)
    assert "Tidak ada permohonan yang menunggu." in response.content.decode()


@pytest.mark.parametrize("date, message", [
    ((dt.date.today() + dt.timedelta(days=2)).isoformat(), "masa depan"),
    ("kemarin", "Masukkan tanggal yang valid"),
])
def test_a_wrong_date_refuses_the_change_with_a_message(board_client, coop, applicant,
                                                        date, message):
    response = board_client.post(url("status", coop, applicant.pk, "active"),
                                 {"date": date}, follow=True)
    assert message in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.status == "applicant"


def test_an_illegal_step_is_refused_with_a_message(board_client, coop, make_member):
    member = make_member(status=Member.Status.EXITED)
    response = board_client.post(url("status", coop, member.pk, "active"),
                                 {"date": dt.date.today().isoformat()}, follow=True)
    assert "tidak dapat diubah" in response.content.decode()
    member.refresh_from_db()
    assert member.status == "exited"


def test_an_unknown_status_is_not_found_and_get_is_not_allowed(board_client, coop,
                                                               applicant):
    today = dt.date.today().isoformat()
    assert board_client.post(url("status", coop, applicant.pk, "applicant"),
                             {"date": today}).status_code == 404
    assert board_client.get(url("status", coop, applicant.pk, "active")).status_code == 405


# --- rights -------------------------------------------------------------------------

@pytest.mark.parametrize("role, name, method, status", [
    (Role.BUYER, "list", "get", 403),
    (Role.SUPPLIER, "list", "get", 403),
    (Role.MEMBER, "list", "get", 403),
    (Role.SUPERVISOR, "list", "get", 200),
    (Role.STAFF, "list", "get", 200),
    (Role.SUPERVISOR, "create", "get", 403),
    (Role.STAFF, "create", "get", 200),
    (Role.SUPERVISOR, "import", "get", 403),
    (Role.STAFF, "applications", "get", 403),
    (Role.BUYER, "export", "get", 403),
])
def test_each_role_opens_only_its_pages(client, coop, make_user, role, name, method, status):
    client.force_login(make_user(coop, role))
    assert getattr(client, method)(url(name, coop)).status_code == status


@pytest.mark.parametrize("role", [Role.STAFF, Role.SUPERVISOR])
@pytest.mark.parametrize("to_status", ["active", "rejected"])
def test_only_the_board_decides_on_applications(client, coop, make_user, applicant, role,
                                                to_status):
    client.force_login(make_user(coop, role))
    response = client.post(url("status", coop, applicant.pk, to_status),
                           {"date": dt.date.today().isoformat(), "reason": "x"})
    assert response.status_code == 403
    applicant.refresh_from_db()
    assert applicant.status == "applicant"


def test_staff_cannot_expel_a_member(client, coop, staff, make_member):
    member = make_member()
    client.force_login(staff)
    response = client.post(url("status", coop, member.pk, "expelled"),
                           {"date": dt.date.today().isoformat(), "reason": "Melanggar"})
    assert response.status_code == 403


def test_a_supervisor_sees_the_list_without_edit_buttons(client, coop, make_user, register):
    client.force_login(make_user(coop, Role.SUPERVISOR))
    html = client.get(url("list", coop)).content.decode()
    assert "Agus Salim" in html and url("create", coop) not in html


# --- the public application and the member's own view -------------------------------

@pytest.fixture
def application(form_data):
    return {**form_data, "email": "Sri@Contoh.id", "password1": PASSWORD,
            "password2": PASSWORD}


def test_anyone_may_open_the_application_form(client, coop):
    response = client.get(url("apply", coop))
    assert response.status_code == 200
    assert "Daftar menjadi anggota Koperasi Produsen Maju Bersama" in response.content.decode()


def test_the_application_form_of_an_unknown_cooperative_is_not_found(client, db):
    assert client.get("/k/tidak-ada/daftar/").status_code == 404


def test_an_application_creates_an_applicant_with_a_login(client, coop, application):
    response = client.post(url("apply", coop), application)
    assert response.status_code == 302 and response.url == url("applied", coop)
    [member] = members_of(coop)
    assert (member.status, member.number, member.email) == ("applicant", None, "sri@contoh.id")
    assert member.user.username == "sri@contoh.id"
    assert not CoopRole.objects.filter(user=member.user).exists()


@pytest.mark.parametrize("change, field_message", [
    ({"password2": "Kopi-Sleman-2024"}, "Kedua kata sandi tidak sama."),
    ({"password1": "12345678", "password2": "12345678"}, "terlalu umum"),
    ({"email": ""}, "Bidang ini tidak boleh kosong."),
    ({"nik": "3404011501700000"}, "tidak boleh 0000"),
])
def test_a_wrong_application_is_refused_and_creates_nothing(client, coop, application,
                                                            django_user_model, change,
                                                            field_message):
    response = client.post(url("apply", coop), {**application, **change})
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert members_of(coop) == []
    assert not django_user_model.objects.exists()


def test_an_email_too_long_to_be_a_login_is_refused_instead_of_crashing(client, coop,
                                                                     application):
    # A valid address can have 254 characters; the login name it becomes holds 150.
    email = f"{'a' * 64}@{'b' * 63}.{'c' * 63}.id"
    response = client.post(url("apply", coop), {**application, "email": email})
    assert response.status_code == 200
    assert "Email terlalu panjang" in response.content.decode()
    assert members_of(coop) == []


def test_a_nik_already_known_to_the_cooperative_is_refused(client, coop, application,
                                                           make_member, django_user_model):
    make_member(nik=application["nik"])
    users_before = django_user_model.objects.count()
    response = client.post(url("apply", coop), application)
    assert "NIK ini sudah terdaftar di koperasi ini." in response.content.decode()
    assert len(members_of(coop)) == 1
    assert django_user_model.objects.count() == users_before


def test_the_applicant_logs_in_and_sees_the_application_pending(client, coop, application):
    client.post(url("apply", coop), application)
    response = client.post(reverse("login"), {"username": "sri@contoh.id",
                                              "password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Koperasi Produsen Maju Bersama: <strong>Pemohon</strong>" in html
    # Not a member yet: the member pages stay closed.
    assert client.get(url("portal", coop)).status_code == 404


def test_the_applicant_logs_in_with_the_email_as_they_typed_it(client, coop, application):
    client.post(url("apply", coop), application)
    assert client.post(reverse("login"), {"username": "Sri@Contoh.id",
                                          "password": PASSWORD}).status_code == 302


def test_after_approval_the_member_sees_their_own_profile_only(client, coop, board,
                                                               application, make_member):
    make_member(owner_name="Anggota Lain")
    client.post(url("apply", coop), application)
    [member] = [m for m in members_of(coop) if m.status == "applicant"]
    client.force_login(board)
    client.post(url("status", coop, member.pk, "active"),
                {"date": dt.date.today().isoformat()})
    client.logout()

    assert client.post(reverse("login"), {"username": "sri@contoh.id",
                                          "password": PASSWORD}).status_code == 302
    portal = client.get(url("portal", coop))
    html = portal.content.decode()
    assert portal.status_code == 200
    assert "Sri Wahyuni" in html and "A-00002" in html and "Aktif" in html
    assert "Anggota Lain" not in html
    assert client.get(url("list", coop)).status_code == 403
    assert client.get(url("detail", coop, member.pk)).status_code == 403
    assert client.get(reverse("home")).url == reverse("core:dashboard", args=[coop.slug])


def test_a_logged_in_user_applies_with_their_existing_account(client, coop, other_coop,
                                                              make_user, form_data):
    user = make_user(other_coop, Role.MEMBER)
    client.force_login(user)
    form_page = client.get(url("apply", coop)).content.decode()
    assert "password1" not in form_page
    response = client.post(url("apply", coop), {**form_data, "email": ""})
    assert response.status_code == 302
    [member] = members_of(coop)
    assert member.user == user
    again = client.post(url("apply", coop), {**form_data, "nik": "3404011501700001"})
    assert "sudah terdaftar atau sedang mengajukan" in again.content.decode()
    assert len(members_of(coop)) == 1
