"""The financial year a page shows, from ?tahun=: one of the last few years, by default
last year (the SHU and the member reports are about a closed year)."""

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

YEARS_BACK = 5


def year_choices() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - YEARS_BACK - 1, -1))


def chosen_year(request) -> int:
    """?tahun= among year_choices(); anything else gets a message and the default."""
    default = timezone.localdate().year - 1
    raw = request.GET.get("tahun", "")
    if not raw:
        return default
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year not in year_choices():
        messages.warning(request, _("Tahun buku tidak dikenal; ditampilkan tahun %(y)s.")
                         % {"y": default})
        return default
    return year
