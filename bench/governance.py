"""Benchmark: a RAT of 300,000 members: check-ins and ballots through the API, the tally.

Requirement: "Benchmarks under bench/: a RAT of 300,000 members: checking in and casting
ballots through the API on PostgreSQL with 2 workers, printed as a ratio to the healthz
baseline (at least 0.1x), and tallying 300,000 ballots in under 2 s beside a raw SQL
GROUP BY."

Usage (from the project root):

    .venv/bin/python bench/governance.py                 # load once (~1 min), then measure
    .venv/bin/python bench/governance.py --client python # the pure-Python load generator
    .venv/bin/python bench/governance.py --only tally    # the tally alone (no server)
    .venv/bin/python bench/governance.py --reload        # drop the database, load anew

The database is BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
guyub_bench_rat); it is created when missing and holds nothing but the benchmark data.
The server, the load generators and the healthz baseline are sales_throughput.py's:
gunicorn with 2 sync workers on a free port, `wrk` when installed, else Python threads,
both only ever talking to 127.0.0.1. Every check-in and every ballot is for a member
not seen before in the run: wrk's Lua script and the Python threads count member
numbers up from a shared start. This is a measurement, not a test: it exits 0 even
when a target is missed.
"""

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import random
import secrets
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import ROOT, ensure_database, say, setup_django  # noqa: E402
from sales_throughput import (  # noqa: E402
    HOST,
    WORKERS,
    Scenario,
    Server,
    collect_static,
    first_failure,
    free_port,
    measure,
    run_python,
    server_env,
    staff_token,
    wrk_once,
    wrk_result,
)

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/guyub_bench_rat"
MARKER_SLUG = "bench-rat"
MEMBERS = 300_000
RATIO_TARGET = 0.1  # of the healthz baseline, for check-ins and ballots
TALLY_TARGET = 2.0  # seconds for the tally of 300,000 ballots
TALLY_RUNS = 5

# The contract of the attendance and ballots APIs (staff token; a tablet cast names
# the member by number).
CHECK_IN_PATH = "/api/v1/cooperatives/{slug}/meetings/{meeting}/check-ins"
BALLOT_PATH = "/api/v1/cooperatives/{slug}/votes/{vote}/ballots"
MOTION = ("Setuju", "Tidak setuju", "Abstain")


# --- data ------------------------------------------------------------------------------


def bench_cooperative():
    from guyub.core.models import Cooperative

    return Cooperative.objects.filter(slug=MARKER_SLUG).first()


def bench_meeting(coop):
    from django_scopes import scope

    from guyub.governance.meetings.models import Meeting

    with scope(cooperative=coop):
        return Meeting.objects.filter(cooperative=coop, kind=Meeting.Kind.RAT).first()


def copy_objects(model, objs) -> None:
    """New rows of `model` with PostgreSQL COPY (core.rows.copy_rows), every concrete
    column but the serial key, each value prepared as the ORM would save it."""
    from django.db import connection

    from guyub.core import rows

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows.copy_rows(model, [f.attname for f in fields],
                   (tuple(f.get_db_prep_save(f.pre_save(obj, True), connection)
                          for f in fields) for obj in objs))


