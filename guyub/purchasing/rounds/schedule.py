"""The scheduled close (the periodic job in purchasing/jobs.py): every open round whose
closing time has passed closes, each in its own cooperative's scope and transaction."""

import datetime as dt
import logging
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError

from .. import notices
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


REMIND_BEFORE = dt.timedelta(hours=24)


def remind_rounds(now: dt.datetime | None = None, *, cooperative=None,
                  failures: list | None = None) -> list[tuple]:
    """Tell the members of each open round that it is open, and again when it closes
    within a day. Returns (round, what) for each notice given; a round already told is
    skipped under its lock, so two runs at once tell nobody twice."""
    now = now or timezone.now()
    with scopes_disabled():
        open_now = Round.objects.filter(status=Round.Status.OPEN, opens_at__lte=now,
                                        closes_at__gt=now)
        if cooperative is not None:
            open_now = open_now.filter(cooperative=cooperative)
        due = list(open_now.filter(opened_notice_at__isnull=True)
                   | open_now.filter(closing_notice_at__isnull=True,
                                     closes_at__lte=now + REMIND_BEFORE))
        due = sorted({r.pk: r for r in due}.values(), key=lambda r: r.pk)
    told = []
    for round_ in due:
        with _one_round(round_, failures):
            told += _remind(round_, now)
    return told + _tell_untold_bills(now, cooperative, failures)


@contextmanager
def _one_round(round_: Round, failures: list | None):
    """Each round in its own scope and transaction; a failure is the round's own (in
    `failures` when the caller collects them) and the rounds after it are still told."""
    try:
        with scope(cooperative=round_.cooperative), transaction.atomic():
            yield
    except Exception as exc:
        logger.exception("telling the members of round %s failed", round_.pk)
        if failures is None:
            raise
        failures.append((round_, exc))


def _remind(round_: Round, now: dt.datetime) -> list[tuple]:
    told = []
    locked = services.lock_round(round_)
    if locked.status == Round.Status.OPEN:
        closes_soon = locked.closes_at <= now + REMIND_BEFORE
        if locked.opened_notice_at is None:
            notices.tell_round_opened(locked)
            locked.opened_notice_at = now
            told.append((locked, "opened"))
            if closes_soon:  # the opening notice says when it closes: one is enough
                locked.closing_notice_at = now
        elif locked.closing_notice_at is None and closes_soon:
            notices.tell_round_closing(locked)
            locked.closing_notice_at = now
            told.append((locked, "closing"))
        locked.save(update_fields=["opened_notice_at", "closing_notice_at"])
    return told


# The close's own task tells the bills within seconds; after this long the reminder
# job takes it that the task was lost (a broker outage) and tells them itself.
BILLS_GRACE = dt.timedelta(minutes=10)


def _tell_untold_bills(now: dt.datetime, cooperative, failures) -> list[tuple]:
    with scopes_disabled():
        untold = Round.objects.filter(closed_at__lte=now - BILLS_GRACE,
                                      closed_notice_at__isnull=True)
        if cooperative is not None:
            untold = untold.filter(cooperative=cooperative)
        untold = list(untold.select_related("cooperative").order_by("pk"))
    told = []
    for round_ in untold:
        with _one_round(round_, failures):
            locked = services.lock_round(round_)
            if locked.closed_notice_at is None:
                notices.tell_round_closed(locked)
                told.append((locked, "closed"))
    return told
