"""The queue's broker down when a notice is written: the write that made it commits
and answers as usual, the notice waits in the outbox, and the periodic sender sends
it once the mail server answers."""

import pytest

from guyub.celery import app
from guyub.core.jobs.tasks import run_job
from guyub.notifications.models import Delivery
from guyub.notifications.services import notify
from guyub.testing.queue import broker

pytestmark = pytest.mark.django_db


def test_a_notice_written_while_the_broker_is_down_is_sent_by_the_periodic_sender(
        coop, officers, smtp, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setitem(app.conf, "broker_connection_timeout", 1)
    monkeypatch.setitem(app.conf, "task_publish_retry_policy",
                        {"max_retries": 1, "interval_start": 0})
    with broker(app, "redis://127.0.0.1:9/0"), \
            django_capture_on_commit_callbacks(execute=True):
        notify(cooperative=coop, topic="members.application_received", event_id="e-1",
               recipients=[officers["board"]],
               params={"name": "Sri Wahyuni", "business": "Keripik Tempe Sri"})
    assert Delivery.objects.get().status == "pending" and smtp.to(officers["board"].email) == []
    run_job.apply(("send_notifications",), task_id="beat-1")
    assert Delivery.objects.get().status == "sent"
    assert len(smtp.to(officers["board"].email)) == 1
