"""notify() on a real queue: the embedded SQLite broker and Redis, a real worker, a
real SMTP server. The task goes to the broker when the caller's transaction commits."""

import pytest
from django.db import transaction

from guyub.celery import app
from guyub.notifications.models import Delivery
from guyub.notifications.services import notify
from guyub.testing.queue import broker_url, threaded_worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["sqlite", "redis"])
def queue(request, tmp_path):
    return broker_url(request.param, tmp_path)


def test_a_worker_sends_what_notify_queued_on_commit(queue, coop, make_user, smtp):
    people = [make_user(coop, "member") for _ in range(3)]
    with threaded_worker(app, queue):
        with transaction.atomic():
            notify(cooperative=coop, topic="members.application_received",
                   event_id="member.applied:5", recipients=people,
                   params={"name": "Sri", "business": "Keripik"})
        wait_for(lambda: len(smtp.messages) == 3)
        wait_for(lambda: not Delivery.objects.exclude(status="sent").exists())
    assert sorted(r for m in smtp.messages for r in m.recipients) == sorted(
        p.email for p in people)
