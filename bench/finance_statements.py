"""Benchmark: the year's financial statements (with the previous year beside them) for a
cooperative with millions of journal lines.

Requirement: "a cooperative with ~10M journal lines must get the year's statements (with
the previous year) in under 3 s on PostgreSQL". The script times the statements'
one GROUP BY and the building of all four statements, beside a plain SQL
`SUM ... GROUP BY account_id` over the same lines in the same process, as the ratio.

Usage (from the project root):

    .venv/bin/python bench/finance_statements.py                  # 10,000,000 lines
    .venv/bin/python bench/finance_statements.py --lines 2000000  # a smaller load
    .venv/bin/python bench/finance_statements.py --reload         # drop and load anew

The database is BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
guyub_bench_statements). The lines are loaded with one INSERT ... SELECT over
generate_series (two lines per entry, three years of books ending today), with the
ledger's row triggers switched off for the load; the script checks afterwards, with one
query, that every entry balances. A measurement, not a test: it exits 0 either way.
"""

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import ensure_database, say, setup_django  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/guyub_bench_statements"
MARKER_SLUG = "bench-statements"
DAYS = 3 * 365
TARGET_S = 3.0
ROLES = ["cash", "bank", "receivable_buyers", "inventory", "payable_suppliers",
         "simpanan_sukarela", "simpanan_wajib", "income_members", "income_non_members",
         "income_commission", "cost_of_sales", "operating_expense"]

ENTRIES_SQL = """
INSERT INTO ledger_journalentry (id, cooperative_id, number, date, description, source_type,
                                 source_id, source_url, posted_at, kind)
SELECT %(e0)s + i, %(coop)s, i, %(start)s::date + (i::bigint * %(days)s / %(n)s)::int,
       'bench', '', '', '', now(), 'regular'
  FROM generate_series(1, %(n)s) AS i
"""
LINES_SQL = """
INSERT INTO ledger_journalline (id, cooperative_id, entry_id, account_id, date, debit,
                                credit, kind)
SELECT %(l0)s + 2 * i + side, %(coop)s, %(e0)s + i,
       CASE WHEN side = 0 THEN (%(acc)s::int[])[1 + i %% %(k)s]
            ELSE (%(acc)s::int[])[1 + (i + 1 + i %% 5) %% %(k)s] END,
       %(start)s::date + (i::bigint * %(days)s / %(n)s)::int,
       CASE WHEN side = 0 THEN 1000 * (1 + i %% 997) ELSE 0 END,
       CASE WHEN side = 1 THEN 1000 * (1 + i %% 997) ELSE 0 END, 'regular'
  FROM generate_series(1, %(n)s) AS i, (VALUES (0), (1)) AS s(side)
"""
UNBALANCED_SQL = """
SELECT count(*) FROM (SELECT entry_id FROM ledger_journalline WHERE cooperative_id = %s
                       GROUP BY entry_id HAVING SUM(debit) <> SUM(credit)) AS bad
"""
BASELINE_SQL = """
SELECT account_id, SUM(debit), SUM(credit) FROM ledger_journalline
 WHERE cooperative_id = %s AND date <= %s GROUP BY account_id
"""


def load(lines: int) -> None:
    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from guyub.core.models import Cooperative
    from guyub.ledger.models import Account

    n = lines // 2
    start = dt.date.today() - dt.timedelta(days=DAYS)
    started = time.perf_counter()
    with scopes_disabled(), transaction.atomic(), connection.cursor() as cur:
        coop = Cooperative.objects.create(
            name="Koperasi Bench Laporan", slug=MARKER_SLUG, coop_type="serba_usaha",
            province="34", regency="Sleman", founded_on=start)
        roles = dict(Account.objects.filter(cooperative=coop).values_list("role", "pk"))
        acc = [roles[r] for r in ROLES]
        cur.execute("SELECT COALESCE(max(id), 0) FROM ledger_journalentry")
        e0 = cur.fetchone()[0]
        cur.execute("SELECT COALESCE(max(id), 0) FROM ledger_journalline")
        l0 = cur.fetchone()[0]
        # Deferred foreign-key checks must fire before a table's triggers can change.
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in ("ledger_journalentry", "ledger_journalline"):
            cur.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        params = {"e0": e0, "l0": l0, "coop": coop.pk, "start": start, "days": DAYS, "n": n,
                  "acc": acc, "k": len(acc)}
        cur.execute(ENTRIES_SQL, params)
        cur.execute(LINES_SQL, params)
        for table in ("ledger_journalentry", "ledger_journalline"):
            cur.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        cur.execute(UNBALANCED_SQL, [coop.pk])
        assert cur.fetchone()[0] == 0, "unbalanced entries"
    with connection.cursor() as cur:
        cur.execute("ANALYZE ledger_journalline")
    say(f"loaded {2 * n:,} lines in {time.perf_counter() - started:.1f} s")


def best_of(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def measure(coop) -> None:
    from django.db import connection
    from django_scopes import scope

    from guyub.finance.statements.catalogue import build_all
    from guyub.finance.statements.selectors import books_for

    year = dt.date.today().year
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM ledger_journalline WHERE cooperative_id = %s",
                    [coop.pk])
        say(f"{cur.fetchone()[0]:,} journal lines; statements of {year} beside {year - 1}")

    def statements():
        with scope(cooperative=coop):
            built = build_all(books_for(coop, year))
        assert not any(s.problems for s in built)

    def baseline():
        with connection.cursor() as cur:
            cur.execute(BASELINE_SQL, [coop.pk, dt.date(year, 12, 31)])
            cur.fetchall()

    ours, plain = best_of(statements), best_of(baseline)
    verdict = "OK" if ours < TARGET_S else "FAIL"
    say(f"statements (one GROUP BY + building): {ours:.2f} s (target {TARGET_S:.0f} s: "
        f"{verdict})")
    say(f"plain SQL SUM ... GROUP BY account_id: {plain:.2f} s; ratio {ours / plain:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, drop=args.reload)
    setup_django(url)
    from guyub.core.models import Cooperative

    coop = Cooperative.objects.filter(slug=MARKER_SLUG).first()
    if coop is None:
        load(args.lines)
        coop = Cooperative.objects.get(slug=MARKER_SLUG)
    measure(coop)


if __name__ == "__main__":
    main()
