"""Online attendance: a member on the register presses "Hadir daring" on their meeting
page while the meeting is open; their page then tells the server every 30 s that it is
still open (heartbeat), and they count as present while it did within
ONLINE_FRESH_SECONDS."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.errors import DomainError

from ...meetings.models import Meeting
from ..models import Attendance, AttendanceEvent, RegisterEntry
from ..selectors import present_filter

Mode = Attendance.Mode


@transaction.atomic
def join_online(*, meeting: Meeting, member, actor) -> Attendance:
    if meeting.status != Meeting.Status.OPEN:
        raise DomainError(_("Kehadiran daring hanya selama rapat berlangsung."),
                          code="transition")
    if not meeting.online:
        raise DomainError(_("Rapat ini tidak dapat dihadiri secara daring."),
                          code="conflict")
    entry = (RegisterEntry.objects.select_for_update(no_key=True)
             .filter(meeting=meeting, member=member).first())
    if entry is None:
        raise DomainError(_("Anda tidak terdaftar sebagai pemilih rapat ini."),
                          code="conflict")
    now = timezone.now()
    att = Attendance.objects.filter(entry=entry).first()
    if att is not None and att.mode == Mode.IN_PERSON and att.left_at is None:
        raise DomainError(_("Anda sudah tercatat hadir langsung di ruangan."),
                          code="conflict")
    was_present = att is not None and Attendance.objects.filter(pk=att.pk).filter(
        present_filter(now)).exists()
    if att is None:
        att = Attendance.objects.create(cooperative=meeting.cooperative, meeting=meeting,
                                        entry=entry, mode=Mode.ONLINE, checked_in_at=now,
                                        checked_in_by=actor, last_seen_at=now)
    else:
        att.mode = Mode.ONLINE
        att.left_at = None
        att.last_seen_at = now
        att.save(update_fields=["mode", "left_at", "last_seen_at"])
    if not was_present:
        AttendanceEvent.objects.create(cooperative=meeting.cooperative, meeting=meeting,
                                       entry=entry, kind=AttendanceEvent.Kind.IN,
                                       mode=Mode.ONLINE, at=now, by=actor)
    return att


def heartbeat(*, meeting_id: int, user) -> bool:
    """The member's page is still open: one UPDATE, no read. False when they have no
    attendance at an open meeting (not joined, not on the register, meeting not open)."""
    return bool(Attendance.objects.filter(
        meeting_id=meeting_id, meeting__status=Meeting.Status.OPEN,
        entry__member__user=user).update(last_seen_at=timezone.now()))
