"""WhatsApp through a stand-in for the Cloud API (a real HTTP server in the test) that
checks the path, the bearer token and the template message's JSON."""

import pytest

from guyub.notifications import sending
from guyub.notifications.models import Delivery
from guyub.notifications.services import notify, save_preferences
from guyub.testing.factories import MemberFactory

from .conftest import time_passes

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(coop, officers):
    user = officers["member"]
    save_preferences(user=user, language="id", whatsapp="",
                     channels={"members.application_approved": ["whatsapp"]})
    MemberFactory(cooperative=coop, user=user, phone="0812 3456 7890")
    return user


def _approve(coop, user, event="member.approved:9"):
    return notify(cooperative=coop, topic="members.application_approved", event_id=event,
                  recipients=[user], link="/k/maju/saya/",
                  params={"coop": coop.name, "number": "42"})


def test_a_notice_goes_out_as_a_template_message(coop, applicant, whatsapp, settings,
                                                  django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://guyub.contoh.id"
    with django_capture_on_commit_callbacks(execute=True):
        _approve(coop, applicant)
    (body,) = whatsapp.received
    assert body["to"] == "6281234567890"
    assert body["template"]["name"] == "guyub_pemberitahuan"
    assert body["template"]["language"] == {"code": "id"}
    texts = [p["text"] for p in body["template"]["components"][0]["parameters"]]
    assert texts == [coop.name, f"Selamat, permohonan Anda menjadi anggota {coop.name} "
                                "disetujui. Nomor anggota Anda: 42.",
                     "https://guyub.contoh.id/k/maju/saya/"]
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.reference) == ("sent", "wamid.UJI1")


def test_a_server_error_is_retried_and_then_sent_once(
        coop, applicant, whatsapp, django_capture_on_commit_callbacks):
    whatsapp.answers = [500, 503]
    with django_capture_on_commit_callbacks(execute=True):
        _approve(coop, applicant)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.error == "WhatsApp HTTP 500: Stand-in error 500"
    time_passes()
    sending.send_due()
    time_passes()
    sending.send_due()
    time_passes()
    sending.send_due()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 3, "")
    assert len(whatsapp.received) == 1 and [s for s, _ in whatsapp.refused] == [500, 503]


def test_a_refused_request_fails_at_once_with_the_apis_reason(
        coop, applicant, whatsapp, settings, django_capture_on_commit_callbacks):
    settings.WHATSAPP_TOKEN = "kedaluwarsa"
    with django_capture_on_commit_callbacks(execute=True):
        _approve(coop, applicant)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert delivery.error == "WhatsApp HTTP 401: Invalid OAuth access token."


def test_throttling_is_retried_not_failed(coop, applicant, whatsapp,
                                          django_capture_on_commit_callbacks):
    whatsapp.answers = [429]
    with django_capture_on_commit_callbacks(execute=True):
        _approve(coop, applicant)
    assert Delivery.objects.get().status == "pending"


def test_an_api_that_does_not_answer_is_retried(coop, applicant, whatsapp, settings,
                                                django_capture_on_commit_callbacks):
    whatsapp.stop()
    with django_capture_on_commit_callbacks(execute=True):
        _approve(coop, applicant)
    delivery = Delivery.objects.get()
    assert delivery.status == "pending" and delivery.error.startswith("WhatsApp: ConnectionError")
    settings.WHATSAPP_API_URL = whatsapp.start()   # back (on a new port)
    time_passes()
    assert sending.send_due().sent == 1
    assert len(whatsapp.received) == 1
