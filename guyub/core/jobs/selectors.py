"""What the jobs page shows a cooperative's officers: each periodic job, its last run,
its last failure, and the recent runs that did something in their cooperative. A run
over every cooperative shows only the lines about theirs."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from ..models import Cooperative
from . import Job, registered_jobs
from .models import JobRun, JobRunLine
from .schedule import describe

RECENT = 20


def visible_runs(cooperative: Cooperative):
    """The scheduled runs (over every cooperative) and this cooperative's hand runs,
    each with `failed_here`: it failed as a whole, or in this cooperative (a run that
    failed only in another cooperative is a success here)."""
    failed_lines = JobRunLine.objects.filter(run=OuterRef("pk"), cooperative=cooperative,
                                             failed=True)
    return (JobRun.objects.filter(Q(cooperative__isnull=True) | Q(cooperative=cooperative))
            .annotate(failed_here=Exists(failed_lines) | ~Q(error="")))


def overview(cooperative: Cooperative) -> list[dict]:
    runs = visible_runs(cooperative)
    rows = []
    for job in registered_jobs():
        mine = runs.filter(job=job.name)
        last_failure = mine.filter(failed_here=True).first()
        rows.append({
            "job": job,
            "cron": job.schedule,
            "when": describe(job.schedule),
            "last": mine.first(),
            "last_failure": last_failure,
            "failure_reason": last_failure and failure_reason(last_failure, cooperative),
        })
    return rows


def shown_error(run: JobRun) -> str:
    """A run's own error as officers see it. A scheduled run served every cooperative,
    so its message (which may name any of them) stays in the worker's log; the kind of
    failure is enough to tell the operators. A run by hand was this cooperative's."""
    if not run.error or run.cooperative_id is not None:
        return run.error
    kind = run.error.split(":", 1)[0]
    return _("%(kind)s (rinciannya ada di log pekerja)") % {"kind": kind}


def failure_reason(run: JobRun, cooperative: Cooperative) -> str:
    if run.error:
        return shown_error(run)
    return "; ".join(JobRunLine.objects.filter(run=run, cooperative=cooperative, failed=True)
                     .values_list("text", flat=True))


def recent_activity(cooperative: Cooperative, job: Job | None = None) -> list[dict]:
    """The latest runs that did something here, failed, or were started by hand here,
    each with this cooperative's lines."""
    lines_here = JobRunLine.objects.filter(run=OuterRef("pk"), cooperative=cooperative)
    runs = (visible_runs(cooperative)
            .filter(Exists(lines_here) | Q(failed_here=True) | Q(cooperative=cooperative))
            .select_related("started_by"))
    if job is not None:
        runs = runs.filter(job=job.name)
    runs = list(runs[:RECENT])
    lines: dict[int, list] = {}
    for line in JobRunLine.objects.filter(cooperative=cooperative,
                                          run__in=[r.pk for r in runs]):
        lines.setdefault(line.run_id, []).append(line)
    titles = {j.name: j.title for j in registered_jobs()}
    return [{"run": r, "title": titles.get(r.job, r.job), "lines": lines.get(r.pk, []),
             "error": shown_error(r)} for r in runs]
