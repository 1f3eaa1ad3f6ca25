"""The door: staff check a member in by number or by the QR code on their card, and out
when they leave; back in clears the leaving. Every move is an AttendanceEvent (the
door's log). An online attendee who arrives in the room is in the room from then.

A few queries per check-in (the API is hammered on the RAT's morning): the meeting,
the entry (locked: two scanners reading one card queue here), its attendance, the
writes. The attendance is read by a statement of its own after the lock, not joined to
it: a second scanner waiting on the lock must see the first one's row once it commits
(a join would keep the snapshot taken before the wait, and the second INSERT would hit
the unique entry). The reads are the named statements of ../statements.py and the rows
are written through core.rows.insert (no save signals on these models; the cooperative
is set here): the ORM's compile was most of a check-in's time (bench/README.md)."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from guyub.core import rows
from guyub.core.errors import DomainError

from ...meetings.models import Meeting
from .. import statements
from ..codes import BadCode, looks_like_code, read_code
from ..models import Attendance, AttendanceEvent, RegisterEntry
from ..selectors import present_filter
from . import common

Mode = Attendance.Mode
NOT_ON_REGISTER = _("tidak terdaftar sebagai pemilih rapat ini")


def entry_for_code(meeting: Meeting, value) -> tuple[int | None, int | None]:
    """What was typed or scanned at the door: (member number, None) or (None, entry id
    from a signed code). A forged code or one made for another meeting is refused."""
    value = common.text(str(value if value is not None else ""), field="code", limit=500)
    if not looks_like_code(value):
        return int(value), None
    try:
        meeting_id, entry_id = read_code(value)
    except BadCode:
        raise DomainError(_("Kode QR tidak sah: bukan kartu hadir dari Guyub."),
                          field="code") from None
    if meeting_id != meeting.pk:
        raise DomainError(_("Kode QR ini untuk rapat lain, bukan %(title)s.")
                          % {"title": meeting.title}, field="code", code="conflict")
    return None, entry_id


def _door_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.OPEN:
        return
    if (meeting.status == Meeting.Status.CALLED
            and timezone.localdate() >= common.meeting_day(meeting)):
        return
    raise DomainError(_("Kehadiran hanya dicatat pada hari rapat atau selama rapat "
                        "berlangsung."), code="transition")


def _entry(meeting: Meeting, number, entry_id) -> RegisterEntry:
    """The register entry, locked until the transaction ends."""
    found = statements.entry(cooperative_id=meeting.cooperative_id, meeting_id=meeting.pk,
                             entry_id=entry_id, number=number, lock=True)
    if found is None:
        who = _("Anggota nomor %(n)s") % {"n": number} if number else _("Pemegang kartu ini")
        raise DomainError(f"{who} {NOT_ON_REGISTER}.", field="code", code="conflict")
    return found


@transaction.atomic
def check_in(*, meeting: Meeting, actor, number=None, entry_id=None, code=None):
    """In person: by member number, register entry id, or the code typed/scanned
    (`code`: a number or a signed card). Returns the attendance row."""
    if code is not None:
        number, entry_id = entry_for_code(meeting, code)
    _door_open(meeting)
    entry = _entry(meeting, number, entry_id)
    now = timezone.now()
    att = statements.attendance(cooperative_id=entry.cooperative_id, entry_id=entry.pk)
    if att is None:
        att = Attendance(cooperative_id=meeting.cooperative_id, meeting=meeting, entry=entry,
                         mode=Mode.IN_PERSON, checked_in_at=now, checked_in_by=actor)
        rows.insert([att])
    elif att.mode == Mode.IN_PERSON and att.left_at is None:
        raise DomainError(_("%(name)s sudah hadir sejak %(time)s.")
                          % {"name": entry.name,
                             "time": time_format(timezone.localtime(att.checked_in_at),
                                                 "H.i")}, code="conflict")
    elif att.mode == Mode.IN_PERSON:  # back in after leaving
        att.left_at = None
        att.save(update_fields=["left_at"])
    else:  # online until now: in the room from now on
        att.mode = Mode.IN_PERSON
        att.checked_in_at = now
        att.checked_in_by = actor
        att.left_at = None
        att.save(update_fields=["mode", "checked_in_at", "checked_in_by", "left_at"])
    rows.insert([AttendanceEvent(cooperative_id=meeting.cooperative_id, meeting=meeting,
                                 entry=entry, kind=AttendanceEvent.Kind.IN,
                                 mode=Mode.IN_PERSON, at=now, by=actor)])
    att.entry = entry
    return att


@transaction.atomic
def check_out(*, meeting: Meeting, actor, number=None, entry_id=None, code=None):
    """A member leaving the room: no longer present (nor their proxies) until back in."""
    if code is not None:
        number, entry_id = entry_for_code(meeting, code)
    _door_open(meeting)
    entry = _entry(meeting, number, entry_id)
    att = (Attendance.objects.filter(entry=entry, mode=Mode.IN_PERSON)
           .filter(present_filter()).first())
    if att is None:
        raise DomainError(_("%(name)s belum tercatat hadir di ruangan.")
                          % {"name": entry.name}, code="conflict")
    now = timezone.now()
    att.left_at = now
    att.save(update_fields=["left_at"])
    AttendanceEvent.objects.create(cooperative=meeting.cooperative, meeting=meeting,
                                   entry=entry, kind=AttendanceEvent.Kind.OUT,
                                   mode=Mode.IN_PERSON, at=now, by=actor)
    att.entry = entry
    return att
