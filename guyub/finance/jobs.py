"""finance's periodic jobs (deadlines). Each locks and re-checks its rows, so a second
run changes nothing."""

from guyub.core.jobs import Job


def jobs() -> list[Job]:
    # The unclaimed-SHU job joins here (shu/unclaimed.py).
    return []
