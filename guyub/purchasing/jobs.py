"""Purchasing's scheduled jobs: close the collective purchase rounds whose closing time
has passed, and move the tenders whose deadline has passed to evaluation. Each locks
and re-checks its rows, so a second run (or a second machine) changes nothing."""

from guyub.core.jobs import Job

from .rounds import schedule as round_schedule
from .tenders import schedule as tender_schedule


def close_due_rounds() -> list[str]:
    return [f"Closed round {r.pk} ({r.cooperative.slug}): {r.title}"
            for r in round_schedule.close_due_rounds()]


def close_due_tenders() -> list[str]:
    return [f"Tender {t.pk} ({t.cooperative.slug}) past its deadline: {t.item.name}, "
            f"now in evaluation" for t in tender_schedule.close_due_tenders()]


def jobs() -> list[Job]:
    return [Job("close_due_rounds", close_due_rounds, "round(s) closed"),
            Job("close_due_tenders", close_due_tenders, "tender(s) to evaluation")]
