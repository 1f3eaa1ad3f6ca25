"""Each job the apps declare becomes an entry of celery beat's schedule, with its cron
times and time limit, and the database scheduler (django-celery-beat) installs them."""

import pytest
from celery.schedules import crontab
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from guyub.celery import app
from guyub.core.jobs.schedule import beat_schedule, cron


def test_the_schedule_has_one_entry_per_job_with_its_cron(fake_job):
    entry = beat_schedule()["pretend"]
    assert entry["task"] == "guyub.run_job" and entry["args"] == ("pretend",)
    assert entry["schedule"] == crontab(minute="*/5")


def test_a_cron_expression_reads_as_five_fields():
    assert cron("30 6 1 * *") == crontab(minute="30", hour="6", day_of_month="1")
    with pytest.raises(ValueError):
        cron("every minute")


def test_the_real_jobs_are_scheduled_every_minute():
    schedule = beat_schedule()
    assert {"close_due_rounds", "close_due_tenders"} <= set(schedule)
    assert schedule["close_due_rounds"]["schedule"] == crontab()


# The scheduler closes the database connection it finds (as beat does between ticks):
# no test transaction may be open around it.
@pytest.mark.django_db(transaction=True)
def test_the_database_scheduler_installs_the_jobs(fake_job):
    app.conf.beat_schedule = beat_schedule()
    scheduler = DatabaseScheduler(app=app, lazy=True)
    scheduler.setup_schedule()
    task = PeriodicTask.objects.get(name="pretend")
    assert (task.task, task.args) == ("guyub.run_job", '["pretend"]')
    assert task.crontab.minute == "*/5"
    # What beat sends: a run that waited past this is dropped, not piled up.
    assert task.expire_seconds == 900
    assert scheduler.schedule["pretend"].options["expires"] == 900


def test_the_jobs_page_says_the_common_schedules_in_words():
    from guyub.core.jobs.schedule import describe

    assert describe("* * * * *") == "setiap menit"
    assert describe("*/5 * * * *") == "setiap 5 menit"
    assert describe("0 8 * * *") == "setiap hari pukul 08.00"
    assert describe("30 6 1 * *") == "30 6 1 * *"   # rarer ones stay as cron
