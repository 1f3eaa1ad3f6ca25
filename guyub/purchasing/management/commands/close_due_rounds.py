"""Close every collective purchase round whose closing time has passed.

`manage.py run_jobs` runs this together with the other scheduled jobs (the tenders'
deadlines) and is what the README's cron line uses; this command stays for existing
crontabs. Meant for cron, every minute:

    * * * * * cd /srv/guyub && .venv/bin/python manage.py close_due_rounds --quiet

Each round closes in its own cooperative's scope and transaction; a round closed by
hand a moment earlier is skipped, so running it twice (or on two machines) is safe.
"""

from django.core.management.base import BaseCommand

from guyub.purchasing.rounds.schedule import close_due_rounds


class Command(BaseCommand):
    help = "Close the collective purchase rounds whose closing time has passed."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true",
                            help="Print nothing when no round was due.")

    def handle(self, *args, quiet=False, **options):
        closed = close_due_rounds()
        for round_ in closed:
            self.stdout.write(f"Closed round {round_.pk} ({round_.cooperative.slug}): "
                              f"{round_.title}")
        if closed or not quiet:
            self.stdout.write(f"{len(closed)} round(s) closed.")
