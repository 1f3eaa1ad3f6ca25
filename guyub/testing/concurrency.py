"""Run service calls at the same moment on PostgreSQL, as requests served together would.

Each job runs in its own thread, with its own database connection (closed at the end)
and the cooperative's tenant scope; a barrier releases them all at once.
"""

import threading

from django.db import connection
from django_scopes import scope

from guyub.core.errors import DomainError


def at_once(coop, jobs, *, timeout: float = 60) -> list[tuple[str, object]]:
    """What each job did, in order: ("ok", its result), ("refused", the DomainError's
    message) or ("error", repr of anything else, which the calling test then fails on)."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index, job):
        try:
            with scope(cooperative=coop):
                barrier.wait(timeout=10)
                try:
                    results[index] = ("ok", job())
                except DomainError as error:
                    results[index] = ("refused", str(error.message))
        except Exception as error:  # reported, not raised: a thread cannot fail the test
            results[index] = ("error", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job), name=f"job-{i}")
               for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return results
