"""The periodic jobs on real workers and real brokers: the embedded SQLite broker that
`make run` uses and Redis as in production. A failed run is retried with back-off
until it succeeds; a task that overruns its time limit is stopped."""

import time

import pytest
from celery.exceptions import SoftTimeLimitExceeded

from guyub.celery import app
from guyub.core.jobs import tasks
from guyub.core.jobs.models import JobRun
from guyub.core.jobs.tasks import run_job
from guyub.testing.queue import broker, broker_url, threaded_worker, wait_for, worker_process

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["sqlite", "redis"])
def queue(request, tmp_path):
    return broker_url(request.param, tmp_path)


def finished_run(task_id):
    return JobRun.objects.filter(task_id=task_id, finished_at__isnull=False,
                                 status__in=["ok"]).first()


def test_a_worker_runs_the_job_sent_to_the_queue(queue, fake_job, coop):
    fake_job.due = [(coop.pk, "putaran A")]
    with threaded_worker(app, queue):
        run_job.apply_async(("pretend",), task_id="beat-1")
        run = wait_for(lambda: finished_run("beat-1"))
    assert (run.status, run.attempts) == ("ok", 1)
    assert fake_job.done == [(coop.pk, "putaran A")]


def test_a_failed_run_is_retried_with_back_off_until_it_succeeds(
        queue, fake_job, coop, monkeypatch):
    monkeypatch.setattr(tasks, "RETRY_DELAY", 1)
    fake_job.due = [(coop.pk, "putaran A")]
    fake_job.fail_with = ConnectionError("gudang tidak menjawab")
    attempts = []
    real_run = fake_job.run

    def flaky(cooperative=None):
        attempts.append(time.monotonic())
        if len(attempts) == 3:
            fake_job.fail_with = None
        return real_run(cooperative)

    monkeypatch.setattr(fake_job, "run", flaky)
    from guyub.core import jobs
    from guyub.core.jobs import Job
    monkeypatch.setattr(jobs, "contributions",
                        lambda hook: [lambda: [Job("pretend", "Tugas pura-pura", flaky)]])
    with threaded_worker(app, queue):
        run_job.apply_async(("pretend",), task_id="beat-1")
        run = wait_for(lambda: finished_run("beat-1"), timeout=40)
    assert (run.status, run.attempts, run.error) == ("ok", 3, "")
    assert fake_job.done == [(coop.pk, "putaran A")]
    # Back-off: the second wait is about twice the first (1 s, then 2 s).
    first, second = attempts[1] - attempts[0], attempts[2] - attempts[1]
    assert first >= 0.9 and second >= 1.8


def test_a_soft_time_limit_is_recorded_as_the_reason(fake_job, coop):
    fake_job.fail_with = SoftTimeLimitExceeded("SoftTimeLimitExceeded()")
    run_job.apply(("pretend",), task_id="slow-1")
    run = JobRun.objects.get(task_id="slow-1")
    assert run.status == "failed" and run.error.startswith("SoftTimeLimitExceeded")


def test_a_worker_process_stops_a_task_at_its_time_limit(queue, tmp_path):
    # The limit needs the worker's process pool (prefork), as production runs it.
    report = tmp_path / "report.txt"
    with worker_process(queue, include="guyub.testing.sleepy_tasks") as worker, \
            broker(app, queue):
        app.send_task("guyub.testing.sleepy", (30, str(report)),
                      soft_time_limit=2, time_limit=10)
        wait_for(lambda: report.exists() and report.read_text() != "started", timeout=60)
        assert worker.poll() is None, "the worker died"
    assert report.read_text() == "stopped by the time limit"
