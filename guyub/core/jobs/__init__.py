"""Periodic jobs as the apps declare them (their AppConfig's `periodic_jobs` hook).

A job is a plain function that does what is due and says what it did, one `Done` per
thing, naming the cooperative it concerns (so each cooperative's officers see their
own lines and nobody else's). Celery beat sends each job on its cron schedule
(schedule.py); the task `guyub.run_job` (tasks.py) runs it and records the run
(services.py), which officers see on the jobs page and can start by hand.

Every job must be idempotent: run twice, or on two machines at once, the second run
finds nothing due and changes nothing."""

from collections.abc import Callable
from dataclasses import dataclass

from ..contributions import contributions


@dataclass(frozen=True)
class Done:
    """One thing a job did (or failed to do), in one cooperative."""
    cooperative_id: int
    text: str
    failed: bool = False


@dataclass(frozen=True)
class Job:
    name: str                         # stable: the schedule and the run records use it
    title: str                        # what officers read on the jobs page (lazy gettext)
    run: Callable[..., list[Done]]    # run(cooperative=None): None means every cooperative
    schedule: str = "* * * * *"       # cron: minute hour day-of-month month day-of-week


def registered_jobs() -> list[Job]:
    return [job for jobs in contributions("periodic_jobs") for job in jobs()]


def job_named(name: str) -> Job | None:
    return next((job for job in registered_jobs() if job.name == name), None)
