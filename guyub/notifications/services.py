"""Every write: notify() (the outbox), reading notices, saving preferences."""

import logging
import uuid
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from . import selectors, statements
from .models import Delivery, Notice, Preferences
from .topics import topic as find_topic

log = logging.getLogger(__name__)

# A notify() call sends its notices in tasks of this many (bulk events: 100,000 members).
TASK_BATCH = 500
INSERT_BATCH = 2000


class BadNotice(ValueError):
    """A programming error in a notify() call (its link or params)."""


def _user_ids(recipients) -> list[int]:
    seen: dict[int, None] = {}
    for recipient in recipients:
        uid = recipient if isinstance(recipient, int) else getattr(recipient, "pk", None)
        if not isinstance(uid, int):
            raise BadNotice(f"A recipient must be a User or a user id, not {recipient!r}")
        seen[uid] = None
    return list(seen)


def _check(declared, link: str, params: dict) -> None:
    if link and (not link.startswith("/") or link.startswith("//")):
        raise BadNotice(f"A notice's link is a site-relative path ('/k/…'), not {link!r}")
    for name, value in params.items():
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise BadNotice(f"Notice param {name!r} must be str or int, not {value!r}")
    try:
        str(declared.text) % params
    except (KeyError, TypeError, ValueError) as error:
        raise BadNotice(f"Params {sorted(params)} do not fit topic {declared.key!r}'s "
                        f"text: {error!r}") from error


def notify(*, cooperative, topic: str, event_id: str, recipients: Iterable,
           link: str = "", params: dict | None = None) -> int:
    """Tell `recipients` (Users or user ids) about an event of `topic` in `cooperative`.

    Written in the caller's transaction (the outbox): one inbox notice per recipient,
    one delivery per external channel they get this topic on; sending is queued when
    the transaction commits. The same (cooperative, event_id, user) is notified once,
    however often and however concurrently this is called. Returns how many recipients
    this call newly notified."""
    declared = find_topic(topic)
    params = dict(params or {})
    _check(declared, link, params)
    return _write(cooperative, declared, event_id, _user_ids(recipients), link, shared=params)


def notify_each(*, cooperative, topic: str, event_id: str, personal: dict,
                link: str = "") -> int:
    """notify() where each recipient's sentence has their own figures (a round's
    bills: each member's quantity and amount): `personal` maps a user id to its
    params. One pass for all of them, however many."""
    declared = find_topic(topic)
    for params in personal.values():
        _check(declared, link, params)
    return _write(cooperative, declared, event_id, list(personal), link, personal=personal)


def _write(cooperative, declared, event_id: str, ids: list[int], link: str, *,
           shared: dict | None = None, personal: dict | None = None) -> int:
    """The outbox rows of one event: each recipient's params are `shared`, or their
    own in `personal`."""
    if not ids:
        return 0
    batch = uuid.uuid4()
    now = timezone.now()
    topic = declared.key
    with transaction.atomic():
        if statements.available():
            mine = statements.insert_notices(
                cooperative_id=cooperative.pk, user_ids=ids, topic=topic, event_id=event_id,
                params=shared, personal=personal, link=link, created_at=now, batch=batch)
        else:
            Notice.objects.bulk_create(
                (Notice(cooperative=cooperative, user_id=uid, topic=topic, event_id=event_id,
                        params=shared if personal is None else personal[uid], link=link,
                        created_at=now, batch=batch)
                 for uid in ids), batch_size=INSERT_BATCH, ignore_conflicts=True)
            # What this call added: a row already there (an earlier or concurrent
            # call's) was skipped by the unique constraint and carries another batch.
            mine = list(Notice.objects.filter(cooperative=cooperative, event_id=event_id,
                                              batch=batch).values_list("pk", "user_id"))
        if not mine:
            return 0
        _add_deliveries(cooperative, declared, mine, now)
    return len(mine)


def _add_deliveries(cooperative, declared, mine: list[tuple[int, int]], now) -> None:
    """One delivery per external channel each new notice's reader gets the topic on."""
    whatsapp = selectors.whatsapp_enabled()
    who = selectors.contacts(cooperative, [uid for _pk, uid in mine], want_phones=whatsapp)
    deliveries = []
    for notice_id, uid in mine:
        contact = who[uid]
        channels = selectors.chosen_channels(contact["prefs"], declared)
        if "email" in channels and contact["email"]:
            deliveries.append((notice_id, "email", contact["email"]))
        if whatsapp and "whatsapp" in channels and contact["whatsapp"]:
            deliveries.append((notice_id, "whatsapp", contact["whatsapp"]))
    if statements.available():
        statements.insert_deliveries(deliveries, due=now)
    else:
        Delivery.objects.bulk_create(
            (Delivery(notice_id=n, channel=c, address=a, next_attempt_at=now)
             for n, c, a in deliveries), batch_size=INSERT_BATCH)
    if deliveries:
        to_send = sorted({notice_id for notice_id, _c, _a in deliveries})
        transaction.on_commit(lambda: _enqueue(to_send))


def _enqueue(notice_ids: list[int]) -> None:
    from .tasks import send_notices  # the task module imports the sender, which reads us

    for start in range(0, len(notice_ids), TASK_BATCH):
        try:
            send_notices.delay(notice_ids[start:start + TASK_BATCH])
        except Exception:
            # The broker is down: the notices wait in the outbox and the periodic
            # send_notifications job sends them. The write that made them has committed
            # and must not turn into an error page.
            log.exception("send_notices not queued; the periodic sender will catch up")
            return


def open_notice(*, user, pk: int) -> Notice:
    """The user's own notice, marked read. Another user's: Notice.DoesNotExist."""
    notice = Notice.objects.get(pk=pk, user=user)
    if notice.read_at is None:
        Notice.objects.filter(pk=pk, read_at__isnull=True).update(read_at=timezone.now())
    return notice


def mark_all_read(*, user) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def save_preferences(*, user, language: str, whatsapp: str,
                     channels: dict[str, list[str]]) -> Preferences:
    prefs, _created = Preferences.objects.select_for_update().get_or_create(user=user)
    prefs.language = language
    prefs.whatsapp = whatsapp
    prefs.channels = {key: sorted(chosen) for key, chosen in channels.items()}
    prefs.save()
    return prefs
