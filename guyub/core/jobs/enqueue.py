"""Sending a task once the caller's transaction has committed, without turning a
broker outage into an error page: the write has committed and stands; the task is
logged as not sent, and a periodic job picks up whatever it would have done (every
task sent this way must have such a sweep: the outbox's sender, the round
reminders)."""

import logging

from django.db import transaction

log = logging.getLogger(__name__)


def after_commit(task, *args) -> None:
    def send():
        try:
            task.delay(*args)
        except Exception:  # the broker is down or refuses: the sweep will do it
            log.exception("task %s%r not sent; its periodic sweep will catch up",
                          task.name, args)

    transaction.on_commit(send)
