"""Benchmark: trial balance and member balances over 1,000,000 journal lines.

Requirement: "Trial balance and member balances over 1,000,000 journal lines: under
2 s on PostgreSQL on a 2-core machine; the script prints its time beside one plain
SQL `SUM ... GROUP BY` over the same lines, run in the same process, as the ratio
to beat."

Usage (from the project root):

    .venv/bin/python bench/ledger_balances.py            # load once, then measure
    .venv/bin/python bench/ledger_balances.py --explain  # also EXPLAIN ANALYZE the queries
    .venv/bin/python bench/ledger_balances.py --reload   # drop the bench database, load anew

The database is BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
guyub_bench); it is created when missing and holds nothing but the benchmark data.
This is a measurement, not a test: it exits 0 even when the target is missed.
"""

import argparse
import datetime as dt
import os
import platform
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import ensure_database, say, setup_django  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/guyub_bench"
MARKER_SLUG = "bench-ledger"
ENTRIES = 400_000  # half with two lines, half with three: exactly 1,000,000 lines
LINES = ENTRIES // 2 * 2 + ENTRIES // 2 * 3
MEMBERS = 2_000
DAYS = 730  # two years of books, ending on the day of the load
TARGET_S = 2.0
SIMPANAN_ROLES = ["simpanan_pokok", "simpanan_wajib", "simpanan_sukarela"]
SLOW_LOAD_S = 240  # the brief allows switching the row triggers off past this


# --- data ------------------------------------------------------------------------------


def bench_cooperative():
    from guyub.core.models import Cooperative

    return Cooperative.objects.filter(slug=MARKER_SLUG).first()


def line_count(coop) -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM ledger_journalline WHERE cooperative_id = %s",
                    [coop.pk])
        return cur.fetchone()[0]


def make_members(coop) -> list[int]:
    from guyub.members.models import Member, Sector
    from guyub.testing.factories import valid_nik

    rng = random.Random(7)
    sectors = [s.value for s in Sector]
    first = ["Siti", "Budi", "Dewi", "Agus", "Rina", "Joko", "Wati", "Hendra", "Sri", "Yudi"]
    last = ["Rahayu", "Santoso", "Lestari", "Wibowo", "Susanti", "Hidayat", "Purnomo"]
    join = dt.date.today() - dt.timedelta(days=DAYS + 30)
    members = [
        Member(
            cooperative=coop, number=n, status=Member.Status.ACTIVE,
            owner_name=f"{rng.choice(first)} {rng.choice(last)}", nik=valid_nik(n),
            business_name=f"Usaha Bench {n}", province="34", regency="Sleman",
            sector=rng.choice(sectors), join_date=join, scale="",
        )
        for n in range(1, MEMBERS + 1)
    ]
    Member.objects.bulk_create(members, batch_size=1000)
    type(coop).objects.filter(pk=coop.pk).update(last_member_number=MEMBERS)
    return [m.pk for m in members]