def load() -> None:
    """One transaction: the cooperative, a board member and a staff user, the by-law
    settings, 300,000 active members (COPY), a RAT under way with its register frozen
    (300,000 entries, one INSERT ... SELECT), the agenda item the votes are on."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone
    from django_scopes import scope

    from guyub.core.models import Cooperative, CoopRole
    from guyub.core.roles import Role
    from guyub.governance.attendance.models import RegisterEntry
    from guyub.governance.meetings.models import AgendaItem, GovernanceSettings, Meeting
    from guyub.members.models import Member, Sector
    from guyub.testing.factories import valid_nik

    rng = random.Random(2026)
    started = time.perf_counter()
    with transaction.atomic():
        coop = Cooperative.objects.create(
            name="Koperasi Bench RAT", slug=MARKER_SLUG, coop_type="simpan_pinjam",
            province="61", regency="Kabupaten Sintang")  # post_save: accounts, channels
        with scope(cooperative=coop):
            users = {}
            for role, name in ((Role.BOARD, "ketua-bench@contoh.id"),
                               (Role.STAFF, "staf-bench@contoh.id")):
                users[role] = get_user_model().objects.create_user(
                    username=name, email=name, password=secrets.token_urlsafe(16))
                CoopRole.objects.create(user=users[role], cooperative=coop, role=role)
            GovernanceSettings.objects.create(cooperative=coop)  # the defaults: > 1/2
            first = ["Siti", "Budi", "Dewi", "Agus", "Rina", "Yohanes", "Maria", "Paulus",
                     "Theresia", "Antonius", "Wati", "Hendra", "Sri", "Fransiska"]
            last = ["Rahayu", "Santoso", "Lestari", "Wibowo", "Ngadi", "Jelemun", "Sumping",
                    "Kuntum", "Hidayat", "Purnomo", "Anyie", "Lawing"]
            sectors = [s.value for s in Sector]
            regencies = ["Kabupaten Sintang", "Kabupaten Sanggau", "Kabupaten Sekadau",
                         "Kabupaten Kapuas Hulu", "Kabupaten Melawi", "Kota Pontianak"]
            now = timezone.now()
            joined = dt.date(2000, 1, 1)

            def members():
                for n in range(1, MEMBERS + 1):
                    owner = f"{rng.choice(first)} {rng.choice(last)}"
                    yield Member(
                        cooperative=coop, number=n, status=Member.Status.ACTIVE,
                        owner_name=owner, nik=valid_nik(n), business_name=f"Usaha {owner} {n}",
                        province="61", regency=rng.choice(regencies),
                        sector=rng.choice(sectors), scale="mikro",
                        join_date=joined + dt.timedelta(days=n % 9000), applied_at=now)

            copy_objects(Member, members())
            Cooperative.objects.filter(pk=coop.pk).update(last_member_number=MEMBERS)
            say(f"  {MEMBERS:,} members in {time.perf_counter() - started:.1f} s")
            meeting = Meeting.objects.create(
                cooperative=coop, kind=Meeting.Kind.RAT, status=Meeting.Status.OPEN,
                title=f"RAT Tahun Buku {now.year - 1}", fiscal_year=now.year - 1,
                starts_at=now, place="Gedung Serbaguna Sintang", notice_days=14,
                quorum_fraction=Decimal("0.5"), quorum_rule="more_than",
                called_at=now - dt.timedelta(days=14), called_by=users[Role.BOARD],
                opened_at=now, created_by=users[Role.BOARD])
            AgendaItem.objects.create(cooperative=coop, meeting=meeting, position=1,
                                      kind=AgendaItem.Kind.ACCOUNTS,
                                      title="Laporan pertanggungjawaban pengurus")
            register, member = RegisterEntry._meta.db_table, Member._meta.db_table
            with connection.cursor() as cur:
                cur.execute(
                    f"INSERT INTO {register} (cooperative_id, meeting_id, member_id, number, name) "
                    f"SELECT cooperative_id, %s, id, number, owner_name FROM {member} "
                    "WHERE cooperative_id = %s AND status = 'active' ORDER BY number",
                    [meeting.pk, coop.pk])
                say(f"  register of {cur.rowcount:,} entries frozen")
    say(f"loaded in {time.perf_counter() - started:.1f} s")
    vacuum("members_member", RegisterEntry._meta.db_table)


def vacuum(*tables) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        for table in tables:
            cur.execute(f"VACUUM (ANALYZE) {table}")


def actors(coop):
    from django_scopes import scopes_disabled

    from guyub.core.models import CoopRole

    with scopes_disabled():
        return {r.role: r.user for r in CoopRole.objects.filter(cooperative=coop)
                .select_related("user")}


def empty_room(coop, meeting) -> int:
    """Every run starts with nobody in the room: the attendance and the door log of the
    meeting from earlier runs are deleted (votes, ballots and participations stay)."""
    from django.db import connection

    from guyub.governance.attendance.models import Attendance, AttendanceEvent

    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {AttendanceEvent._meta.db_table} "
                    "WHERE cooperative_id = %s AND meeting_id = %s", [coop.pk, meeting.pk])
        cur.execute(f"DELETE FROM {Attendance._meta.db_table} "
                    "WHERE cooperative_id = %s AND meeting_id = %s", [coop.pk, meeting.pk])
        gone = cur.rowcount
    vacuum(Attendance._meta.db_table, AttendanceEvent._meta.db_table)
    return gone


def check_in_the_rest(coop, meeting) -> int:
    """Everyone on the register not yet checked in, in the room now: one INSERT ...
    SELECT, as if the door had let them all in (the ballots need voters present)."""
    from django.db import connection, transaction

    from guyub.governance.attendance.models import Attendance, RegisterEntry

    attendance, register = Attendance._meta.db_table, RegisterEntry._meta.db_table
    # A hash anti-join: with a nested loop the inner scan of the attendance table is
    # restarted per entry and reads every page this very INSERT has added (quadratic:
    # 49 minutes for 300,000 rows on this machine).
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL enable_nestloop = off")
        cur.execute(
            f"INSERT INTO {attendance} (cooperative_id, meeting_id, entry_id, mode, "
            "checked_in_at) "
            f"SELECT r.cooperative_id, r.meeting_id, r.id, 'in_person', now() FROM {register} r "
            f"WHERE r.cooperative_id = %s AND r.meeting_id = %s AND NOT EXISTS "
            f"(SELECT 1 FROM {attendance} a WHERE a.entry_id = r.id) "
            # A check-in still in flight when the load generator stopped commits after
            # this statement's snapshot: it is the one that counts.
            "ON CONFLICT (entry_id) DO NOTHING",
            [coop.pk, meeting.pk])
        added = cur.rowcount
    vacuum(attendance)
    return added


def checked_in_by_staff(coop, meeting) -> int:
    from django_scopes import scope

    from guyub.governance.attendance.models import Attendance

    with scope(cooperative=coop):
        return Attendance.objects.filter(meeting=meeting, checked_in_by__isnull=False).count()


def new_vote(coop, meeting, actor):
    """A motion on a new agenda item of its own (a closed vote records its item's
    decision), created through the ballots service, still a draft."""
    from django.db.models import Max
    from django_scopes import scope

    from guyub.governance.ballots.services.votes import create_vote
    from guyub.governance.meetings.models import AgendaItem

    with scope(cooperative=coop):
        position = (AgendaItem.objects.filter(meeting=meeting)
                    .aggregate(m=Max("position"))["m"] or 0) + 1
        item = AgendaItem.objects.create(
            cooperative=coop, meeting=meeting, position=position,
            kind=AgendaItem.Kind.GENERAL, title=f"Usul bench {position}")
        return create_vote(item=item, actor=actor, kind="motion", secret=True,
                           question=f"Apakah rapat menyetujui usul bench {position}?")


def open_vote(coop, vote, actor):
    from django_scopes import scope

    from guyub.governance.ballots.services.votes import open_vote as open_

    with scope(cooperative=coop):
        return open_(vote=vote, actor=actor)


def positions_of(coop, vote) -> list[int]:
    from django_scopes import scope

    from guyub.governance.ballots.models import Option

    with scope(cooperative=coop):
        return list(Option.objects.filter(vote=vote).order_by("position")
                    .values_list("position", flat=True))


def participations(coop, vote) -> int:
    from django_scopes import scope

    from guyub.governance.ballots.models import Participation

    with scope(cooperative=coop):
        return Participation.objects.filter(vote=vote).count()


def fill_the_box(coop, vote, positions) -> int:
    """Every blank ballot of the vote filled with one option at random (weighted
    60/30/10 for a motion), a random receipt hash: one UPDATE, outside the HTTP part."""
    from django.db import connection

    from guyub.governance.ballots.models import Ballot

    yes, no, *rest = positions
    abstain = rest[0] if rest else no
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {Ballot._meta.db_table} SET filled = true, "
            "receipt = encode(sha256(gen_random_uuid()::text::bytea), 'hex'), "
            "selection = CASE WHEN r < 0.6 THEN %s WHEN r < 0.9 THEN %s ELSE %s END "
            "FROM (SELECT id AS bid, random() AS r FROM "
            f"{Ballot._meta.db_table} WHERE cooperative_id = %s AND vote_id = %s "
            "AND NOT filled) AS pick "
            "WHERE id = pick.bid",
            [1 << yes, 1 << no, 1 << abstain, coop.pk, vote.pk])
        filled = cur.rowcount
    vacuum(Ballot._meta.db_table)
    return filled


# --- the two HTTP figures ----------------------------------------------------------------


class Numbered(Scenario):
    """A POST whose body names a member not named before: member numbers counted up
    from `start`, shared by every Python thread (next() on itertools.count holds the
    GIL: no two threads get one number)."""

    def __init__(self, name, label, path, token, body, start):
        super().__init__(name, label, "POST", [path],
                         headers={"Authorization": f"Bearer {token}",
                                  "Content-Type": "application/json"})
        self.make, self.counter, self.start = body, itertools.count(start), start
        self.body = self.next_body

    def next_body(self, rng, _n):
        return json.dumps(self.make(rng, next(self.counter)))

    def taken(self) -> int:
        """The first number not yet handed out."""
        return next(self.counter)


# One counter per wrk thread, thread t of T sending start + t, start + t + T, ...; done()
# reads each thread's count so the next run (the timed one after the warm-up) starts past
# every number already sent.
WRK_NUMBERED = r"""
local path = %(path)s
local ballot = %(ballot)s
local options = %(options)s
-- counter and tid are globals: setup() sets tid in each thread's state, and done()
-- reads each thread's counter (thread:get sees globals only).
local threads = {}
local start, stride = 1, 1
counter = 0
wrk.method = "POST"
%(headers)s

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  start = tonumber(args[1])
  stride = tonumber(args[2])
  tid = tid or 0
  math.randomseed(start + tid * 7919)
