"""support's periodic jobs (deadlines). Each locks and re-checks its rows or tells under a
stable event id, so a second run changes nothing."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from guyub.core.jobs import Done, Job

from .loans import reminders as loan_reminders


def remind_instalments(cooperative=None) -> list[Done]:
    return loan_reminders.remind_instalments(cooperative, today=timezone.localdate())


def jobs() -> list[Job]:
    return [
        Job("remind_instalments",
            gettext_lazy("Mengingatkan anggota angsuran pinjaman yang jatuh tempo atau "
                         "terlambat"),
            remind_instalments, schedule="0 7 * * *"),
    ]
