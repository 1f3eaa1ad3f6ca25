"""Approvals, rejections and exits from the pages; who may take which step."""

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from guyub.core.roles import Role
from guyub.members.models import Member

from .helpers import url

pytestmark = pytest.mark.django_db


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
