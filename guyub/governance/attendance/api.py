"""The door in the JSON API: staff (a token with governance.manage) check a member in
by number or by the signed code of their card, and read the live quorum.

POST /cooperatives/{slug}/meetings/{meeting_id}/check-ins answers 201 with the
attendance; a refusal is 409 (already present since 09.12, not on the register, a code
for another meeting, the door not open) or 422 (a forged code, neither or both of
member_number and code). The answer carries no quorum: counting the room costs more
than the check-in itself once thousands are present (a RAT of 300,000 checks in through
here), and the quorum meter reads GET .../quorum on its own clock anyway."""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from guyub.core.api import ERRORS, ErrorOut
from guyub.core.api_auth import FormErrors, api_access
from guyub.core.errors import DomainError

from . import selectors, services

router = Router(tags=["governance"])


class CheckInIn(Schema):
    member_number: int | None = Field(None, ge=1, le=2_000_000_000,
                                      description="the member number typed at the door")
    code: str | None = Field(None, max_length=500,
                             description="the signed code of the member's QR card")


class QuorumOut(Schema):
    # "register" would shadow a method of ninja's Schema.
    register_size: int = Field(description="voters on the frozen register")
    present: int
    represented: int = Field(description="absent grantors carried by a present holder")
    needed: int
    counted: int
    reached: bool
    missing: int


class AttendanceOut(Schema):
    entry_id: int
    member_number: int
    name: str
    mode: str
    checked_in_at: dt.datetime


class CheckInOut(Schema):
    attendance: AttendanceOut


def _quorum_out(q) -> dict:
    return {"register_size": q.register, "present": q.present, "represented": q.represented,
            "needed": q.needed, "counted": q.counted, "reached": q.reached,
            "missing": q.missing}


def _meeting(access, meeting_id: int):
    found = selectors.meeting_of(access.cooperative, meeting_id)
    if found is None:
        raise Http404
    return found


@router.post("/{slug}/meetings/{meeting_id}/check-ins",
             response={201: CheckInOut, 409: ErrorOut, **ERRORS})
def check_in(request, slug: str, meeting_id: int, payload: CheckInIn):
    """Check a member in at the door (in person): `member_number` or `code`, not both."""
    with api_access(request, slug, "governance.manage") as access:
        if (payload.member_number is None) == (payload.code is None):
            raise FormErrors({"__all__": [_("Kirim nomor anggota atau kode QR, salah "
                                            "satu saja.")]})
        meeting = _meeting(access, meeting_id)
        try:
            att = services.check_in(meeting=meeting, actor=request.user,
                                    number=payload.member_number,
                                    code=payload.code)
        except DomainError as error:
            if error.is_refused_step:
                raise
            raise FormErrors({error.field or "__all__": [error.message]}) from None
        entry = att.entry
        return Status(201, {
            "attendance": {"entry_id": entry.pk, "member_number": entry.number,
                           "name": entry.name, "mode": att.mode,
                           "checked_in_at": att.checked_in_at}})


@router.get("/{slug}/meetings/{meeting_id}/quorum", response={200: QuorumOut, **ERRORS})
def get_quorum(request, slug: str, meeting_id: int):
    """The live quorum: present (in the room and online), represented, needed."""
    with api_access(request, slug, "governance.view") as access:
        return _quorum_out(selectors.quorum_of(_meeting(access, meeting_id)))
