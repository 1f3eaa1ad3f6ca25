"""Run the scheduled jobs the apps declare (their AppConfig's `periodic_jobs`): today
closing the collective purchase rounds whose closing time has passed, and moving the
tenders whose deadline has passed to evaluation.

One pass by default, for cron (every minute):

    * * * * * cd /srv/guyub && .venv/bin/python manage.py run_jobs --quiet

or forever with `--loop SECONDS`, for a process manager (systemd, supervisord) or
beside `runserver` in development (`make run` does that):

    .venv/bin/python manage.py run_jobs --loop 60

Every job is safe to run twice or on two machines at once (each round and tender is
locked and checked again before it changes), so overlapping passes do no harm. A job
that fails is logged and the others still run; in a loop the next pass tries again,
in a single pass the command exits non-zero so cron reports it. SIGTERM (and Ctrl-C)
stop the loop after the pass under way.
"""

import logging
import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from guyub.core.jobs import registered_jobs

logger = logging.getLogger("guyub.jobs")


def _drop_stale_connections() -> None:
    """A process that runs for days: reconnect when the database dropped the connection
    (a restart) or it is older than CONN_MAX_AGE, as Django does between requests.
    Never inside a transaction (a test's)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


class Command(BaseCommand):
    help = ("Run the scheduled jobs (close due purchase rounds, due tenders to "
            "evaluation): once, or every SECONDS with --loop.")

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, metavar="SECONDS",
                            help="Repeat forever, waiting SECONDS between passes.")
        parser.add_argument("--quiet", action="store_true",
                            help="Print nothing when no job had anything to do.")

    def handle(self, *args, loop=None, quiet=False, **options):
        if loop is None:
            if self.run_pass(quiet=quiet):
                raise CommandError("A scheduled job failed (see the log above).")
            return
        if loop < 1:
            raise CommandError("--loop needs at least 1 second between passes.")
        stop = threading.Event()
        previous = self._stop_on_signals(stop)
        try:
            self.stdout.write(f"Running the scheduled jobs every {loop:g} s "
                              f"({', '.join(j.name for j in registered_jobs())}).")
            while not stop.is_set():
                _drop_stale_connections()
                # In a loop, a quiet pass stays quiet: a line a minute says nothing.
                self.run_pass(quiet=True, stamp=True)
                if self.wait(stop, loop):
                    break
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("Scheduled jobs stopped.")

    def run_pass(self, *, quiet: bool, stamp: bool = False) -> list[str]:
        """Run every job once; returns the names of the jobs that failed."""
        failed, lines, counts = [], [], []
        for job in registered_jobs():
            try:
                done = job.run()
            except Exception:
                logger.exception("Scheduled job %s failed", job.name)
                self.stderr.write(f"Job {job.name} failed; see the log.")
                failed.append(job.name)
                counts.append(f"{job.name} failed")
                continue
            lines += done
            counts.append(f"{len(done)} {job.done}")
        prefix = f"[{timezone.localtime():%Y-%m-%d %H:%M:%S}] " if stamp else ""
        for line in lines:
            self.stdout.write(prefix + line)
        if lines or failed or not quiet:
            self.stdout.write(f"{prefix}{', '.join(counts)}.")
        return failed

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        """Sleep until the next pass; True when asked to stop meanwhile."""
        return stop.wait(seconds)

    def _stop_on_signals(self, stop: threading.Event) -> dict:
        previous = {}
        if threading.current_thread() is not threading.main_thread():
            return previous
        for signum in (signal.SIGTERM, signal.SIGINT):
            if signal.getsignal(signum) == signal.SIG_IGN:
                # Started in the background by a shell (`make run`): SIGINT stays
                # ignored there, and the shell's trap stops us with SIGTERM.
                continue
            previous[signum] = signal.signal(signum, lambda *_args: stop.set())
        return previous
