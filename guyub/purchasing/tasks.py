"""The closed round's bills, told to each member from a worker after the close has
committed (notices.py). Run twice, it tells nobody twice: the event id."""

from celery import shared_task
from django.db import transaction
from django_scopes import scope, scopes_disabled

from . import notices
from .models import Round


def _round(round_id: int) -> Round | None:
    with scopes_disabled():
        return Round.objects.select_related("cooperative").filter(pk=round_id).first()


@shared_task(name="guyub.purchasing.notify_round_closed", acks_late=True)
def notify_round_closed(round_id: int) -> int:
    round_ = _round(round_id)
    if round_ is None:
        return 0
    with scope(cooperative=round_.cooperative), transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        if round_.closed_notice_at is not None:
            return 0  # told already (this task delivered twice, or the sweep did it)
        return notices.tell_round_closed(round_)
