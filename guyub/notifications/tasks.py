"""The task notify() queues when its transaction commits: send those notices'
deliveries now. Delivered twice (a worker died before acknowledging it), the second
run finds them sent and sends nothing; a failure waits in the outbox for the periodic
job `send_notifications` (jobs.py), so the task itself never retries."""

from celery import shared_task

from . import sending


@shared_task(name="guyub.notifications.send_notices")
def send_notices(notice_ids: list[int]) -> int:
    return sending.send_due(notice_ids=notice_ids).sent
