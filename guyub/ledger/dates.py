"""When a money event may be dated: the one rule every posting goes through.

A receipt dated 01-01-1990 for a cooperative founded in 2019 (or 0001-01-01, or next
month) is a typing mistake that would otherwise sit in the books for good, since
entries are never edited. So the ledger itself refuses dates outside the window in
which the event could have happened, and every form and API call that posts money
shows the same words.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.errors import DomainError


def _show(date: dt.date) -> str:
    # Not strftime: glibc prints year 1 as "1", not "0001".
    return f"{date.day:02d}-{date.month:02d}-{date.year:04d}"


def earliest_date(cooperative) -> dt.date:
    """The cooperative's founding date; without one, the day it joined Guyub, since
    nothing before that was recorded here (filling in the founding date opens the
    earlier years for historical entries)."""
    if cooperative.founded_on:
        return cooperative.founded_on
    return timezone.localdate(cooperative.created_at) if cooperative.created_at \
        else timezone.localdate()


def check_entry_date(*, cooperative, date: dt.date, members=(),
                     closed_through: dt.date | None = None) -> None:
    """Raise DomainError(field="date") unless `date` could be the date of a money event:
    not in the future, not before the cooperative existed (or joined Guyub), not before
    any member involved joined, and not in a closed period."""
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise DomainError(_("Tanggal tidak valid."), field="date")
    today = timezone.localdate()
    if date > today:
        raise DomainError(_("Tanggal %(d)s ada di masa depan; hari ini %(today)s.")
                          % {"d": _show(date), "today": _show(today)}, field="date")
    if closed_through is not None and date <= closed_through:
        raise DomainError(_("Periode sampai %(d)s sudah ditutup; jurnal tidak dapat dicatat "
                            "pada tanggal itu.") % {"d": _show(closed_through)}, field="date")
    start = earliest_date(cooperative)
    if date < start:
        if cooperative.founded_on:
            message = _("Tanggal %(d)s sebelum koperasi berdiri (%(start)s).")
        else:
            message = _("Tanggal %(d)s sebelum koperasi mulai memakai Guyub (%(start)s). "
                        "Isi tanggal berdiri di pengaturan koperasi untuk mencatat "
                        "transaksi yang lebih lama.")
        raise DomainError(message % {"d": _show(date), "start": _show(start)}, field="date")
    for member in members:
        joined = getattr(member, "join_date", None)
        if joined and date < joined:
            raise DomainError(_("Tanggal %(d)s sebelum %(name)s menjadi anggota (%(joined)s).")
                              % {"d": _show(date), "name": member.owner_name,
                                 "joined": _show(joined)}, field="date")
