"""resources's periodic jobs (deadlines). Each locks and re-checks its rows or tells under a
stable event id, so a second run changes nothing."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from guyub.core.jobs import Done, Job

from . import maintenance


def remind_maintenance(cooperative=None) -> list[Done]:
    return maintenance.remind_maintenance(cooperative, today=timezone.localdate())


def jobs() -> list[Job]:
    return [
        Job("remind_maintenance",
            gettext_lazy("Memberi tahu pengurus dan staf aset yang jatuh tempo perawatan"),
            remind_maintenance, schedule="45 6 * * *"),
    ]
