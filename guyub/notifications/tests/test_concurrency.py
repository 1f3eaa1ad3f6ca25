"""Under real concurrency (PostgreSQL: parallel connections, row locks): the same event
notified from two connections at once reaches each person once, and two senders
running side by side never send the same delivery twice."""

import threading
import time

import pytest
from django.db import connection

from guyub.notifications import sending
from guyub.notifications.models import Delivery, Notice
from guyub.notifications.services import notify
from guyub.testing.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _tell(coop, users):
    return notify(cooperative=coop, topic="members.application_received",
                  event_id="member.applied:1", recipients=users,
                  params={"name": "Sri", "business": "Keripik"})


@pytest.fixture
def not_sent(monkeypatch):
    """Nothing queued when notify() commits: the test runs the senders itself."""
    from guyub.notifications import services

    monkeypatch.setattr(services, "_enqueue", lambda ids: None)


def test_the_same_event_from_two_connections_at_once_notifies_each_person_once(
        coop, make_user, not_sent):
    people = [make_user(coop, "member") for _ in range(40)]
    results = at_once(coop, [lambda: _tell(coop, people), lambda: _tell(coop, people),
                             lambda: _tell(coop, people[:20])])
    assert [kind for kind, _ in results] == ["ok", "ok", "ok"], results
    assert sum(count for _, count in results) == 40
    assert Notice.objects.count() == 40
    assert Delivery.objects.count() == 40     # one e-mail each, not one per call


def test_two_senders_side_by_side_send_each_delivery_once(
        coop, make_user, smtp, monkeypatch, not_sent):
    people = [make_user(coop, "member") for _ in range(20)]
    assert _tell(coop, people) == 20
    # Each send holds its row lock a moment longer, so the senders overlap.
    monkeypatch.setattr(Delivery, "save", _slowly(Delivery.save))
    tallies = []

    def sender():
        try:
            tallies.append(sending.send_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(t.sent for t in tallies) == 20
    assert sorted(r for m in smtp.messages for r in m.recipients) == sorted(
        p.email for p in people)
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 1)}
    assert all(t.sent > 0 for t in tallies), "the senders did not work side by side"


def _slowly(save):
    def slow(self, *args, **kwargs):
        time.sleep(0.05)
        return save(self, *args, **kwargs)
    return slow
