"""Sending the outbox: each due delivery is taken under a row lock (PostgreSQL: FOR
UPDATE SKIP LOCKED, so workers running side by side never take the same row), sent,
and marked sent in that same transaction. A failed attempt waits 1, 2, 4 … minutes
(at most an hour) and, after MAX_ATTEMPTS, is marked failed with its reason.

A delivery marked sent is never sent again. The one gap no outbox closes: a worker
killed after the message left but before its commit sends it again next time."""

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import timedelta

import requests
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from . import rendering, selectors
from .models import Delivery, Preferences

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
MAX_DELAY_MINUTES = 60
MAX_ERROR = 1000


class SendFailed(Exception):
    """This attempt failed; `permanent`: trying again cannot help (a refused number)."""

    def __init__(self, reason: str, *, permanent: bool = False):
        super().__init__(reason)
        self.permanent = permanent


@dataclass
class Tally:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    by_cooperative: dict = field(default_factory=dict)

    def count(self, cooperative_id: int, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        per = self.by_cooperative.setdefault(cooperative_id, Tally())
        setattr(per, outcome, getattr(per, outcome) + 1)


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4 … minutes, capped."""
    return timedelta(minutes=min(2 ** (attempts - 1), MAX_DELAY_MINUTES))


class Sender:
    """One run's connections: the SMTP connection stays open across its e-mails."""

    def __init__(self):
        self._mail = None
        self._http = None

    def close(self):
        if self._mail is not None:
            try:
                self._mail.close()
            except (OSError, smtplib.SMTPException):
                pass
        if self._http is not None:
            self._http.close()

    def email(self, delivery: Delivery, language: str) -> str:
        subject, body = rendering.email(delivery.notice, language)
        try:
            if self._mail is None:
                # Opened here, so that it stays open for the run's next messages.
                self._mail = get_connection(fail_silently=False)
                self._mail.open()
            EmailMessage(subject, body, None, [delivery.address],
                         connection=self._mail).send()
        except smtplib.SMTPRecipientsRefused as error:
            raise SendFailed(f"SMTP refused the address: {error}", permanent=True) from error
        except (OSError, smtplib.SMTPException) as error:
            if self._mail is not None:
                try:
                    self._mail.close()
                except (OSError, smtplib.SMTPException):
                    pass
            self._mail = None   # a broken connection is not reused
            raise SendFailed(f"SMTP: {type(error).__name__}: {error}") from error
        return ""

    def whatsapp(self, delivery: Delivery, language: str) -> str:
        if self._http is None:
            self._http = requests.Session()
        url = (f"{settings.WHATSAPP_API_URL.rstrip('/')}/"
               f"{settings.WHATSAPP_PHONE_NUMBER_ID}/messages")
        body = rendering.whatsapp_body(delivery.notice, language, delivery.address)
        try:
            answer = self._http.post(url, json=body, timeout=settings.WHATSAPP_TIMEOUT,
                                     headers={"Authorization": f"Bearer {settings.WHATSAPP_TOKEN}"})
        except requests.RequestException as error:
            raise SendFailed(f"WhatsApp: {type(error).__name__}: {error}") from error
        if answer.status_code >= 300:
            try:
                detail = answer.json().get("error", {}).get("message", "")
            except ValueError:
                detail = answer.text[:200]
            # 4xx: the request itself is refused (bad number, template); only throttling
            # and timeouts are worth another try. 5xx: the API's trouble, try again.
            permanent = 400 <= answer.status_code < 500 and answer.status_code not in (408, 429)
            raise SendFailed(f"WhatsApp HTTP {answer.status_code}: {detail}",
                             permanent=permanent)
        try:
            return answer.json()["messages"][0]["id"]
        except (ValueError, KeyError, IndexError, TypeError):
            return ""


CHUNK = 500


def _candidates(notice_ids, cooperative_id, after: int) -> list[tuple[int, int]]:
    """The next due deliveries (id, recipient), read without locks, in id order."""
    rows = selectors.due_deliveries().filter(pk__gt=after).order_by("pk")
    if notice_ids is not None:
        rows = rows.filter(notice_id__in=notice_ids)
    if cooperative_id is not None:
        rows = rows.filter(notice__cooperative_id=cooperative_id)
    return list(rows.values_list("pk", "notice__user_id")[:CHUNK])


def _take(pk: int) -> Delivery | None:
    """Lock one delivery if it is still due and no other worker holds it."""
    rows = selectors.due_deliveries().filter(pk=pk).select_related(
        "notice", "notice__cooperative")
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    return rows.first()


def send_due(*, notice_ids=None, cooperative_id=None, limit: int = 5000) -> Tally:
    """Send what is due (of `notice_ids`, or of one cooperative, or all), at most
    `limit` deliveries; what is left is sent by the next run. Candidates are read in
    chunks without locks; each is then taken, sent and marked in its own transaction."""
    tally = Tally()
    sender = Sender()
    after, done = 0, 0
    locking = connection.features.has_select_for_update_skip_locked
    try:
        while done < limit:
            chunk = _candidates(notice_ids, cooperative_id, after)
            if not chunk:
                break
            after = chunk[-1][0]
            languages = dict(Preferences.objects.filter(
                user_id__in={uid for _pk, uid in chunk}).values_list("user_id", "language"))
            for pk, user_id in chunk[:limit - done]:
                with transaction.atomic():
                    delivery = _take(pk)
                    if delivery is None:
                        continue          # another worker has it, or it was sent
                    # PostgreSQL: the row lock is the claim. SQLite (no row locks):
                    # claimed by writing, which takes the database's write lock, and a
                    # row another worker sent meanwhile is left alone.
                    if not locking and not Delivery.objects.filter(
                            pk=pk, status=Delivery.Status.PENDING).update(
                            attempts=F("attempts") + 1):
                        continue
                    delivery.attempts += 1
                    language = languages.get(user_id, settings.LANGUAGE_CODE)
                    outcome = _attempt(sender, delivery, language)
                tally.count(delivery.notice.cooperative_id, outcome)
                done += 1
    finally:
        sender.close()
    return tally


def _attempt(sender: Sender, delivery: Delivery, language: str) -> str:
    now = timezone.now()
    try:
        reference = getattr(sender, delivery.channel)(delivery, language)
    except SendFailed as error:
        delivery.error = str(error)[:MAX_ERROR]
        if error.permanent or delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = Delivery.Status.FAILED
            outcome = "failed"
            log.warning("Notice delivery %s failed for good: %s", delivery.pk, error)
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts)
            outcome = "retrying"
        delivery.save(update_fields=["status", "error", "next_attempt_at", "attempts"])
        return outcome
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = now
    delivery.reference = reference[:200]
    delivery.error = ""
    delivery.save(update_fields=["status", "sent_at", "reference", "error", "attempts"])
    return "sent"
