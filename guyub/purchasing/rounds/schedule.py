"""The scheduled close (the periodic job in purchasing/jobs.py): every open round whose
closing time has passed closes, each in its own cooperative's scope and transaction."""

import datetime as dt
import logging

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError

from . import services
from .models import Round

logger = logging.getLogger(__name__)


def close_due_rounds(now: dt.datetime | None = None, *, cooperative=None,
                     failures: list | None = None) -> list[Round]:
    """Close every open round whose closing time has passed (in `cooperative`, or in
    all); a round closed by hand a moment ago is skipped, so two runs at once do no
    harm. A round that cannot close goes into `failures` as (round, error) when the
    caller collects them, else the call raises after closing the others."""
    now = now or timezone.now()
    with scopes_disabled():
        due = Round.objects.filter(status=Round.Status.OPEN, closes_at__lte=now)
        if cooperative is not None:
            due = due.filter(cooperative=cooperative)
        due = list(due.select_related("cooperative").order_by("pk"))
    closed, failed = [], []
    for round_ in due:
        with scope(cooperative=round_.cooperative):
            try:
                closed.append(services.close_round(round_=round_))
            except DomainError:  # closed by hand a moment ago
                continue
            except Exception as exc:
                # One round that cannot close must not keep every round behind it (in
                # every cooperative) from closing: log it, go on, fail at the end.
                logger.exception("closing round %s (%s) failed", round_.pk,
                                 round_.cooperative.slug)
                failed.append((round_, exc))
    if failures is not None:
        failures.extend(failed)
    elif failed:
        raise RuntimeError(f"rounds that could not close: {[r.pk for r, _ in failed]}")
    return closed
