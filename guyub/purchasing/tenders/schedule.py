"""The periodic job (purchasing/jobs.py): open tenders past their
deadline go to evaluation. Nothing depends on it running on time: sealing and
bidding follow the clock itself."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.audit import log_action

from .models import Tender
from .services import lock_tender


def close_due_tenders(now: dt.datetime | None = None, *, cooperative=None) -> list[Tender]:
    """Move every open tender whose deadline has passed to evaluation, each in its own
    cooperative's scope and transaction (locked and checked again: a second run, or a
    second machine, changes nothing)."""
    now = now or timezone.now()
    with scopes_disabled():
        due = Tender.objects.filter(status=Tender.Status.OPEN, deadline__lte=now)
        if cooperative is not None:
            due = due.filter(cooperative=cooperative)
        due = list(due.select_related("cooperative").order_by("pk"))
    closed = []
    for tender in due:
        with scope(cooperative=tender.cooperative), transaction.atomic():
            locked = lock_tender(tender)
            if locked.can_move_to(Tender.Status.EVALUATION) and locked.deadline <= now:
                locked.move_to(Tender.Status.EVALUATION)
                locked.save(update_fields=["status"])
                log_action(cooperative=locked.cooperative, actor=None,
                           action="tender.deadline_passed", obj=locked)
                closed.append(locked)
    return closed
