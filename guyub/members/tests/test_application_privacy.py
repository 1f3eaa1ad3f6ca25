"""The public application form does not tell anyone whether an e-mail already has an
account on the platform; the owner of the address is told by e-mail (real SMTP server).
Its password is checked against the account it will create."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from guyub.members.models import Member
from guyub.testing.mail import body

PASSWORD = "Kopi-Sleman-2024"


def apply_url(coop):
    return reverse("members:apply", args=[coop.slug])


@pytest.fixture
def application(form_data):
    return {**form_data, "email": "Sri@Contoh.id", "password1": PASSWORD,
            "password2": PASSWORD}


def members_of(coop):
    with scopes_disabled():
        return list(Member.objects.filter(cooperative=coop))


def test_an_email_with_an_account_gets_the_same_answer_and_its_owner_an_email(
        client, coop, other_coop, application, django_user_model, smtp_inbox):
    fresh = client.post(apply_url(coop), {**application, "email": "baru@contoh.id"})
    django_user_model.objects.create_user(username="sri@contoh.id", email="sri@contoh.id",
                                          password="Sandi-Lama-99")
    taken = client.post(apply_url(other_coop), application)

    assert (taken.status_code, taken["Location"]) == (
        fresh.status_code, fresh["Location"].replace(coop.slug, other_coop.slug))
    assert members_of(other_coop) == []
    assert django_user_model.objects.filter(username__iexact="sri@contoh.id").count() == 1
    user = django_user_model.objects.get(username="sri@contoh.id")
    assert user.check_password("Sandi-Lama-99")  # the form changed nothing on the account

    [message] = smtp_inbox
    assert message.recipients == ["sri@contoh.id"]
    text = body(message)
    assert other_coop.name in text
    assert "sudah punya akun Guyub" in text
    assert f"/masuk/?next=/k/{other_coop.slug}/daftar/" in text


def test_the_page_is_the_same_when_the_mail_cannot_be_sent(client, coop, application,
                                                           django_user_model, settings):
    # No SMTP server at that port: the applicant still sees the usual answer.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    django_user_model.objects.create_user(username="sri@contoh.id", password="x")
    response = client.post(apply_url(coop), application)
    assert response.status_code == 302
    assert response["Location"] == reverse("members:applied", args=[coop.slug])


def test_a_password_like_the_email_name_is_refused(client, coop, application,
                                                   django_user_model):
    response = client.post(apply_url(coop), {**application, "email": "kopisleman@contoh.id",
                                             "password1": "kopisleman",
                                             "password2": "kopisleman"})
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not django_user_model.objects.exists()
