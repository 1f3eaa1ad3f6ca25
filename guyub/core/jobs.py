"""Scheduled jobs as the apps declare them (their AppConfig's `periodic_jobs` hook);
`manage.py run_jobs` runs them."""

from collections.abc import Callable
from dataclasses import dataclass

from .contributions import contributions


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], list[str]]   # one line per thing it did
    done: str                      # the count's words in the pass summary


def registered_jobs() -> list[Job]:
    return [job for jobs in contributions("periodic_jobs") for job in jobs()]
