# Celery finds each app's tasks in its `tasks` module.
from .jobs.tasks import run_job  # noqa: F401
