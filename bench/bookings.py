"""Benchmark: 1,000 concurrent booking attempts on 100 assets, on PostgreSQL.

Requirement: *1,000 concurrent booking attempts on 100 assets on PostgreSQL: throughput
and 0 overlaps, beside a plain INSERT baseline.* 20 threads, each with its own
database connection, take attempts from one queue and call
`resources.bookings.services.book` (the rules, the slot rows under the exclusion
constraint, the gapless booking number under the cooperative row lock, the fee posted
to the ledger, the audit line). The attempts clash on purpose: each asset gets 10
attempts at three overlapping two-hour times. Beside it, in the same process with the
same 20 threads: 1,000 plain single-row INSERTs of slot rows (no clash, each its own
transaction, the exclusion constraint still checked), the ratio to beat.

    .venv/bin/python bench/bookings.py              # best of 3 rounds
    .venv/bin/python bench/bookings.py --runs 5 --threads 20

BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/guyub_bench_bookings) is
created when missing and migrated. Each round deletes the previous round's bookings and
slots (their journal entries stay: the ledger is append-only)."""

import argparse
import datetime as dt
import os
import queue
import random
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import ensure_database, say, setup_django  # noqa: E402

URL = os.environ.get("BENCH_DATABASE_URL",
                     "postgresql://postgres@127.0.0.1:5432/guyub_bench_bookings")
SLUG = "bench-bookings"
ASSETS, MEMBERS, ATTEMPTS = 100, 200, 1_000
# Three two-hour times per asset that overlap each other (08–10, 09–11, 10–12): of 10
# attempts on one asset at most two can win (08–10 and 10–12).
STARTS = (8, 9, 10)

OVERLAPS = """
SELECT count(*) FROM resources_slot a JOIN resources_slot b
  ON a.asset_id = b.asset_id AND a.unit_no = b.unit_no AND a.id < b.id
 WHERE a.active AND b.active AND a.cooperative_id = %s
   AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
"""


def load():
    """The cooperative, its 100 assets and 200 members (reused when already there)."""
    from django.db import transaction
    from django_scopes import scopes_disabled

    from guyub.core.models import Cooperative
    from guyub.members.models import Member
    from guyub.resources.assets.models import Asset

    with scopes_disabled(), transaction.atomic():
        coop, _ = Cooperative.objects.get_or_create(
            slug=SLUG, defaults={"name": "Koperasi Bench Pemesanan", "coop_type": "produsen",
                                 "province": "34", "regency": "Sleman"})
        if Asset.objects.filter(cooperative=coop).count() < ASSETS:
            say(f"creating {ASSETS} assets and {MEMBERS} members …")
            Asset.objects.bulk_create([
                Asset(cooperative=coop, name=f"Aset {i:03d}", kind=Asset.Kind.EQUIPMENT,
                      member_rate=Decimal(25_000), non_member_rate=Decimal(40_000))
                for i in range(ASSETS)], ignore_conflicts=True)
            Member.objects.bulk_create([
                Member(cooperative=coop, number=i + 1, status=Member.Status.ACTIVE,
                       owner_name=f"Anggota {i}", nik=f"3404{i:012d}",
                       business_name=f"Usaha {i}", phone=f"+62813{i:08d}", province="34",
                       regency="Sleman", join_date=dt.date(2024, 1, 1))
                for i in range(MEMBERS)], ignore_conflicts=True)
        assets = list(Asset.objects.filter(cooperative=coop).order_by("pk")[:ASSETS])
        members = list(Member.objects.filter(cooperative=coop).order_by("pk")[:MEMBERS])
    return coop, assets, members


def clear(coop):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM resources_slot WHERE cooperative_id = %s", [coop.pk])
        cursor.execute("DELETE FROM resources_booking WHERE cooperative_id = %s", [coop.pk])


def in_threads(n_threads, jobs, work):
    """Run work(job) for every job from `n_threads` threads (own connections each);
    returns (seconds, list of results)."""
    from django.db import connection
    from django_scopes import scope

    todo, results, lock = queue.Queue(), [], threading.Lock()
    for job in jobs:
        todo.put(job)
    barrier = threading.Barrier(n_threads + 1)

    def run(coop):
        mine = []
        try:
            with scope(cooperative=coop):
                connection.ensure_connection()
                barrier.wait()
                while True:
                    try:
                        job = todo.get_nowait()
                    except queue.Empty:
                        break
                    mine.append(work(job))
        finally:
            connection.close()
            with lock:
                results.extend(mine)

    coop = jobs[0][0]
    threads = [threading.Thread(target=run, args=(coop,)) for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, results


def attempts(coop, assets, members, day):
    from django.utils import timezone

    rng = random.Random(7)
    out = []
    for i in range(ATTEMPTS):
        asset = assets[i % ASSETS]
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.choice(STARTS))))
        out.append((coop, asset, rng.choice(members), start, start + dt.timedelta(hours=2)))
    rng.shuffle(out)
    return out


