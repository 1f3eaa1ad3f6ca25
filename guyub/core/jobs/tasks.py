"""The one Celery task behind every periodic job: run it, record it, retry it with
back-off when it fails (3 more times: after about 1, 2 and 4 minutes)."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from . import services

MAX_RETRIES = 3
# The first retry waits this long, each next one twice as long.
RETRY_DELAY = 60


@shared_task(name="guyub.run_job", bind=True, max_retries=MAX_RETRIES)
def run_job(self, name: str, cooperative_id: int | None = None) -> int:
    """Returns how many things the job did (0 when this delivery found its run done)."""
    run = services.start_run(name=name, task_id=self.request.id or "",
                             cooperative_id=cooperative_id)
    if run is None:
        return 0
    try:
        return len(services.run_recorded(run))
    except services.UnknownJob:
        return 0  # recorded as failed; a job that no longer exists is not retried
    except SoftTimeLimitExceeded:
        raise  # recorded; running it again would hit the same limit
    except Exception as exc:
        if self.request.retries >= MAX_RETRIES or self.request.is_eager:
            raise
        services.retry_later(run)
        raise self.retry(exc=exc, countdown=RETRY_DELAY * 2 ** self.request.retries) from exc
