"""The periodic jobs as celery beat's schedule (CELERY_BEAT_SCHEDULER keeps it in the
database: django-celery-beat installs these entries when beat starts)."""

from celery.schedules import crontab
from django.conf import settings

from . import registered_jobs


def cron(expression: str) -> crontab:
    minute, hour, day_of_month, month_of_year, day_of_week = expression.split()
    return crontab(minute=minute, hour=hour, day_of_month=day_of_month,
                   month_of_year=month_of_year, day_of_week=day_of_week)


def beat_schedule() -> dict:
    schedule = {}
    for job in registered_jobs():
        limit = job.time_limit or settings.CELERY_TASK_TIME_LIMIT
        schedule[job.name] = {
            "task": "guyub.run_job",
            "schedule": cron(job.schedule),
            "args": (job.name,),
            "options": {"time_limit": limit, "soft_time_limit": max(1, limit - 30),
                        # A job that waited longer than its period is superseded by the
                        # next one: no pile-up of minutely runs after an outage.
                        "expires": 900},
        }
    return schedule