def book(job):
    from guyub.core.errors import DomainError
    from guyub.resources.bookings import services

    _coop, asset, member, start, end = job
    try:
        services.book(asset=asset, member=member, starts_at=start, ends_at=end, actor=None)
        return "ok"
    except DomainError:
        return "refused"
    except Exception as error:  # counted and shown: a deadlock or a 500 would be a bug
        return f"error: {type(error).__name__}: {error}"[:200]


def plain_insert(job):
    from django.db import connection

    coop, asset, holder, start, end = job
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO resources_slot (cooperative_id, asset_id, unit_no, "
                       "starts_at, ends_at, booking_id, active) VALUES (%s, %s, 1, %s, %s, "
                       "%s, true)", [coop.pk, asset.pk, start, end, holder])
    return "ok"


def baseline_jobs(coop, assets, holder, day):
    """1,000 slot rows that do not clash: 10 consecutive hours on each asset."""
    from django.utils import timezone

    base = timezone.make_aware(dt.datetime.combine(day, dt.time(0)))
    return [(coop, assets[i % ASSETS], holder, base + dt.timedelta(hours=i // ASSETS),
             base + dt.timedelta(hours=i // ASSETS + 1)) for i in range(ATTEMPTS)]


def measure(coop, assets, members, threads, round_no):
    from django.db import connection
    from django.db.models import Max, Min
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from guyub.resources.bookings.models import Booking

    clear(coop)
    day = timezone.localdate() + dt.timedelta(days=2 + round_no)
    seconds, results = in_threads(threads, attempts(coop, assets, members, day), book)
    ok, refused = results.count("ok"), results.count("refused")
    errors = [r for r in results if r not in ("ok", "refused")]
    with connection.cursor() as cursor:
        cursor.execute(OVERLAPS, [coop.pk])
        overlaps = cursor.fetchone()[0]
    with scopes_disabled():
        span = Booking.objects.filter(cooperative=coop).aggregate(lo=Min("number"),
                                                                  hi=Max("number"))
        holder = Booking.objects.filter(cooperative=coop).order_by("pk").first().pk
    gapless = span["lo"] == 1 and span["hi"] == ok
    # Baseline: the same number of slot rows, plainly inserted (another day, no clash).
    base_seconds, _ = in_threads(threads, baseline_jobs(coop, assets, holder,
                                                        day + dt.timedelta(days=100)),
                                 plain_insert)
    return {"seconds": seconds, "ok": ok, "refused": refused, "errors": errors,
            "overlaps": overlaps, "gapless": gapless, "baseline": base_seconds}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=20)
    args = parser.parse_args()
    ensure_database(URL, drop=False)
    setup_django(URL)
    coop, assets, members = load()
    best = None
    for round_no in range(args.runs):
        r = measure(coop, assets, members, args.threads, round_no)
        say(f"round {round_no + 1}: {ATTEMPTS} attempts in {r['seconds']:.2f} s "
            f"({ATTEMPTS / r['seconds']:.0f}/s): {r['ok']} booked, {r['refused']} refused, "
            f"{len(r['errors'])} errors; overlaps {r['overlaps']}; numbers gapless "
            f"{r['gapless']}; plain INSERTs {r['baseline']:.2f} s "
            f"({ATTEMPTS / r['baseline']:.0f}/s), ratio {r['seconds'] / r['baseline']:.1f}x")
        for error in r["errors"][:5]:
            say(f"  {error}")
        if best is None or r["seconds"] < best["seconds"]:
            best = r
    clear(coop)
    verdict = "PASS" if best["overlaps"] == 0 and not best["errors"] else "FAIL"
    rate, base = ATTEMPTS / best["seconds"], ATTEMPTS / best["baseline"]
    say(f"best: {rate:.0f} attempts/s beside {base:.0f}"
        f" plain INSERTs/s (ratio {best['seconds'] / best['baseline']:.1f}x); "
        f"0 overlaps: {verdict}")


if __name__ == "__main__":
    main()
