"""A task that takes its time, for the test of the queue's per-task time limit (loaded
only by the worker that test starts: `celery worker --include`)."""

import time
from pathlib import Path

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded


@shared_task(name="guyub.testing.sleepy")
def sleepy(seconds: float, report: str) -> None:
    path = Path(report)
    path.write_text("started")
    try:
        time.sleep(seconds)
    except SoftTimeLimitExceeded:
        path.write_text("stopped by the time limit")
        raise
    path.write_text("finished")
