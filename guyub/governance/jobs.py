"""governance's periodic jobs (deadlines). Each locks and re-checks its rows or tells
under a stable event id, so a second run changes nothing."""

from guyub.core.jobs import Job


def jobs() -> list[Job]:
    return []