def generate(*, coop_id: int, acc: dict[str, int], member_ids: list[int], entry_id0: int,
             line_id0: int, today: dt.date):
    """ENTRIES balanced entries over DAYS days: (entry rows, line rows) for COPY."""
    rng = random.Random(2026)
    start = today - dt.timedelta(days=DAYS - 1)
    entries, lines = [], []
    lid = line_id0
    posted = {}
    for i in range(ENTRIES):
        eid = entry_id0 + i
        date = start + dt.timedelta(days=i * DAYS // ENTRIES)
        m = rng.choice(member_ids)
        k = rng.random()
        if i % 2 == 0:  # two lines
            if k < 0.45:
                amt = 25_000 * rng.randint(1, 6)
                desc, rows = "Setoran simpanan wajib", [
                    ("cash", amt, 0, None), ("simpanan_wajib", 0, amt, m)]
            elif k < 0.70:
                amt = 10_000 * rng.randint(1, 100)
                desc, rows = "Setoran simpanan sukarela", [
                    ("cash", amt, 0, None), ("simpanan_sukarela", 0, amt, m)]
            elif k < 0.80:
                amt = 10_000 * rng.randint(1, 20)
                desc, rows = "Penarikan simpanan sukarela", [
                    ("simpanan_sukarela", amt, 0, m), ("cash", 0, amt, None)]
            elif k < 0.90:
                amt = 5_000 * rng.randint(1, 200)
                desc, rows = "Beban usaha", [
                    ("operating_expense", amt, 0, None), ("cash", 0, amt, None)]
            else:
                amt = 100_000 * rng.randint(1, 50)
                desc, rows = "Setor kas ke bank", [
                    ("bank", amt, 0, None), ("cash", 0, amt, None)]
        else:  # three lines
            if k < 0.10:
                desc, rows = "Simpanan pokok dan wajib", [
                    ("cash", 125_000, 0, None), ("simpanan_pokok", 0, 100_000, m),
                    ("simpanan_wajib", 0, 25_000, m)]
            elif k < 0.40:
                wajib, sukarela = 25_000 * rng.randint(1, 4), 10_000 * rng.randint(1, 50)
                desc, rows = "Setoran simpanan wajib dan sukarela", [
                    ("cash", wajib + sukarela, 0, None), ("simpanan_wajib", 0, wajib, m),
                    ("simpanan_sukarela", 0, sukarela, m)]
            elif k < 0.80:
                paid, owed = 1_000 * rng.randint(10, 2_000), 1_000 * rng.randint(10, 2_000)
                desc, rows = "Penjualan kepada non-anggota", [
                    ("cash", paid, 0, None), ("receivable_buyers", owed, 0, None),
                    ("income_non_members", 0, paid + owed, None)]
            else:
                total = 1_000 * rng.randint(50, 5_000)
                fee = total // 10
                desc, rows = "Penjualan titip jual", [
                    ("cash", total, 0, None), ("payable_members", 0, total - fee, None),
                    ("income_commission", 0, fee, None)]
        if date not in posted:
            posted[date] = dt.datetime.combine(date, dt.time(9), tzinfo=dt.UTC)
        entries.append((eid, coop_id, i + 1, date, desc, "", "", "", posted[date]))
        for role, debit, credit, member in rows:
            lines.append((lid, coop_id, eid, acc[role], date, debit, credit, member))
            lid += 1
    assert len(lines) == LINES, len(lines)
    return entries, lines


ENTRY_COPY = ("COPY ledger_journalentry (id, cooperative_id, number, date, description, "
              "source_type, source_id, source_url, posted_at) FROM STDIN")
LINE_COPY = ("COPY ledger_journalline (id, cooperative_id, entry_id, account_id, date, "
             "debit, credit, member_id) FROM STDIN")
TABLES = ("ledger_journalentry", "ledger_journalline")

UNBALANCED_SQL = """
SELECT count(*) FROM (
    SELECT e.id
      FROM ledger_journalentry e LEFT JOIN ledger_journalline l ON l.entry_id = e.id
     WHERE e.cooperative_id = %s
     GROUP BY e.id
    HAVING count(l.id) < 2 OR COALESCE(SUM(l.debit), 0) <> COALESCE(SUM(l.credit), 0)
) AS bad
"""


def next_id(cur, table: str) -> int:
    cur.execute(f"SELECT COALESCE(max(id), 0) + 1 FROM {table}")
    return cur.fetchone()[0]


def load(*, disable_triggers: bool) -> None:
    """One transaction: cooperative, members, entries and lines (all or nothing)."""
    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from guyub.core.models import Cooperative
    from guyub.ledger.models import Account

    started = time.perf_counter()
    with scopes_disabled(), transaction.atomic():
        coop = Cooperative.objects.create(
            name="Koperasi Bench Ledger", slug=MARKER_SLUG, coop_type="serba_usaha",
            province="34", regency="Sleman")  # post_save creates the chart of accounts
        acc = dict(Account.objects.filter(cooperative=coop).values_list("role", "pk"))
        member_ids = make_members(coop)
        raw = connection.connection  # the same psycopg connection, same transaction
        with raw.cursor() as cur:
            entry_id0, line_id0 = next_id(cur, "ledger_journalentry"), next_id(
                cur, "ledger_journalline")
        entries, lines = generate(coop_id=coop.pk, acc=acc, member_ids=member_ids,
                                  entry_id0=entry_id0, line_id0=line_id0,
                                  today=dt.date.today())
        say(f"generated {len(entries):,} entries / {len(lines):,} lines "
            f"in {time.perf_counter() - started:.1f} s")
        with raw.cursor() as cur:
            if disable_triggers:
                say("!! row triggers DISABLED for the COPY (ALTER TABLE ... DISABLE TRIGGER "
                    "USER); balance is verified with one SQL query afterwards")
                for table in TABLES:
                    cur.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            t0 = time.perf_counter()
            with cur.copy(ENTRY_COPY) as copy:
                for row in entries:
                    copy.write_row(row)
            with cur.copy(LINE_COPY) as copy:
                for row in lines:
                    copy.write_row(row)
            say(f"COPY done in {time.perf_counter() - t0:.1f} s")
            for table in TABLES:
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT max(id) FROM {table}))")
            if disable_triggers:
                # Run the deferred foreign-key checks now: a table with pending trigger
                # events cannot be altered.
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for table in TABLES:
                    cur.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
                cur.execute(UNBALANCED_SQL, [coop.pk])
                bad = cur.fetchone()[0]
                say(f"balance check with one SQL query: {bad} unbalanced entries")
                if bad:
                    raise SystemExit("generated data is unbalanced; rolled back")
        del entries, lines
        t_commit = time.perf_counter()
    how = "triggers disabled" if disable_triggers else "deferred balance triggers and FK checks"
    say(f"commit ({how}) took {time.perf_counter() - t_commit:.1f} s; "
        f"whole load {time.perf_counter() - started:.1f} s")
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        for table in (*TABLES, "members_member", "ledger_account"):
            # VACUUM too, not only ANALYZE: it sets hint bits and the visibility map
            # once, as autovacuum would on a live system, so that no autovacuum run
            # lands in the middle of the measurements.
            cur.execute(f"VACUUM (ANALYZE) {table}")
    say(f"VACUUM (ANALYZE) took {time.perf_counter() - t0:.1f} s")


