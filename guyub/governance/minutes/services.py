"""Closing a meeting and signing its minutes.

The chair closes an open meeting once no vote is still open (an open vote would be
left without a result); the minutes are signed after closing: the names of the chair
and the secretary of the meeting and the date they signed, after which the PDF loses
its draft mark."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.typed_text import clean_text

from ..ballots.models import Vote
from ..meetings.models import Meeting

NAME_MAX = Meeting._meta.get_field("chair_name").max_length


def close_meeting(*, meeting: Meeting, actor) -> Meeting:
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        open_votes = list(Vote.objects.filter(meeting=meeting, status=Vote.Status.OPEN)
                          .order_by("id").values_list("question", flat=True))
        if open_votes:
            raise DomainError(_("Masih ada pemungutan suara yang dibuka: %(votes)s. Tutup "
                                "dulu sebelum menutup rapat.")
                              % {"votes": "; ".join(open_votes)}, code="conflict")
        meeting.move_to(Meeting.Status.CLOSED,
                        _("Hanya rapat yang sedang berlangsung yang bisa ditutup."))
        meeting.ended_at = timezone.now()
        meeting.save(update_fields=["status", "ended_at"])
        log_action(cooperative=meeting.cooperative, actor=actor, action="meeting.closed",
                   obj=meeting)
    return meeting


def sign_minutes(*, meeting: Meeting, actor, chair_name: str, secretary_name: str,
                 signed_on) -> Meeting:
    chair_name = clean_text(chair_name, field="chair_name", limit=NAME_MAX)
    secretary_name = clean_text(secretary_name, field="secretary_name", limit=NAME_MAX)
    if not isinstance(signed_on, dt.date):
        raise DomainError(_("Tanggal tidak valid."), field="signed_on")
    if signed_on > timezone.localdate():
        raise DomainError(_("Tanggal tanda tangan tidak boleh di masa depan."),
                          field="signed_on")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != Meeting.Status.CLOSED:
            raise DomainError(_("Notulen ditandatangani setelah rapat ditutup."),
                              code="transition")
        if meeting.signed_on:
            raise DomainError(_("Notulen sudah ditandatangani."), code="conflict")
        held = timezone.localtime(meeting.starts_at).date()
        if signed_on < held:
            raise DomainError(_("Tanggal tanda tangan tidak boleh sebelum tanggal rapat."),
                              field="signed_on")
        meeting.chair_name, meeting.secretary_name = chair_name, secretary_name
        meeting.signed_on = signed_on
        meeting.save(update_fields=["chair_name", "secretary_name", "signed_on"])
        log_action(cooperative=meeting.cooperative, actor=actor, action="minutes.signed",
                   obj=meeting, chair=chair_name, secretary=secretary_name,
                   signed_on=signed_on.isoformat())
    return meeting
