"""Benchmark: the loan portfolio report (arrears and collectibility) over 100,000 loans.

Requirement (issue 14): "the loan portfolio report (arrears and collectibility) over
100,000 loans in under 2 s, beside the raw SQL". The script loads 100,000 loans of 5,000
members with their instalment schedules (12 each: 1,200,000 rows, by COPY), then times
`support.loans.selectors.portfolio` (one SQL aggregate through core.rows) beside a plain
SQL baseline run in the same process: one scan of the same instalment rows summing the
unpaid principal per loan status (no grades, no join logic), the floor any report over
these rows pays.

Usage (from the project root):

    .venv/bin/python bench/loans.py            # load once, then measure
    .venv/bin/python bench/loans.py --reload   # drop the bench database, load anew

The database is BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
guyub_bench_loans). This is a measurement, not a test: it exits 0 even when the target
is missed.
"""

import argparse
import datetime as dt
import os
import platform
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import ensure_database, say, setup_django  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/guyub_bench_loans"
MARKER_SLUG = "bench-loans"
LOANS = 100_000
MEMBERS = 5_000
TERM = 12
TARGET_S = 2.0
RUNS = 5

BASELINE_SQL = """
SELECT l.status, count(*), sum(i.principal)
  FROM support_instalment i JOIN support_loan l ON l.id = i.loan_id
 WHERE i.cooperative_id = %s AND i.status = 'due'
 GROUP BY l.status
"""


def bench_cooperative():
    from guyub.core.models import Cooperative

    return Cooperative.objects.filter(slug=MARKER_SLUG).first()


def next_id(cur, table: str) -> int:
    cur.execute(f"SELECT COALESCE(max(id), 0) + 1 FROM {table}")
    return cur.fetchone()[0]


def load() -> None:
    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from guyub.core import rows
    from guyub.core.models import Cooperative
    from guyub.members.models import Member
    from guyub.support.loans.models import Instalment, Loan
    from guyub.support.loans.schedule import schedule
    from guyub.testing.factories import valid_nik

    rng = random.Random(14)
    today = dt.date.today()
    started = time.perf_counter()
    with scopes_disabled(), transaction.atomic():
        coop = Cooperative.objects.create(name="Koperasi Bench Pinjaman", slug=MARKER_SLUG,
                                          coop_type="serba_usaha", province="34",
                                          regency="Sleman")
        Member.objects.bulk_create([
            Member(cooperative=coop, number=n, status=Member.Status.ACTIVE,
                   owner_name=f"Anggota {n}", nik=valid_nik(n), business_name=f"Usaha {n}",
                   province="34", regency="Sleman", sector="food", scale="",
                   join_date=today - dt.timedelta(days=1500))
            for n in range(1, MEMBERS + 1)], batch_size=1000)
        member_ids = list(Member.objects.filter(cooperative=coop).values_list("pk", flat=True))
        with connection.cursor() as cur:
            loan_id0 = next_id(cur, Loan._meta.db_table)
        # A handful of distinct schedules, reused: the amounts and start dates vary.
        loans, instalments = [], []
        now = dt.datetime.now(dt.UTC)
        for n in range(LOANS):
            loan_id = loan_id0 + n
            amount = Decimal(rng.choice([1, 2, 3, 5, 8, 10, 15, 20]) * 1_000_000)
            started_on = today - dt.timedelta(days=rng.randint(0, 700))
            paid_months = max(0, min(TERM, (today - started_on).days // 30
                                     - rng.choice([0, 0, 0, 0, 0, 1, 2, 4, 7])))
            rows_ = schedule(amount, TERM, Decimal("0.015"), rng.choice(["flat", "declining"]),
                             started_on + dt.timedelta(days=30))
            status = "closed" if paid_months >= TERM else "active"
            loans.append((loan_id, coop.pk, n + 1, rng.choice(member_ids), amount, TERM,
                          Decimal("1.50"), "declining", "Modal kerja", status, now, "",
                          "", started_on, "cash", 1))
            for row in rows_:
                instalments.append((coop.pk, loan_id, 1, row.seq, row.due, row.principal,
                                    row.interest, row.balance_after,
                                    "paid" if row.seq <= paid_months else "due"))
        say(f"generated {len(loans):,} loans / {len(instalments):,} instalments "
            f"in {time.perf_counter() - started:.1f} s")
        t0 = time.perf_counter()
        rows.copy_rows(Loan, ["id", "cooperative", "number", "member", "amount", "term_months",
                              "monthly_rate_pct", "method", "purpose", "status", "applied_at",
                              "assessment", "rejection_reason", "disbursed_on",
                              "disbursed_via", "schedule_version"], loans)
        rows.copy_rows(Instalment, ["cooperative", "loan", "version", "seq", "due",
                                    "principal", "interest", "balance_after", "status"],
                       instalments)
        with connection.cursor() as cur:
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{Loan._meta.db_table}', 'id'),"
                        f" (SELECT max(id) FROM {Loan._meta.db_table}))")
        say(f"COPY done in {time.perf_counter() - t0:.1f} s")
    with connection.cursor() as cur:
        for table in (Loan._meta.db_table, Instalment._meta.db_table):
            cur.execute(f"VACUUM (ANALYZE) {table}")
    say(f"whole load {time.perf_counter() - started:.1f} s")


def best_of(fn, runs: int) -> tuple[float, object]:
    best, result = None, None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        took = time.perf_counter() - t0
        best = took if best is None else min(best, took)
    return best, result


def measure() -> None:
    from django.db import connection
    from django_scopes import scope

    from guyub.support.loans import selectors

    coop = bench_cooperative()
    today = dt.date.today()
    with scope(cooperative=coop):
        report_s, rows = best_of(
            lambda: selectors.portfolio(coop, as_of=today, grace_days=7), RUNS)

        def baseline():
            with connection.cursor() as cur:
                cur.execute(BASELINE_SQL, [coop.pk])
                return cur.fetchall()

        base_s, _ = best_of(baseline, RUNS)
    say(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"PostgreSQL {connection.pg_version // 10000}")
    say("portfolio by grade (loans, outstanding, arrears):")
    for row in rows:
        say(f"  {row.grade:14} {row.loans:7,}  Rp{row.outstanding:>18,}  Rp{row.arrears:>16,}")
    say(f"portfolio report, best of {RUNS}: {report_s * 1000:.1f} ms "
        f"(target < {TARGET_S:.0f} s: {'met' if report_s < TARGET_S else 'MISSED'})")
    say(f"plain SQL baseline (one scan, GROUP BY status), best of {RUNS}: "
        f"{base_s * 1000:.1f} ms; ratio {report_s / base_s:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, drop=args.reload)
    setup_django(url)
    from django_scopes import scopes_disabled

    with scopes_disabled():
        if bench_cooperative() is None:
            load()
    measure()


if __name__ == "__main__":
    main()
