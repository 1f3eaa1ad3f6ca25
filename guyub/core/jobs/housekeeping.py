"""The task queue's own periodic job: forget old runs. The scheduler starts every
minutely job 1,440 times a day; a run that found nothing due says nothing worth
keeping after a while, a run that did or failed something is kept longer."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from . import Done, Job
from .models import JobRun, JobRunLine

KEEP_IDLE = dt.timedelta(days=7)
KEEP_ANY = dt.timedelta(days=400)  # past a year-end close and its RAT


def prune_runs(cooperative=None, *, now=None) -> list[Done]:
    if cooperative is not None:
        return []  # the record is the whole installation's, not one cooperative's
    now = now or timezone.now()
    with scopes_disabled():
        lines = JobRunLine.objects.filter(run=OuterRef("pk"))
        finished = JobRun.objects.filter(finished_at__isnull=False)
        idle = finished.filter(finished_at__lt=now - KEEP_IDLE, error="").exclude(Exists(lines))
        idle.delete()
        finished.filter(finished_at__lt=now - KEEP_ANY).delete()
    return []


def jobs() -> list[Job]:
    return [Job("prune_job_runs", gettext_lazy("Menghapus catatan tugas yang sudah lama"),
                prune_runs, schedule="17 3 * * *")]