# --- measurements ----------------------------------------------------------------------


def best_of(fns: dict, runs: int) -> tuple[dict, dict]:
    """{name: best time}, {name: last result}: one warm-up, then `runs` rounds.

    The figures are interleaved round by round (selector, its plain SQL, ...) so
    that whatever else the machine is doing weighs on each of them alike.
    """
    results = {name: fn() for name, fn in fns.items()}  # warm-up
    times = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            results[name] = fn()
            times[name].append(time.perf_counter() - t0)
    return {name: min(t) for name, t in times.items()}, results


TB_SQL = ("SELECT account_id, SUM(debit), SUM(credit) FROM ledger_journalline "
          "WHERE cooperative_id = %s AND date <= %s GROUP BY account_id")
MB_SQL = ("SELECT member_id, account_id, SUM(debit), SUM(credit) FROM ledger_journalline "
          "WHERE cooperative_id = %s AND member_id IS NOT NULL "
          "GROUP BY member_id, account_id")


def raw_query(sql: str, params):
    from django.db import connection

    def run():
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    return run


def explain(fn, coop) -> None:
    """EXPLAIN ANALYZE each aggregate query that fn sends."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_scopes import scope

    with scope(cooperative=coop), CaptureQueriesContext(connection) as ctx:
        fn()
    for q in ctx.captured_queries:
        if "SUM(" not in q["sql"].upper():
            continue
        say(q["sql"])
        with connection.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
            for (line,) in cur.fetchall():
                say("    " + line)
        say()


def measure(coop, runs: int, show_plans: bool) -> None:
    from django.db import connection
    from django_scopes import scope

    from guyub.ledger import selectors

    today = dt.date.today()

    def tb():
        with scope(cooperative=coop):
            return selectors.trial_balance(as_of=today)

    def mb():
        with scope(cooperative=coop):
            return selectors.member_balances(roles=SIMPANAN_ROLES)

    if show_plans:
        for fn in (tb, mb):
            explain(fn, coop)
        for sql, params in ((TB_SQL, [coop.pk, today]), (MB_SQL, [coop.pk])):
            with connection.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                say(sql)
                for (line,) in cur.fetchall():
                    say("    " + line)
                say()

    best, results = best_of({
        "tb": tb, "tb_sql": raw_query(TB_SQL, [coop.pk, today]),
        "mb": mb, "mb_sql": raw_query(MB_SQL, [coop.pk]),
    }, runs)
    t_tb, t_tb_sql, t_mb, t_mb_sql = best["tb"], best["tb_sql"], best["mb"], best["mb_sql"]
    tb_rows, tb_sql_rows = results["tb"], results["tb_sql"]
    mb_result, mb_sql_rows = results["mb"], results["mb_sql"]

    # Same answers as the plain SQL?
    debit = sum(r.debit for r in tb_rows)
    credit = sum(r.credit for r in tb_rows)
    tb_same = ({r.account.pk: (r.debit, r.credit) for r in tb_rows if r.debit or r.credit}
               == {a: (d, c) for a, d, c in tb_sql_rows})
    mb_same = len(mb_result) == len(mb_sql_rows)

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0]

    target_ms = TARGET_S * 1000
    rows = [
        ("trial_balance(as_of=today)", t_tb, t_tb_sql),
        ("member_balances(3 simpanan roles)", t_mb, t_mb_sql),
        ("both together", t_tb + t_mb, t_tb_sql + t_mb_sql),
    ]
    say()
    say(f"Ledger balances — PostgreSQL {version.split()[0]}, {os.cpu_count()} CPU cores, "
        f"Python {platform.python_version()}")
    say(f"journal lines: {line_count(coop):,} (cooperative '{MARKER_SLUG}'); "
        f"best of {runs} interleaved runs after 1 warm-up")
    say()
    say(f"{'figure':<36}{'ms':>9}{'plain SQL ms':>14}{'ratio':>8}{'target':>10}  verdict")
    say("-" * 86)
    failed = []
    for name, t, base in rows:
        verdict = "PASS" if t < TARGET_S else "FAIL"
        if verdict == "FAIL":
            failed.append(name)
        say(f"{name:<36}{t * 1000:>9.1f}{base * 1000:>14.1f}{t / base:>7.2f}x"
            f"{target_ms:>8.0f} ms  {verdict}")
    say()
    say(f"trial balance debits == credits: {'yes' if debit == credit else 'NO'} "
        f"(Rp {debit:,} / Rp {credit:,})")
    say(f"selectors agree with plain SQL: trial balance {'yes' if tb_same else 'NO'}, "
        f"member balances {'yes' if mb_same else 'NO'} ({len(mb_result):,} member balances)")
    if failed:
        say()
        say("!" * 86)
        say(f"FAIL: over the {TARGET_S:.0f} s target: {', '.join(failed)}")
        say("!" * 86)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs (best is kept)")
    parser.add_argument("--reload", action="store_true",
                        help="drop the bench database and load the data anew")
    parser.add_argument("--explain", action="store_true",
                        help="print EXPLAIN (ANALYZE, BUFFERS) of each aggregate query")
    parser.add_argument("--disable-triggers", action="store_true",
                        help="switch the ledger row triggers off during the COPY "
                             "(only if the load through them is too slow)")
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, drop=args.reload)
    setup_django(url)

    coop = bench_cooperative()
    if coop is None:
        say(f"loading {LINES:,} journal lines (once; later runs reuse them)")
        started = time.perf_counter()
        load(disable_triggers=args.disable_triggers)
        elapsed = time.perf_counter() - started
        if elapsed > SLOW_LOAD_S and not args.disable_triggers:
            say(f"load took {elapsed:.0f} s (> {SLOW_LOAD_S} s); --disable-triggers "
                "may be used for a faster load")
        coop = bench_cooperative()
    else:
        found = line_count(coop)
        if found != LINES:
            # Journal rows are append-only (triggers refuse DELETE): start over instead.
            sys.exit(f"cooperative '{MARKER_SLUG}' has {found:,} lines, expected {LINES:,}; "
                     "run again with --reload")
        say(f"reusing {found:,} journal lines already loaded")

    measure(coop, args.runs, args.explain)
    return 0


if __name__ == "__main__":
    sys.exit(main())
