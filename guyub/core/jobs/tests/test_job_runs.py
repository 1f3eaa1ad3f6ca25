"""A periodic job's run is recorded (when, how it ended, what it did in each
cooperative); the same task delivered twice does the work once; a failure keeps its
reason."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.jobs import services
from guyub.core.jobs.models import JobRun, JobRunLine
from guyub.core.jobs.tasks import run_job

pytestmark = pytest.mark.django_db


def deliver(task_id: str, cooperative_id=None):
    """What a worker does with one delivery of the task (eager: in this process)."""
    return run_job.apply(("pretend",), {"cooperative_id": cooperative_id}, task_id=task_id)


def test_a_run_records_what_it_did_in_each_cooperative(fake_job, coop, other_coop):
    fake_job.due = [(coop.pk, "putaran A"), (other_coop.pk, "putaran B")]
    assert deliver("t-1").get() == 2
    run = JobRun.objects.get(task_id="t-1")
    assert (run.job, run.status, run.attempts, run.error) == ("pretend", "ok", 1, "")
    assert run.started_at <= run.finished_at
    with scope(cooperative=coop):
        assert [line.text for line in JobRunLine.objects.all()] == ["dikerjakan: putaran A"]
    with scope(cooperative=other_coop):
        assert [line.text for line in JobRunLine.objects.all()] == ["dikerjakan: putaran B"]


def test_the_same_task_delivered_again_does_nothing(fake_job, coop):
    # A worker died after the work but before acknowledging: the broker hands the same
    # task (same id) to another worker.
    fake_job.due = [(coop.pk, "putaran A")]
    deliver("t-1")
    assert deliver("t-1").get() == 0
    assert len(fake_job.calls) == 1
    assert JobRun.objects.count() == 1
    with scope(cooperative=coop):
        assert JobRunLine.objects.count() == 1


def test_a_new_run_finds_nothing_left_to_do(fake_job, coop):
    fake_job.due = [(coop.pk, "putaran A")]
    deliver("t-1")
    assert deliver("t-2").get() == 0
    assert fake_job.done == [(coop.pk, "putaran A")]
    assert list(JobRun.objects.values_list("status", flat=True)) == ["ok", "ok"]


def test_a_failure_is_recorded_with_its_reason(fake_job, coop):
    fake_job.fail_with = RuntimeError("database tidak menjawab")
    result = deliver("t-1")
    assert result.failed()
    run = JobRun.objects.get(task_id="t-1")
    assert run.status == "failed"
    assert run.error == "RuntimeError: database tidak menjawab"
    assert run.finished_at is not None


def test_a_failed_line_fails_the_run_but_keeps_what_was_done(fake_job, coop):
    fake_job.due = [(coop.pk, "putaran A"), (coop.pk, "putaran B")]
    fake_job.cannot = {"putaran B"}
    assert deliver("t-1").failed()
    run = JobRun.objects.get(task_id="t-1")
    # The reason stays in the cooperative's lines; the run's error is for whole-run
    # failures, which every cooperative's officers see.
    assert (run.status, run.error) == ("failed", "")
    with scope(cooperative=coop):
        assert sorted(JobRunLine.objects.values_list("text", "failed")) == [
            ("dikerjakan: putaran A", False), ("gagal: putaran B", True)]
    assert fake_job.due == [(coop.pk, "putaran B")]


def test_a_job_that_no_longer_exists_is_recorded_as_failed_not_retried(fake_job):
    run_job.apply(("vanished",), task_id="t-1")
    run = JobRun.objects.get(task_id="t-1")
    assert (run.status, run.error) == ("failed", "UnknownJob: vanished")


def test_a_hand_run_works_only_on_its_own_cooperative(
        fake_job, coop, other_coop, board, django_capture_on_commit_callbacks):
    fake_job.due = [(coop.pk, "putaran A"), (other_coop.pk, "putaran B")]
    with django_capture_on_commit_callbacks(execute=True):
        run = services.queue_run(name="pretend", cooperative=coop, user=board)
    run.refresh_from_db()
    assert (run.status, run.cooperative_id, run.started_by_id) == ("ok", coop.pk, board.pk)
    assert fake_job.due == [(other_coop.pk, "putaran B")]
    uuid.UUID(run.task_id)  # the Celery task id the run was sent with


def test_old_idle_runs_are_forgotten_and_runs_that_did_something_are_kept(fake_job, coop):
    from guyub.core.jobs.housekeeping import prune_runs

    fake_job.due = [(coop.pk, "putaran A")]
    deliver("did-something")
    deliver("idle")
    fake_job.fail_with = RuntimeError("database tidak menjawab")
    deliver("failed")
    later = timezone.now() + dt.timedelta(days=8)
    prune_runs(now=later)
    assert sorted(JobRun.objects.values_list("task_id", flat=True)) == [
        "did-something", "failed"]
    prune_runs(now=later + dt.timedelta(days=400))
    assert not JobRun.objects.exists()
    with scope(cooperative=coop):
        assert not JobRunLine.objects.exists()


def test_a_retry_replaces_the_failed_lines_and_keeps_what_was_done(fake_job, coop):
    fake_job.due = [(coop.pk, "putaran A"), (coop.pk, "putaran B")]
    fake_job.cannot = {"putaran B"}
    assert deliver("t-1").failed()
    run = JobRun.objects.get(task_id="t-1")
    services.retry_later(run)          # what the task does before Celery retries it
    fake_job.cannot = set()
    assert deliver("t-1").get() == 1   # the retry: the same task id again
    with scope(cooperative=coop):
        assert sorted(JobRunLine.objects.values_list("text", "failed")) == [
            ("dikerjakan: putaran A", False), ("dikerjakan: putaran B", False)]
    assert JobRun.objects.get(task_id="t-1").status == "ok"
