"""Where one check-in and one tablet ballot spend their time, in process.

Against the bench database of governance.py (load it there first), DEBUG off, through
Django's test client with a staff token, as the HTTP benchmark sends them: the queries
of one request (CaptureQueriesContext), then N requests timed, with the time spent in
the database (Django's execute_wrapper: core.rows.execute, which the named statements
use, bypasses it, so their time counts as Python) apart from Python, then cProfile.

    .venv/bin/python bench/governance_profile.py                   # both
    .venv/bin/python bench/governance_profile.py --only check_ins  # no vote opened

The ballots part checks the rest of the register in and opens a new vote (~30 s): it
leaves the meeting full, as governance.py does; governance.py empties the room again.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import say  # noqa: E402

HOST = "127.0.0.1"


class SqlTimer:
    """A connection.execute_wrapper: the wall time spent in the database."""

    def __init__(self):
        self.seconds = 0.0
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - t0
            self.count += 1


def requests(client, path, token, bodies):
    for body in bodies:
        answer = client.post(path, data=json.dumps(body), content_type="application/json",
                             HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_HOST=HOST)
        if answer.status_code != 201:
            sys.exit(f"{path} {body}: {answer.status_code} {answer.content[:300]!r}")


def figure(name, client, path, token, make_body, start, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    say(f"\n== {name}: {path}")
    requests(client, path, token, [make_body(start)])  # warm caches
    with CaptureQueriesContext(connection) as ctx:
        requests(client, path, token, [make_body(start + 1)])
    say(f"{len(ctx.captured_queries)} queries in one request:")
    for q in ctx.captured_queries:
        say(f"  {float(q['time']) * 1000:6.2f} ms  {q['sql'][:230]}")
    timer = SqlTimer()
    bodies = [make_body(start + 2 + i) for i in range(n)]
    with connection.execute_wrapper(timer):
        t0 = time.perf_counter()
        requests(client, path, token, bodies)
        total = time.perf_counter() - t0
    say(f"{n} requests: {total / n * 1000:.2f} ms each, of which SQL "
        f"{timer.seconds / n * 1000:.2f} ms ({timer.count / n:.1f} statements), "
        f"Python {(total - timer.seconds) / n * 1000:.2f} ms")
    prof = cProfile.Profile()
    bodies = [make_body(start + 2 + n + i) for i in range(n)]
    prof.enable()
    requests(client, path, token, bodies)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(45)
    say(out.getvalue())
    return start + 2 + 2 * n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="requests timed per figure")
    parser.add_argument("--only", nargs="*", choices=["check_ins", "ballots"])
    args = parser.parse_args()
    wanted = set(args.only or ["check_ins", "ballots"])

    import governance as g
    from benchsetup import ensure_database
    from sales_throughput import staff_token

    url = os.environ.get("BENCH_DATABASE_URL", g.DEFAULT_URL)
    ensure_database(url, drop=False)
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="guyub.settings", DEBUG="0",
                      ALLOWED_HOSTS=HOST, LOG_LEVEL="ERROR",
                      SECRET_KEY="profile-only-" + "x" * 40,
                      STATIC_ROOT=str(g.ROOT / "var" / "bench_static"))
    os.environ.pop("GUYUB_TESTING", None)
    import django

    django.setup()
    from django.test import Client

    coop = g.bench_cooperative()
    if coop is None:
        sys.exit("no bench data: run bench/governance.py first")
    meeting = g.bench_meeting(coop)
    board = g.actors(coop)["board"]
    token = staff_token(coop)
    client = Client(enforce_csrf_checks=True)
    g.empty_room(coop, meeting)
    if "check_ins" in wanted:
        path = g.CHECK_IN_PATH.format(slug=coop.slug, meeting=meeting.pk)
        figure("check-in", client, path, token, lambda n: {"member_number": n}, 1, args.n)
    if "ballots" in wanted:
        vote = g.new_vote(coop, meeting, board)
        positions = g.positions_of(coop, vote)
        say("checking in the rest, opening a vote …")
        g.check_in_the_rest(coop, meeting)
        vote = g.open_vote(coop, vote, board)
        path = g.BALLOT_PATH.format(slug=coop.slug, vote=vote.pk)
        figure("tablet ballot", client, path, token,
               lambda n: {"member_number": n, "options": [positions[n % len(positions)]]},
               1, args.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
