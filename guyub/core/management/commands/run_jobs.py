"""Run periodic jobs once, now, in this process: for an operator who does not want to
wait for the scheduler (after an outage, say). Each run is recorded as the scheduler's
are, and shows on the jobs page. The schedule itself is celery beat's:

    celery -A guyub beat      # sends each job at its time to the workers

    manage.py run_jobs                      # every job
    manage.py run_jobs close_due_rounds     # one job
"""

import uuid

from django.core.management.base import BaseCommand, CommandError

from guyub.core.jobs import registered_jobs, services


class Command(BaseCommand):
    help = "Run the periodic jobs (or the ones named) once, now, and record the runs."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", metavar="JOB")

    def handle(self, *args, names=(), **options):
        known = [job.name for job in registered_jobs()]
        unknown = sorted(set(names) - set(known))
        if unknown:
            raise CommandError(f"Unknown job(s): {', '.join(unknown)}; known: "
                               f"{', '.join(known)}.")
        failed = []
        for name in names or known:
            run = services.start_run(name=name, task_id=f"manual-{uuid.uuid4()}",
                                     cooperative_id=None)
            try:
                done = services.run_recorded(run)
            except Exception as exc:
                self.stderr.write(f"{name} failed: {type(exc).__name__}: {exc}")
                failed.append(name)
                continue
            for line in done:
                self.stdout.write(f"  {line.text}")
            self.stdout.write(f"{name}: {len(done)} done.")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)} (see the jobs page).")
