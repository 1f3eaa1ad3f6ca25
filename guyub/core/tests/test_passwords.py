"""Password change and reset by e-mail (Django's views, Indonesian pages); the
validators see the user, so a password like the e-mail's name is refused. The reset
mail goes through a real SMTP server started by the test."""

import re

import pytest
from django.test import Client

from guyub.core.roles import Role
from guyub.testing.factories import CoopRoleFactory, UserFactory
from guyub.testing.mail import body

PASSWORD = "rahasia-uji-123"


@pytest.fixture
def sri(coop):
    user = UserFactory(username="sriwahyuni@contoh.id", email="sriwahyuni@contoh.id",
                       first_name="Sri")
    CoopRoleFactory(user=user, cooperative=coop, role=Role.MEMBER)
    return user


def logs_in(username, password) -> bool:
    client = Client()
    response = client.post("/masuk/", {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def reset_link(message) -> str:
    [link] = re.findall(r"https?://[^/\s]+(/akun/atur-ulang/\S+/)", body(message))
    return link


def test_a_forgotten_password_is_reset_through_the_link_in_the_email(client, sri, smtp_inbox):
    login_page = client.get("/masuk/").content.decode()
    assert 'href="/akun/lupa-kata-sandi/"' in login_page

    response = client.post("/akun/lupa-kata-sandi/", {"email": "SriWahyuni@Contoh.id"})
    assert response.status_code == 302
    assert response["Location"] == "/akun/lupa-kata-sandi/terkirim/"
    assert "Periksa email Anda" in client.get(response["Location"]).content.decode()

    [message] = smtp_inbox
    assert message.recipients == ["sriwahyuni@contoh.id"]
    assert message["Subject"] == "Buat kata sandi baru Guyub"
    assert "Tautan ini hanya bisa dipakai sekali" in body(message)

    form_page = client.get(reset_link(message), follow=True)
    assert form_page.status_code == 200
    assert "Buat kata sandi baru" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]

    # Like the e-mail's name: refused because the validator sees the user.
    refused = client.post(set_url, {"new_password1": "sriwahyuni", "new_password2": "sriwahyuni"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["new_password2"]
    sri.refresh_from_db()
    assert sri.check_password(PASSWORD)  # (logging in would end the link: it is one-time)

    done = client.post(set_url, {"new_password1": "Gula-Aren-Sleman-7",
                                 "new_password2": "Gula-Aren-Sleman-7"})
    assert done.status_code == 302
    assert done["Location"] == "/akun/atur-ulang/selesai/"
    assert logs_in(sri.username, "Gula-Aren-Sleman-7")
    assert not logs_in(sri.username, PASSWORD)

    # The link works once.
    again = client.get(reset_link(message), follow=True).content.decode()
    assert "Tautan ini tidak berlaku lagi" in again


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, sri, smtp_inbox):
    response = client.post("/akun/lupa-kata-sandi/", {"email": "tidak-ada@contoh.id"})
    assert response.status_code == 302
    assert response["Location"] == "/akun/lupa-kata-sandi/terkirim/"
    assert smtp_inbox == []


def test_a_user_changes_their_password_from_the_menu(client, sri):
    client.force_login(sri)
    assert 'href="/akun/kata-sandi/"' in client.get("/").content.decode() or \
        'href="/akun/kata-sandi/"' in client.get("/", follow=True).content.decode()

    wrong_old = client.post("/akun/kata-sandi/", {
        "old_password": "bukan-ini", "new_password1": "Gula-Aren-Sleman-7",
        "new_password2": "Gula-Aren-Sleman-7"})
    assert wrong_old.status_code == 200 and wrong_old.context["form"].errors["old_password"]

    like_email = client.post("/akun/kata-sandi/", {
        "old_password": PASSWORD, "new_password1": "sriwahyuni",
        "new_password2": "sriwahyuni"})
    assert like_email.status_code == 200
    assert like_email.context["form"].errors["new_password2"]

    changed = client.post("/akun/kata-sandi/", {
        "old_password": PASSWORD, "new_password1": "Gula-Aren-Sleman-7",
        "new_password2": "Gula-Aren-Sleman-7"})
    assert changed.status_code == 302 and changed["Location"] == "/akun/kata-sandi/selesai/"
    # Still logged in on this device, and the new password is the one that works.
    assert "Kata sandi diganti" in client.get(changed["Location"]).content.decode()
    assert logs_in(sri.username, "Gula-Aren-Sleman-7")
    assert not logs_in(sri.username, PASSWORD)


def test_changing_a_password_needs_a_login(client):
    response = client.get("/akun/kata-sandi/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")
