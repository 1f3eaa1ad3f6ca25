"""governance's periodic jobs (deadlines). Each locks and re-checks its rows or tells
under a stable event id, so a second run changes nothing."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from guyub.core.jobs import Job

# --- governance: elections (officer terms start and end) ------------------------------
from .elections.services import seat_officers as _seat_officers


def seat_officers(cooperative=None):
    """The elected take their role on their term's start date; a term past its end
    gives back the role it gave (elections/services.py)."""
    return _seat_officers(cooperative, today=timezone.localdate())


ELECTION_JOBS = [
    Job("seat_officers",
        gettext_lazy("Memberi peran pengurus/pengawas yang masa jabatannya dimulai dan "
                     "mencabutnya saat masa jabatan berakhir"),
        seat_officers, schedule="5 0 * * *"),
]
# --- end governance: elections ----------------------------------------------------------


def jobs() -> list[Job]:
    return [*ELECTION_JOBS]
