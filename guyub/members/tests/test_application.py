"""The public membership application and the member's own view."""

import datetime as dt

import pytest
from django.urls import reverse

from guyub.core.models import CoopRole
from guyub.core.roles import Role

from .helpers import PASSWORD, members_of, url

pytestmark = pytest.mark.django_db


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
