"""Benchmark: one event notified to 100,000 members, then sent by a real worker.

Requirement: *notify 100,000 members of one event: time to enqueue under 10 s; the
sending rate through the embedded SQLite broker and through Redis.* Each figure is
printed beside a baseline run in the same process, as a ratio:

- enqueue: `notify()` (dedup check, contacts, preferences, 100,000 notices and 100,000
  e-mail deliveries, 200 send tasks put on the broker at commit) beside a plain
  `bulk_create` of the same notice and delivery rows in one transaction;
- sending: a real Celery worker (solo pool, in a thread of this process) taking the
  tasks from the broker and sending e-mail to a real local SMTP server (aiosmtpd),
  until SAMPLE messages arrived, beside the same number of the same messages sent over
  one SMTP connection by Django's backend (no database, no queue).

    .venv/bin/python bench/notify.py                 # PostgreSQL, both brokers
    .venv/bin/python bench/notify.py --sample 2000   # fewer messages to time

BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/guyub_bench_notify)
is created when missing; Redis at 127.0.0.1:6379 (database 9; only its Celery queue is
purged), skipped with a notice when it is not running.
"""

import argparse
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import ensure_database, say, setup_django  # noqa: E402

URL = os.environ.get("BENCH_DATABASE_URL",
                     "postgresql://postgres@127.0.0.1:5432/guyub_bench_notify")
REDIS = "redis://127.0.0.1:6379/9"
SLUG = "bench-notify"
MEMBERS = 100_000
TARGET_ENQUEUE = 10.0


class Inbox:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load():
    """The cooperative and its 100,000 members' logins (reused when already there)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from guyub.core.models import Cooperative, CoopRole

    User = get_user_model()
    coop, _ = Cooperative.objects.get_or_create(
        slug=SLUG, defaults={"name": "Koperasi Bench Notifikasi", "coop_type": "produsen",
                             "province": "34", "regency": "Sleman"})
    have = User.objects.filter(username__startswith=f"{SLUG}-").count()
    if have == MEMBERS:
        return coop
    say(f"creating {MEMBERS:,} members' logins …")
    started = time.perf_counter()
    with transaction.atomic():
        User.objects.filter(username__startswith=f"{SLUG}-").delete()
        users = [User(username=f"{SLUG}-{i}", email=f"anggota{i}@bench.contoh.id",
                      password="!", first_name=f"Anggota {i}") for i in range(MEMBERS)]
        User.objects.bulk_create(users, batch_size=5000)
        ids = User.objects.filter(username__startswith=f"{SLUG}-").values_list("pk", flat=True)
        CoopRole.objects.bulk_create(
            [CoopRole(user_id=uid, cooperative=coop, role="member") for uid in ids],
            batch_size=5000)
    say(f"  done in {time.perf_counter() - started:.1f} s")
    return coop


def member_ids(coop):
    from guyub.core.models import CoopRole

    return list(CoopRole.objects.filter(cooperative=coop, role="member")
                .values_list("user_id", flat=True))


def clear(coop):
    from guyub.notifications.models import Notice

    Notice.objects.filter(cooperative=coop).delete()


def enqueue(coop, ids, label) -> tuple[float, int]:
    from django.db import transaction

    from guyub.notifications.services import notify

    started = time.perf_counter()
    with transaction.atomic():
        count = notify(cooperative=coop, topic="members.application_received",
                       event_id=f"bench:{label}:{time.time()}", recipients=ids,
                       link=f"/k/{SLUG}/permohonan/",
                       params={"name": "Sri Wahyuni", "business": "Keripik Tempe Sri"})
    return time.perf_counter() - started, count


def baseline_insert(coop, ids) -> float:
    """The same notice and delivery rows, bulk-inserted plainly in one transaction."""
    import uuid

    from django.db import transaction
    from django.utils import timezone

    from guyub.notifications.models import Delivery, Notice

    batch, now = uuid.uuid4(), timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        Notice.objects.bulk_create(
            [Notice(cooperative=coop, user_id=uid, topic="members.application_received",
                    event_id="bench:baseline", params={"name": "Sri Wahyuni",
                                                       "business": "Keripik Tempe Sri"},
                    link=f"/k/{SLUG}/permohonan/", created_at=now, batch=batch)
             for uid in ids], batch_size=2000)
        notice_ids = Notice.objects.filter(batch=batch).values_list("pk", "user_id")
        Delivery.objects.bulk_create(
            [Delivery(notice_id=pk, channel="email", address=f"anggota{uid}@bench.contoh.id",
                      next_attempt_at=now) for pk, uid in notice_ids], batch_size=2000)
    elapsed = time.perf_counter() - started
    Notice.objects.filter(batch=batch).delete()
    return elapsed


def send_through_worker(app, broker_url, inbox, sample, timeout=600) -> float:
    """Messages per second a real worker sends, from its start to `sample` arrivals."""
    from guyub.testing.queue import threaded_worker

    before = inbox.count
    started = time.perf_counter()
    with threaded_worker(app, broker_url):
        while inbox.count - before < sample:
            if time.perf_counter() - started > timeout:
                say(f"  FAIL: only {inbox.count - before} of {sample} arrived in {timeout} s")
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        app.control.purge()
    return (inbox.count - before) / elapsed


def baseline_send(sample) -> float:
    """The same e-mails over one SMTP connection, straight from Django's backend."""
    from django.core.mail import EmailMessage, get_connection

    from guyub.notifications import rendering
    from guyub.notifications.models import Notice

    notice = Notice.objects.select_related("cooperative").first()
    subject, body = rendering.email(notice, "id")
    messages = [EmailMessage(subject, body, None, [f"anggota{i}@bench.contoh.id"])
                for i in range(sample)]
    started = time.perf_counter()
    with get_connection() as connection:
        connection.send_messages(messages)
    return sample / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=5000,
                        help="messages to send per broker (default 5000)")
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    os.environ.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp.port),
                      SITE_URL="https://guyub.contoh.id")
    ensure_database(URL, drop=False)
    setup_django(URL)

    from guyub.celery import app
    from guyub.testing.queue import broker, redis_available

    coop = load()
    ids = member_ids(coop)
    clear(coop)
    say(f"\n{len(ids):,} recipients; SMTP stand-in on port {smtp.port}; "
        f"sending sample {args.sample:,}\n")
    plain = min(baseline_insert(coop, ids) for _ in range(2))
    say(f"baseline: plain bulk insert of the notice and delivery rows  {plain:6.2f} s")

    brokers = [("sqlite", f"sqla+sqlite:///{tempfile.mkdtemp()}/queue.sqlite3")]
    if redis_available():
        brokers.append(("redis", REDIS))
    else:
        say("Redis not running at 127.0.0.1:6379: its figures are skipped")
    for name, url in brokers:
        clear(coop)
        with broker(app, url):
            app.control.purge()
            elapsed, count = enqueue(coop, ids, name)
        verdict = "PASS" if elapsed < TARGET_ENQUEUE else "FAIL"
        say(f"{name:6} notify() {count:,} recipients, enqueued in {elapsed:6.2f} s "
            f"({elapsed / plain:4.2f}x the plain insert)  {verdict} (< {TARGET_ENQUEUE:.0f} s)")
        rate = send_through_worker(app, url, inbox, args.sample)
        direct = baseline_send(args.sample)
        say(f"{name:6} sending: {rate:7.0f} messages/s through the worker; direct SMTP "
            f"{direct:7.0f}/s; ratio {rate / direct:4.2f}")
    clear(coop)
    smtp.stop()


if __name__ == "__main__":
    main()
