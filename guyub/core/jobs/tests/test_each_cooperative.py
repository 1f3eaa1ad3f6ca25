"""A job's walk over the cooperatives: one cooperative's failure is a failed line of
its own, rolled back alone, and the cooperatives after it are still served."""

import pytest
from django_scopes import scope

from guyub.core.audit import log_action
from guyub.core.jobs import Done
from guyub.core.jobs.each import in_each_cooperative
from guyub.core.models import AuditLog

pytestmark = pytest.mark.django_db


def test_a_failure_stays_in_its_cooperative_and_the_others_are_served(coop, other_coop):
    def work(current):
        log_action(cooperative=current, actor=None, action="job.run", job="uji")
        if current == coop:
            raise RuntimeError(f"data rahasia {current.name}")
        return [Done(current.pk, "beres")]

    done = in_each_cooperative(None, work)
    mine = [d for d in done if d.cooperative_id == coop.pk]
    theirs = [d for d in done if d.cooperative_id == other_coop.pk]
    assert [d.failed for d in mine] == [True] and "data rahasia" in mine[0].text
    assert theirs == [Done(other_coop.pk, "beres")]
    with scope(cooperative=coop):
        assert not AuditLog.objects.exists()          # its half-done work rolled back
    with scope(cooperative=other_coop):
        assert AuditLog.objects.count() == 1


def test_a_run_by_hand_touches_only_its_cooperative(coop, other_coop):
    seen = []
    in_each_cooperative(coop, lambda current: seen.append(current) or [])
    assert seen == [coop]