end

function request()
  local n = start + tid + counter * stride
  counter = counter + 1
  local body
  if ballot then
    body = string.format('{"member_number":%%d,"options":[%%d]}', n,
                         options[math.random(#options)])
  else
    body = string.format('{"member_number":%%d}', n)
  end
  return wrk.format("POST", path, nil, body)
end

function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
            + summary.errors.write + summary.errors.timeout
  local sent = 0
  for _, thread in ipairs(threads) do
    sent = math.max(sent, thread:get("counter"))
  end
  io.write(string.format("GUYUB done=%%d bad=%%d p50=%%d p95=%%d sent=%%d\n",
    summary.requests, bad, latency:percentile(50), latency:percentile(95), sent))
end
"""


def wrk_numbered(port, scenario, *, ballot, options, connections, seconds, warmup):
    """wrk with member numbers counted up: the warm-up from scenario.start, the timed
    run after every number the warm-up sent. Returns (Result, first number unused)."""
    import re

    threads = min(2, connections)
    lua = WRK_NUMBERED % {
        "path": json.dumps(scenario.paths[0]),
        "ballot": "true" if ballot else "false",
        "options": "{" + ",".join(str(o) for o in options) + "}",
        "headers": "\n".join(f'wrk.headers["{k}"] = "{v}"'
                             for k, v in scenario.headers.items()),
    }
    start = scenario.taken()  # past the probe's number
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        out = ""
        for phase_seconds in ([max(1, round(warmup))] if warmup else []) + [seconds]:
            out = wrk_once(port, script.name, connections=connections, seconds=phase_seconds,
                           script_args=(start, threads))
            sent = re.search(r"sent=(\d+)", out)
            if not sent:
                sys.exit("could not read wrk's output:\n" + out)
            start += int(sent.group(1)) * threads
    finally:
        os.unlink(script.name)
    return wrk_result(out, seconds), start


def numbered_figure(client, port, scenario, args, *, ballot=False, options=()):
    """One HTTP figure with distinct members: (Result, first member number unused)."""
    if client == "wrk":
        result, nxt = wrk_numbered(port, scenario, ballot=ballot, options=options,
                                   connections=args.connections, seconds=args.seconds,
                                   warmup=args.warmup)
        if result.bad:
            scenario.counter = itertools.count(nxt)
            result.first_error = first_failure(port, scenario)
            nxt = scenario.taken()
        return result, nxt
    result = run_python(port, scenario, connections=args.connections, seconds=args.seconds,
                        warmup=args.warmup)
    return result, scenario.taken()


def probe(port, scenario) -> tuple[bool, str]:
    """One request by hand before the figure: does the endpoint answer 2xx at all?"""
    import http.client

    path, body = scenario.request(random.Random(1), 0)
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request(scenario.method, path, body=body, headers=scenario.headers)
    response = conn.getresponse()
    text = response.read()[:300].decode(errors="replace")
    return 200 <= response.status < 300, f"{response.status} {text}"


# --- the tally -----------------------------------------------------------------------------


RAW_TALLY = ("SELECT selection, count(*) FROM governance_ballot "
             "WHERE vote_id = %s AND filled GROUP BY selection")


def timed_tally(coop, vote, positions, runs):
    """The app's tally (ballots.statements.tally) and the raw GROUP BY, interleaved round
    by round after one warm-up of each; best of `runs`. Returns both answers, as
    (position -> votes, ballots), and both best times."""
    from django.db import connection
    from django_scopes import scope

    from guyub.governance.ballots import statements

    def app():
        with scope(cooperative=coop):
            return statements.tally(cooperative_id=coop.pk, vote_id=vote.pk,
                                    positions=positions)

    def raw():
        with connection.cursor() as cur:
            cur.execute(RAW_TALLY, [vote.pk])
            rows = cur.fetchall()
        counts = {p: 0 for p in positions}
        for selection, n in rows:
            for p in positions:
                if selection >> p & 1:
                    counts[p] += n
        return counts, sum(n for _s, n in rows)

    answers, times = {}, {"app": [], "raw": []}
    for name, fn in (("app", app), ("raw", raw)):
        answers[name] = fn()  # warm-up
    for _ in range(runs):
        for name, fn in (("app", app), ("raw", raw)):
            t0 = time.perf_counter()
            answers[name] = fn()
            times[name].append(time.perf_counter() - t0)
    return answers, {k: min(v) for k, v in times.items()}


def close_vote(coop, vote, actor):
    from django_scopes import scope

    from guyub.governance.ballots.services.votes import close_vote as close_

    with scope(cooperative=coop):
        return close_(vote=vote, actor=actor)


# --- report ----------------------------------------------------------------------------


def report_http(results, labels, base) -> list[str]:
    say(f"{'figure':<34}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'of healthz':>12}"
        f"{'non-2xx':>9}  target   verdict")
    say("-" * 100)
    failed = []
    for name in ("healthz", "check_ins", "ballots"):
        if name not in results:
            continue
        r = results[name]
        ratio = r.rps / base.rps
        if name == "healthz":
            marks = "(baseline)"
        else:
            ok = ratio >= RATIO_TARGET and not r.bad
            marks = f">= {RATIO_TARGET}x  " + ("PASS" if ok else "FAIL")
            if not ok:
                failed.append(name)
        rps = f"{r.rps:.0f}" if r.rps >= 100 else f"{r.rps:.2g}"
        say(f"{labels[name]:<34}{rps:>9}{r.p50:>9.1f}{r.p95:>9.1f}{ratio:>11.3f}x"
            f"{r.bad:>9}  {marks}")
    for name, r in results.items():
        if r.first_error:
            say(f"first non-2xx answer of {name}: {r.first_error}")
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="timed seconds per figure")
    parser.add_argument("--warmup", type=float, default=3, help="warm-up seconds per figure")
    parser.add_argument("--connections", type=int, default=4,
                        help="concurrent connections (default: 2 per worker)")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--threads", type=int, default=1,
                        help="gthread workers with this many threads each (default: sync)")
    parser.add_argument("--only", nargs="*", choices=["check_ins", "ballots", "tally"],
                        help="measure only these (healthz comes with either HTTP figure)")
    parser.add_argument("--runs", type=int, default=TALLY_RUNS, help="timed tally rounds")
    parser.add_argument("--no-close", action="store_true",
                        help="leave the vote open (by default it is closed through the "
                        "service afterwards, and that close is timed too)")
    parser.add_argument("--analyze-after-open", action="store_true",
                        help="ANALYZE the ballot table once the vote is open, before the "
                        "ballots are cast (what the app does not do: see README)")
    parser.add_argument("--reload", action="store_true",
                        help="drop the bench database and load the data anew")
    args = parser.parse_args()
    wanted = set(args.only or ["check_ins", "ballots", "tally"])

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, drop=args.reload)
    setup_django(url)
    if bench_cooperative() is None:
        say(f"loading {MEMBERS:,} members and a RAT with its register (once; later runs "
            "reuse them)")
        load()
    coop = bench_cooperative()
    meeting = bench_meeting(coop)
    if not meeting.register_size:
        # The register was frozen by the loader's bulk rows, not by calling the meeting:
        # record its size as calling does (the quorum reads it on every check-in).
        from django_scopes import scope

        from guyub.governance.attendance.models import RegisterEntry
        from guyub.governance.meetings.models import Meeting
        with scope(cooperative=coop):
            meeting.register_size = RegisterEntry.objects.filter(meeting=meeting).count()
            Meeting.objects.filter(pk=meeting.pk).update(register_size=meeting.register_size)
    people = actors(coop)
    board = people["board"]
    say(f"reusing cooperative '{MARKER_SLUG}': RAT #{meeting.pk} ({meeting.status}), "
        f"register of {MEMBERS:,}")

    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    elif client == "wrk" and not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk), or use --client python")

    gone = empty_room(coop, meeting)
    say(f"room emptied: {gone:,} attendance rows of earlier runs deleted")
    vote, positions = None, []
    if wanted & {"ballots", "tally"}:
        vote = new_vote(coop, meeting, board)
        positions = positions_of(coop, vote)
    results, labels, notes = {}, {}, []
    http_wanted = wanted & {"check_ins", "ballots"}
    checked_in = 0
    vote_opened = False
    if http_wanted:
        token = staff_token(coop)
        static_root = ROOT / "var" / "bench_static"
        env = server_env(url, static_root)
        collect_static(env, static_root)
        port = free_port()
        server = Server(env, port, threads=args.threads)
        try:
            server.wait_ready()
            say(f"gunicorn on {HOST}:{port}, workers {server.worker_pids()}")
            healthz = Scenario("healthz", "GET /healthz (baseline)", "GET", ["/healthz"])
            labels["healthz"] = healthz.label
            say("measuring GET /healthz …")
            results["healthz"] = measure(client, port, healthz, [], args)

            if "check_ins" in wanted:
                path = CHECK_IN_PATH.format(slug=coop.slug, meeting=meeting.pk)
                scenario = Numbered("check_ins", "POST meetings/{id}/check-ins", path, token,
                                    lambda rng, n: {"member_number": n}, start=1)
                labels["check_ins"] = scenario.label
                ok, answer = probe(port, scenario)
                if not ok:
                    notes.append(f"check-ins not measured: the probe answered {answer}")
                else:
                    say(f"measuring check-ins ({path}) …")
                    results["check_ins"], nxt = numbered_figure(client, port, scenario, args)
                    say(f"  member numbers 1 – {nxt - 1:,} sent")
            checked_in = checked_in_by_staff(coop, meeting)
            t0 = time.perf_counter()
            added = check_in_the_rest(coop, meeting)
            notes.append(f"checked in through the API: {checked_in:,}; the other {added:,} "
                         f"of the register checked in by one INSERT ... SELECT "
                         f"({time.perf_counter() - t0:.1f} s) so the quorum is reached and "
                         "every voter is in the room")

            if "ballots" in wanted:
                t0 = time.perf_counter()
                vote = open_vote(coop, vote, board)
                vote_opened = True
                notes.append(f"vote #{vote.pk} opened through ballots.services.votes.open_vote "
                             f"in {time.perf_counter() - t0:.1f} s (quorum counted, "
                             f"{MEMBERS:,} blank ballots written)")
                if args.analyze_after_open:
                    vacuum("governance_ballot")
                    notes.append("--analyze-after-open: the ballot table vacuumed and "
                                 "analyzed after the opening, before the first ballot")
                path = BALLOT_PATH.format(slug=coop.slug, vote=vote.pk)
                scenario = Numbered(
                    "ballots", "POST votes/{id}/ballots (tablet)", path, token,
                    lambda rng, n: {"member_number": n, "options": [rng.choice(positions)]},
                    start=1)
                labels["ballots"] = scenario.label
                ok, answer = probe(port, scenario)
                if not ok:
                    notes.append(f"ballots not measured: the probe answered {answer}")
                else:
                    say(f"measuring ballots ({path}) …")
                    results["ballots"], nxt = numbered_figure(
                        client, port, scenario, args, ballot=True, options=positions)
                    say(f"  member numbers 1 – {nxt - 1:,} sent")
        finally:
            server.stop()
        if any(r.bad for r in results.values()):
            say("server log (last lines):\n" + server.tail())

    tally = None
    if "tally" in wanted:
        if not vote_opened:
            if not http_wanted:
                added = check_in_the_rest(coop, meeting)
                notes.append(f"{added:,} checked in by one INSERT ... SELECT (quorum)")
            t0 = time.perf_counter()
            vote = open_vote(coop, vote, board)
            notes.append(f"vote #{vote.pk} opened through the service in "
                         f"{time.perf_counter() - t0:.1f} s")
        cast = participations(coop, vote)
        t0 = time.perf_counter()
        filled = fill_the_box(coop, vote, positions)
        notes.append(f"ballot box: {cast:,} ballots cast through the API, {filled:,} blanks "
                     f"filled by one UPDATE ({time.perf_counter() - t0:.1f} s, with VACUUM "
                     "ANALYZE)")
        say(f"timing the tally ({args.runs} rounds) …")
        answers, best = timed_tally(coop, vote, positions, args.runs)
        tally = (answers, best)
        if not args.no_close:
            t0 = time.perf_counter()
            closed = close_vote(coop, vote, board)
            notes.append(f"vote closed through ballots.services.votes.close_vote in "
                         f"{time.perf_counter() - t0:.2f} s (quorum, tally, seal of "
                         f"{closed.ballots_cast:,} ballots, decision): {closed.result}")

    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0].split()[0]
    say()
    say(f"RAT of {MEMBERS:,} members — PostgreSQL {version}, {os.cpu_count()} CPU cores, "
        f"Python {platform.python_version()}, gunicorn {WORKERS} "
        + (f"gthread workers x {args.threads} threads" if args.threads > 1 else "sync workers")
        + ", DEBUG=0")
    failed = []
    if results:
        base = results["healthz"]
        say(f"client {base.client}, {args.connections} connections, {args.seconds} s per "
            f"figure after {args.warmup} s warm-up; every request a different member")
        say()
        failed += report_http(results, labels, base)
        if "check_ins" in results:
            r = results["check_ins"]
            say(f"check-ins recorded by the API (warm-up included): {checked_in:,} "
                f"(2xx in the timed window: {r.done - r.bad:,})")
        if "ballots" in results:
            r = results["ballots"]
            say(f"participations of the vote (warm-up included): "
                f"{participations(coop, vote):,} (2xx in the timed window: {r.done - r.bad:,})")
    if tally:
        answers, best = tally
        (app_counts, app_total), (raw_counts, raw_total) = answers["app"], answers["raw"]
        agree = app_counts == raw_counts and app_total == raw_total
        ok = best["app"] < TALLY_TARGET and agree
        say()
        say(f"tally of {app_total:,} ballots, best of {args.runs}:")
        say(f"  ballots.statements.tally   {best['app'] * 1000:8.1f} ms   "
            f"{best['app'] / best['raw']:.2f}x the raw SQL   target < {TALLY_TARGET:.0f} s   "
            + ("PASS" if ok else "FAIL"))
        say(f"  raw SQL GROUP BY selection {best['raw'] * 1000:8.1f} ms")
        say(f"  counts: app {app_counts}, raw {raw_counts}: "
            + ("they agree" if agree else "THEY DIFFER"))
        if not ok:
            failed.append("tally")
    say()
    for note in notes:
        say(f"- {note}")
    if failed:
        say()
        say("!" * 100)
        say(f"FAIL: target missed: {', '.join(failed)}")
        say("!" * 100)
    return 0


if __name__ == "__main__":
    sys.exit(main())
