"""The task queue (Celery). Workers run the apps' tasks (each app's `tasks.py`) and
the scheduler (celery beat) sends the periodic jobs the apps declare through their
AppConfig's `periodic_jobs` hook (guyub.core.jobs).

    celery -A guyub worker     # as many as needed, on as many machines as needed
    celery -A guyub beat       # exactly one

The broker is Redis in production (REDIS_URL or CELERY_BROKER_URL) and, with neither
set, a SQLite file under var/ (the embedded default: no extra service to run)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guyub.settings")

app = Celery("guyub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _schedule_periodic_jobs(sender, **kwargs):
    # The apps' jobs are known once Django's app registry is ready, which it is by the
    # time Celery finalizes (the worker and beat set Django up first).
    from guyub.core.jobs.schedule import beat_schedule

    sender.conf.beat_schedule = beat_schedule()
