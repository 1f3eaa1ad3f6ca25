"""governance's periodic jobs (deadlines). Each locks and re-checks its rows or tells
under a stable event id, so a second run changes nothing."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guyub.core.jobs import Done, Job
from guyub.core.jobs.each import in_each_cooperative
from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.notifications.services import notify

from . import notices
from .ballots.services.reorder import reorder_boxes
from .elections.services import seat_officers as _seat_officers
from .meetings import rules
from .meetings.models import Meeting


def _board(cooperative) -> list[int]:
    return list(CoopRole.objects.filter(cooperative=cooperative, role=Role.BOARD)
                .values_list("user_id", flat=True).order_by("user_id"))


def rat_reminder(cooperative, today: dt.date) -> tuple[str, int, dt.date] | None:
    """("late" | "due-soon", fiscal year, deadline) when the board is to be told about
    the accountability RAT of the last fiscal year that ended; None when it is held
    (a RAT of that year closed), not due yet, or the cooperative did not exist then."""
    start_month = cooperative.fiscal_year_start_month or 1
    year = rules.last_ended_fiscal_year(today, start_month)
    founded = cooperative.founded_on
    if founded is not None and founded > rules.fiscal_year_end(year, start_month):
        return None
    deadline = rules.rat_deadline(year, start_month)
    if today > deadline:
        state = "late"
    elif today >= deadline - dt.timedelta(days=rules.REMIND_DAYS):
        state = "due-soon"
    else:
        return None
    held = Meeting.objects.filter(kind=Meeting.Kind.RAT, fiscal_year=year,
                                  status=Meeting.Status.CLOSED).exists()
    return None if held else (state, year, deadline)


def remind_rat(cooperative=None, *, today: dt.date | None = None) -> list[Done]:
    today = today or timezone.localdate()

    def remind(coop) -> list[Done]:
        found = rat_reminder(coop, today)
        if found is None:
            return []
        state, year, deadline = found
        # The board reads it in the cooperative's language (the notice keeps the text).
        with translation.override("id"):
            when = date_format(deadline, "j F Y")
        told = notify(cooperative=coop, topic=notices.RAT_LATE,
                      event_id=f"rat-{state}:{coop.pk}:{year}", recipients=_board(coop),
                      link=reverse("governance:meetings", args=[coop.slug]),
                      params={"year": str(year), "deadline": when})
        if not told:
            return []
        text = (_("Pengurus diberi tahu: RAT tahun buku %(year)s terlambat (batas %(when)s)")
                if state == "late" else
                _("Pengurus diingatkan: RAT tahun buku %(year)s paling lambat %(when)s"))
        return [Done(coop.pk, text % {"year": year, "when": when})]

    return in_each_cooperative(cooperative, remind)
def seat_officers(cooperative=None) -> list[Done]:
    """The elected take their role on their term's start date; a term past its end
    gives back the role it gave (elections/services.py)."""
    return _seat_officers(cooperative, today=timezone.localdate())


def jobs() -> list[Job]:
    return [
        Job("remind_rat",
            gettext_lazy("Mengingatkan pengurus RAT pertanggungjawaban yang hampir jatuh "
                         "tempo atau terlambat (enam bulan setelah tahun buku berakhir)"),
            remind_rat, schedule="30 7 * * *"),
        Job("seat_officers",
            gettext_lazy("Memberi peran pengurus/pengawas yang masa jabatannya dimulai dan "
                         "mencabutnya saat masa jabatan berakhir"),
            seat_officers, schedule="5 0 * * *"),
        # Normally done by the worker right after a close; this catches a close whose
        # task was lost or found the ballot table busy.
        Job("reorder_ballot_boxes",
            gettext_lazy("Mengacak ulang urutan kertas suara di basis data setelah "
                         "pemungutan suara ditutup (kerahasiaan suara)"),
            reorder_boxes, schedule="*/10 * * * *"),
    ]
