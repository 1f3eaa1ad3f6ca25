"""Votes in the JSON API: casting a ballot and reading a vote.

POST /cooperatives/{slug}/votes/{id}/ballots
- a member's token (governance.attend): their own ballot, or with `for_member_number`
  the ballot of an absent grantor whose proxy they hold; both only while present.
- a staff or board token (governance.manage) with `member_number`: the tablet in the
  room, for a member present in person.
Answers 201 {"receipt": code}: the code is in this answer only. 409 for a second
ballot, a vote not open, a voter not present; 422 for a ballot that marks the wrong
options.

GET /cooperatives/{slug}/votes/{id}: status and how many have voted; the counts per
option only once the vote is closed."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from guyub.core.api import ERRORS, ErrorOut
from guyub.core.api_auth import FormErrors, api_access
from guyub.core.errors import DomainError
from guyub.members.selectors import own_membership

from . import selectors, services

router = Router(tags=["governance"])


class BallotIn(Schema):
    options: list[int] = Field(..., max_length=62,
                               description="the option positions marked (one for a motion "
                                           "or a choice; up to the seats for an election)")
    for_member_number: int | None = Field(None, description="a member token casting the "
                                                            "ballot of a proxy it holds")
    member_number: int | None = Field(None, description="a staff token at the tablet: the "
                                                        "member present in the room")


class ReceiptOut(Schema):
    receipt: str = Field(description="the receipt code, shown once: keep it to find the "
                                     "ballot in the published tally")


class OptionOut(Schema):
    position: int
    label: str
    votes: int | None = Field(None, description="only once the vote is closed")


class VoteOut(Schema):
    id: int
    question: str
    kind: str
    status: str
    secret: bool
    max_marks: int
    voted: int
    result: str = Field(description="empty until the vote is closed")
    ballots_cast: int | None = None
    options: list[OptionOut]


def _refusing(error: DomainError):
    if error.is_refused_step:
        return error
    return FormErrors({error.field or "__all__": [error.message]})


@router.post("/{slug}/votes/{vote_id}/ballots",
             response={201: ReceiptOut, 409: ErrorOut, **ERRORS})
def cast_ballot(request, slug: str, vote_id: int, payload: BallotIn):
    """Cast a ballot (see the module's description): 201 with the receipt code."""
    permission = "governance.manage" if payload.member_number is not None \
        else "governance.attend"
    with api_access(request, slug, permission) as access:
        vote = selectors.vote_to_cast(access.cooperative, vote_id)
        if vote is None:
            raise Http404
        try:
            if payload.member_number is not None:
                voter = selectors.voter_numbered(vote, payload.member_number)
                if voter is None:
                    raise FormErrors({"member_number": [
                        _("Nomor ini tidak ada di daftar pemilih rapat.")]})
                code = services.cast_tablet(vote=vote, voter=voter, positions=payload.options,
                                            actor=request.user)
            else:
                holder = selectors.entry_of_member(vote.meeting_id, own_membership(request.user))
                if holder is None:
                    raise Http404
                voter = holder
                if payload.for_member_number is not None:
                    voter = selectors.entry_by_number(vote.meeting_id, payload.for_member_number)
                    if voter is None:
                        raise FormErrors({"for_member_number": [
                            _("Nomor ini tidak ada di daftar pemilih rapat.")]})
                code = services.cast_online(vote=vote, holder=holder, voter=voter,
                                            positions=payload.options, actor=request.user)
        except DomainError as error:
            raise _refusing(error) from None
        return Status(201, {"receipt": code})


@router.get("/{slug}/votes/{vote_id}", response={200: VoteOut, **ERRORS})
def get_vote(request, slug: str, vote_id: int):
    """A vote: status and how many have voted; counts only after the close."""
    with api_access(request, slug, None) as access:
        if not (access.can("governance.view") or access.can("governance.attend")):
            access.require("governance.view")
        vote = selectors.vote(vote_id)
        if vote is None:
            raise Http404
        closed = selectors.is_closed(vote)
        return {"id": vote.pk, "question": vote.question, "kind": vote.kind,
                "status": vote.status, "secret": vote.secret, "max_marks": vote.max_marks,
                "voted": selectors.voted_count(vote), "result": vote.result,
                "ballots_cast": vote.ballots_cast if closed else None,
                "options": [{"position": o.position, "label": o.label,
                             "votes": o.votes if closed else None}
                            for o in selectors.options(vote)]}
