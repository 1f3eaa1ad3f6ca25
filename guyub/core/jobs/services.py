"""Running a periodic job and keeping its record (models.JobRun)."""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from ..audit import log_action
from ..models import Cooperative
from . import Done, job_named
from .models import JobRun, JobRunLine

# A reason is shown on the jobs page; the full traceback is in the worker's log.
MAX_ERROR = 2000


class UnknownJob(LookupError):
    pass


class JobFailed(RuntimeError):
    """The job did its work but some of it failed (its failed lines say what): the
    task retries it, with back-off, like a job that raised."""


@transaction.atomic
def queue_run(*, name: str, cooperative: Cooperative, user) -> JobRun:
    """Officers' "run now": one run for their own cooperative, recorded at once (so the
    page shows it waiting) and sent to the queue when the transaction commits."""
    from .tasks import run_job  # the task module imports this one

    job = job_named(name)
    if job is None:
        raise UnknownJob(name)
    run = JobRun.objects.create(job=name, task_id=str(uuid.uuid4()),
                                cooperative=cooperative, started_by=user)
    log_action(cooperative=cooperative, actor=user, action="job.run", job=str(job.title))
    def send():
        try:
            run_job.apply_async((name,), {"cooperative_id": cooperative.pk},
                                task_id=run.task_id)
        except Exception as exc:  # the broker is down: the page says so, no error page
            finish(run, [], error=f"{_('Antrean tugas tidak dapat dihubungi')}: "
                                  f"{type(exc).__name__}: {exc}")

    transaction.on_commit(send)
    return run


def start_run(*, name: str, task_id: str, cooperative_id: int | None) -> JobRun | None:
    """The run this task delivery records, or None when it already finished (a second
    delivery of the same task: the work is done, nothing more to do)."""
    with transaction.atomic():
        run, _created = JobRun.objects.select_for_update().get_or_create(
            task_id=task_id, defaults={"job": name, "cooperative_id": cooperative_id})
        if run.finished:
            return None
        if run.attempts:
            # A retry: what the last attempt could not do is tried again now, so its
            # failed lines give way to this attempt's (what it did do stays).
            with scopes_disabled():
                JobRunLine.objects.filter(run=run, failed=True).delete()
        run.status = JobRun.Status.RUNNING
        run.started_at = timezone.now()
        run.attempts += 1
        run.save(update_fields=["status", "started_at", "attempts"])
    return run


def run_recorded(run: JobRun) -> list[Done]:
    """Run `run`'s job and record how it went; raises (after recording) when it failed,
    so that the task can retry it."""
    job = job_named(run.job)
    try:
        if job is None:
            raise UnknownJob(run.job)
        cooperative = (Cooperative.objects.get(pk=run.cooperative_id)
                       if run.cooperative_id else None)
        done = job.run(cooperative=cooperative)
    except BaseException as exc:
        finish(run, [], error=f"{type(exc).__name__}: {exc}")
        raise
    failed = [d for d in done if d.failed]
    # A failure in one cooperative stays in that cooperative's lines (its officers read
    # them); the run's own error is only for a failure of the whole run, which every
    # cooperative's officers see.
    finish(run, done)
    if failed:
        raise JobFailed(f"{len(failed)} failed")
    return done


def finish(run: JobRun, done: list[Done], *, error: str = "") -> None:
    with transaction.atomic():
        JobRunLine.objects.bulk_create(
            JobRunLine(run=run, cooperative_id=d.cooperative_id, text=d.text[:300],
                       failed=d.failed) for d in done)
        failed = bool(error) or any(d.failed for d in done)
        run.status = JobRun.Status.FAILED if failed else JobRun.Status.OK
        run.error = error[:MAX_ERROR]
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])


def retry_later(run: JobRun) -> None:
    """A failed attempt that the queue will try again: it waits, it has not finished."""
    JobRun.objects.filter(pk=run.pk).update(status=JobRun.Status.QUEUED)
