"""E-mail through a real SMTP server: notices arrive; while the server is down they
wait in the outbox (attempts counted, nothing lost) and go out, each exactly once,
when it is back."""

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.core.jobs.tasks import run_job
from guyub.notifications import sending
from guyub.notifications.models import Delivery
from guyub.notifications.services import notify, save_preferences
from guyub.notifications.tasks import send_notices

from .conftest import time_passes

pytestmark = pytest.mark.django_db

PARAMS = {"name": "Sri Wahyuni", "business": "Keripik Tempe Sri"}


def _notify(coop, recipients, event_id="member.applied:7"):
    return notify(cooperative=coop, topic="members.application_received", event_id=event_id,
                  recipients=recipients, link="/k/maju/permohonan/", params=PARAMS)


def test_a_notice_arrives_by_email_with_its_absolute_link(
        coop, officers, smtp, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://guyub.contoh.id"
    with django_capture_on_commit_callbacks(execute=True):
        _notify(coop, [officers["board"]])
    (message,) = smtp.to(officers["board"].email)
    assert message["Subject"].strip() == f"Permohonan keanggotaan masuk · {coop.name}"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Sri Wahyuni (Keripik Tempe Sri) mengajukan permohonan menjadi anggota." in text
    assert "https://guyub.contoh.id/k/maju/permohonan/" in text
    assert "https://guyub.contoh.id/notifikasi/pengaturan/" in text
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.sent_at is not None) == ("sent", 1, True)


def test_an_english_user_reads_the_notice_in_english(
        coop, officers, smtp, django_capture_on_commit_callbacks):
    save_preferences(user=officers["staff"], language="en", whatsapp="",
                     channels={})
    with django_capture_on_commit_callbacks(execute=True):
        _notify(coop, [officers["staff"], officers["board"]])
    (english,) = smtp.to(officers["staff"].email)
    (indonesian,) = smtp.to(officers["board"].email)
    assert english["Subject"].strip().startswith("Membership application received")
    assert "Sri Wahyuni (Keripik Tempe Sri) applied for membership." in english.get_body(
        preferencelist=("plain",)).get_content()
    assert indonesian["Subject"].strip().startswith("Permohonan keanggotaan masuk")


def test_notices_written_while_smtp_is_down_wait_and_arrive_once_when_it_is_back(
        coop, make_user, smtp, django_capture_on_commit_callbacks):
    people = [make_user(coop, "member") for _ in range(5)]
    smtp.stop()
    with django_capture_on_commit_callbacks(execute=True):   # the queued task tries once
        assert _notify(coop, people) == 5
    assert smtp.messages == []
    waiting = Delivery.objects.all()
    assert {(d.status, d.attempts) for d in waiting} == {("pending", 1)}
    assert all("SMTP" in d.error for d in waiting)
    assert all(d.next_attempt_at > timezone.now() for d in waiting)   # backing off

    # Not due yet: the periodic run leaves them alone.
    assert sending.send_due().sent == 0
    time_passes()
    assert sending.send_due().retrying == 5                          # still down
    assert {d.attempts for d in Delivery.objects.all()} == {2}

    smtp.start()
    sending.send_due()
    assert sending.send_due().sent == 0      # nothing due: the back-off still runs
    time_passes()
    run_job.apply(("send_notifications",), task_id="minute-1")      # the periodic job
    run_job.apply(("send_notifications",), task_id="minute-2")
    assert sorted(r for m in smtp.messages for r in m.recipients) == sorted(
        p.email for p in people)
    assert {(d.status, d.attempts, d.error) for d in Delivery.objects.all()} == {
        ("sent", 3, "")}
    # The record of the periodic job says what it did.
    from guyub.core.jobs.models import JobRunLine
    with scopes_disabled():
        assert "5 terkirim" in JobRunLine.objects.get(run__task_id="minute-1").text


def test_the_same_task_delivered_twice_sends_nothing_twice(
        coop, officers, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        _notify(coop, [officers["board"], officers["staff"]])
    notice_ids = list(Delivery.objects.values_list("notice_id", flat=True))
    queued[0]()                                   # the worker ran it
    send_notices.apply((notice_ids,))             # and it came again (no ack)
    send_notices.apply((notice_ids,))
    assert len(smtp.messages) == 2


def test_backoff_doubles_and_stops_at_an_hour():
    assert [sending.backoff(n).total_seconds() / 60 for n in range(1, 9)] == [
        1, 2, 4, 8, 16, 32, 60, 60]


def test_after_the_last_attempt_the_delivery_fails_with_its_reason(
        coop, officers, smtp, django_capture_on_commit_callbacks):
    smtp.stop()
    with django_capture_on_commit_callbacks(execute=True):
        _notify(coop, [officers["board"]])
    for _ in range(sending.MAX_ATTEMPTS):
        time_passes()
        sending.send_due()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", sending.MAX_ATTEMPTS)
    assert delivery.error.startswith("SMTP: ")
    smtp.start()
    time_passes()
    assert sending.send_due().sent == 0 and smtp.messages == []   # failed is final
