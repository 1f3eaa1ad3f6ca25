"""Test helpers of the attendance package: a meeting still in draft (to be called), a
document on a meeting, the objects the URL walks point at, and an API body that checks
in a fresh voter each time."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scope

from guyub.governance.attendance.models import RegisterEntry
from guyub.governance.meetings.models import AgendaDocument, AgendaItem, Meeting
from guyub.testing import governance as world
from guyub.testing.factories import MemberFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def draft_meeting(cooperative, board, *, starts_in=dt.timedelta(days=30),
                  items=("Laporan pertanggungjawaban pengurus", "Pembagian SHU"),
                  **fields) -> Meeting:
    with scope(cooperative=cooperative):
        meeting = Meeting.objects.create(
            cooperative=cooperative, kind=fields.pop("kind", Meeting.Kind.RAT),
            title=fields.pop("title", "RAT Tahun Buku 2025"), fiscal_year=2025,
            starts_at=fields.pop("starts_at", timezone.now() + starts_in),
            place=fields.pop("place", "Balai Desa Sukamaju"), created_by=board, **fields)
        for position, title in enumerate(items, start=1):
            AgendaItem.objects.create(cooperative=cooperative, meeting=meeting,
                                      position=position, title=title)
        return meeting


def document(meeting, title="Laporan keuangan 2025") -> AgendaDocument:
    with scope(cooperative=meeting.cooperative):
        doc = AgendaDocument(cooperative=meeting.cooperative, meeting=meeting, title=title)
        doc.file.save("laporan.pdf", ContentFile(PDF), save=False)
        doc.save()
        return doc


def today_meeting(cooperative, board, members, **fields) -> Meeting:
    """Called, starting in an hour: the door is open. After 23.00 WIB an hour ahead is
    tomorrow, when the door is not open yet: then it starts now (still today)."""
    soon = dt.timedelta(hours=1)
    now = timezone.now()
    if timezone.localdate(now + soon) != timezone.localdate(now):
        soon = dt.timedelta(0)
    return world.called_meeting(cooperative, board, members, starts_in=soon, **fields)


# governance: attendance — the URL walks (core/tests/helpers.py build_world)
def attendance_walk_world(cooperative, user, member) -> dict:
    """A meeting called with `member` on its register, and a document sent with it."""
    meeting = world.called_meeting(cooperative, user, [member])
    return {"governance_meeting": meeting, "governance_document": document(meeting)}


def api_checkin_target(cooperative, n: int) -> tuple[Meeting, dict]:
    """The world's first called meeting opened for the door, with a fresh member on its
    register to check in (each call another one)."""
    with scope(cooperative=cooperative):
        meeting = Meeting.objects.filter(status__in=[Meeting.Status.CALLED,
                                                     Meeting.Status.OPEN]).order_by("pk").first()
        if meeting.status != Meeting.Status.OPEN:
            meeting.status = Meeting.Status.OPEN
            meeting.opened_at = timezone.now()
            meeting.save(update_fields=["status", "opened_at"])
        member = MemberFactory(cooperative=cooperative)
        number = 900_000 + n
        RegisterEntry.objects.create(cooperative=cooperative, meeting=meeting, member=member,
                                     number=number, name=member.owner_name[:150])
    return meeting, {"member_number": number}
