"""Jobs of our own for the tests: the registry is the apps' `periodic_jobs` hook, so a
fixture puts these in its place."""

import pytest

from guyub.core import jobs
from guyub.core.jobs import Done, Job


class Ledger:
    """A pretend job that works through `due` once: what it did stays done, so a second
    run finds nothing (idempotent, as every real job must be)."""

    def __init__(self):
        self.due: list[tuple[int, str]] = []     # (cooperative id, thing)
        self.done: list[tuple[int, str]] = []
        self.calls: list[object] = []
        self.fail_with: Exception | None = None
        self.cannot: set[str] = set()            # things that fail (a failed line)

    def run(self, cooperative=None):
        self.calls.append(cooperative)
        if self.fail_with is not None:
            raise self.fail_with
        mine = [d for d in self.due if cooperative is None or d[0] == cooperative.pk]
        out = []
        for coop_id, thing in mine:
            if thing in self.cannot:
                out.append(Done(coop_id, f"gagal: {thing}", failed=True))
                continue
            self.due.remove((coop_id, thing))
            self.done.append((coop_id, thing))
            out.append(Done(coop_id, f"dikerjakan: {thing}"))
        return out


@pytest.fixture
def fake_job(monkeypatch):
    ledger = Ledger()
    job = Job("pretend", "Tugas pura-pura", ledger.run, schedule="*/5 * * * *")
    monkeypatch.setattr(jobs, "contributions", lambda hook: [lambda: [job]])
    return ledger
