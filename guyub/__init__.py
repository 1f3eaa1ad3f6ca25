# The Celery app loads with Django, so that `shared_task`s bind to it and
# `task.delay()` from a view reaches the configured broker.
from .celery import app as celery_app

__all__ = ("celery_app",)
