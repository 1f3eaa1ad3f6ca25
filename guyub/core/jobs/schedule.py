"""The periodic jobs as celery beat's schedule (CELERY_BEAT_SCHEDULER keeps it in the
database: django-celery-beat installs these entries when beat starts)."""

from celery.schedules import crontab
from django.utils.translation import gettext as _

from . import registered_jobs

EXPIRE_SECONDS = 900


def cron(expression: str) -> crontab:
    minute, hour, day_of_month, month_of_year, day_of_week = expression.split()
    return crontab(minute=minute, hour=hour, day_of_month=day_of_month,
                   month_of_year=month_of_year, day_of_week=day_of_week)


def describe(expression: str) -> str:
    """The common schedules in words for the jobs page (others stay as cron)."""
    minute, hour, day, month, weekday = expression.split()
    if (day, month, weekday) != ("*", "*", "*"):
        return expression
    if hour == "*" and minute == "*":
        return _("setiap menit")
    if hour == "*" and minute.startswith("*/") and minute[2:].isdigit():
        return _("setiap %(n)s menit") % {"n": minute[2:]}
    if hour.isdigit() and minute.isdigit():
        return _("setiap hari pukul %(time)s") % {"time": f"{int(hour):02d}.{int(minute):02d}"}
    return expression


def beat_schedule() -> dict:
    """Every job as one entry. Each runs under the queue's time limit
    (CELERY_TASK_TIME_LIMIT, the soft one 30 s earlier): the database scheduler passes
    no per-entry limits on."""
    return {job.name: {
        "task": "guyub.run_job",
        "schedule": cron(job.schedule),
        "args": (job.name,),
        # A run that waited longer than this is superseded by the next one: no pile-up
        # of minutely runs after an outage (django-celery-beat keeps `expire_seconds`).
        "options": {"expire_seconds": EXPIRE_SECONDS},
    } for job in registered_jobs()}
