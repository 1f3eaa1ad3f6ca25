"""The door: staff check a member in by number or by the QR code on their card, and out
when they leave; back in clears the leaving. Every move is an AttendanceEvent (the
door's log). An online attendee who arrives in the room is in the room from then.

A few queries per check-in (the API is hammered on the RAT's morning): the meeting,
the entry (locked: two scanners reading one card queue here), its attendance, the
writes."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from guyub.core.errors import DomainError

from ...meetings.models import Meeting
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
    rows = RegisterEntry.objects.select_for_update(no_key=True).filter(meeting=meeting)
    found = (rows.filter(pk=entry_id) if entry_id else rows.filter(number=number)).first()
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
    att = Attendance.objects.filter(entry=entry).first()
    if att is None:
        att = Attendance.objects.create(
            cooperative=meeting.cooperative, meeting=meeting, entry=entry,
            mode=Mode.IN_PERSON, checked_in_at=now, checked_in_by=actor)
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
    AttendanceEvent.objects.create(cooperative=meeting.cooperative, meeting=meeting,
                                   entry=entry, kind=AttendanceEvent.Kind.IN,
                                   mode=Mode.IN_PERSON, at=now, by=actor)
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
