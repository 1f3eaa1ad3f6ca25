"""The preferences page: language, WhatsApp number, channels per topic; bad input is
a clear error on the page, never a 500."""

from urllib.parse import urlencode

import pytest
from django.test import Client

from guyub.notifications.models import Delivery, Preferences
from guyub.notifications.services import notify

pytestmark = pytest.mark.django_db

URL = "/notifikasi/pengaturan/"


@pytest.fixture
def ani(coop, make_user):
    return make_user(coop, "board")


@pytest.fixture
def client(ani):
    client = Client()
    client.force_login(ani)
    return client


def _form(**changes):
    data = {"language": "en", "whatsapp": "0812 3456 7890",
            "topic__members__application_received": ["whatsapp"],
            "topic__members__application_approved": ["email", "whatsapp"]}
    data.update(changes)
    return data


def test_the_page_shows_every_topic_with_its_default_channels(client):
    html = client.get(URL).content.decode()
    assert "Permohonan keanggotaan masuk" in html
    assert 'name="topic__members__application_received" value="email"' in html
    # Defaults: every channel on.
    assert html.count("checked") >= 6


def test_choices_are_saved_and_used_by_the_next_notice(client, ani, coop, whatsapp):
    response = client.post(URL, _form())
    assert response.status_code == 302
    prefs = Preferences.objects.get(user=ani)
    assert (prefs.language, prefs.whatsapp) == ("en", "0812 3456 7890")
    members = {k: v for k, v in prefs.channels.items() if k.startswith("members.")}
    assert members == {"members.application_received": ["whatsapp"],
                              "members.application_approved": ["email", "whatsapp"],
                              "members.application_rejected": []}
    notify(cooperative=coop, topic="members.application_received", event_id="e1",
           recipients=[ani], params={"name": "Sri", "business": "Keripik"})
    notify(cooperative=coop, topic="members.application_rejected", event_id="e2",
           recipients=[ani], params={"coop": coop.name, "reason": "Belum lengkap"})
    assert sorted(Delivery.objects.values_list("notice__event_id", "channel", "address")) == [
        ("e1", "whatsapp", "6281234567890")]


def test_the_form_shows_what_was_saved(client):
    client.post(URL, _form())
    html = client.get(URL).content.decode()
    assert 'value="0812 3456 7890"' in html
    assert '<option value="en" selected>' in html


@pytest.mark.parametrize("field, value", [
    ("whatsapp", "bukan nomor"),
    ("whatsapp", "0812" * 2000),
    ("whatsapp", "\ud800"),
    ("whatsapp", "0812\x003456"),
    ("language", "xx"),
    ("language", "\x00"),
    ("topic__members__application_received", ["sms"]),
    ("topic__members__application_received", ["e" * 100_000]),
])
def test_nasty_input_is_a_clear_error_not_a_500(client, ani, field, value):
    # Sent as a browser would send the bytes (a lone surrogate as its UTF-8 form).
    body = urlencode(_form(**{field: value}), doseq=True, errors="surrogatepass")
    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert not Preferences.objects.filter(user=ani).exists()
    html = response.content.decode()
    assert 'role="alert"' in html or "tidak" in html.lower() or "invalid" in html.lower()


def test_a_wrong_number_is_named_on_the_page(client):
    response = client.post(URL, _form(whatsapp="bukan nomor"))
    assert "Bukan nomor telepon" in response.content.decode()
