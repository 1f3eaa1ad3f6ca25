"""The member's live meeting room: the open votes with a ballot for themselves and
for each absent grantor whose proxy they carry (each only until it is cast), how many
have voted so far (never how), the results of the votes closed; refreshed every 10 s.
Casting shows the receipt code once. A member not on the meeting's register has no
room here (404)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership

from ..meetings.models import Meeting
from . import selectors, services
from .forms import BallotForm
from .models import Vote


def _own_entry(request, meeting):
    entry = selectors.entry_of_member(meeting, own_membership(request.user))
    if entry is None:
        raise Http404
    return entry


def _ballots(vote: Vote, entry, carried) -> list[dict]:
    """The ballots this member may still cast in `vote`: their own while present, and
    each carried grantor's."""
    voters = ([entry] if selectors.may_cast_for(entry, entry) else []) + carried
    done = selectors.voted_entry_ids(vote, [v.pk for v in voters])
    options = selectors.options(vote)
    return [{"voter": v, "own": v.pk == entry.pk,
             "form": BallotForm(vote=vote, options=options, initial={"voter": v.pk},
                                auto_id=f"id_{vote.pk}_{v.pk}_%s")}
            for v in voters if v.pk not in done]


@require_safe
@coop_view("governance.attend")
def room(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    entry = _own_entry(request, meeting)
    carried = selectors.carried_grantors(entry)
    open_votes = [{"vote": v, "ballots": _ballots(v, entry, carried)}
                  for v in selectors.open_votes(meeting)]
    context = {"meeting": meeting, "entry": entry, "open_votes": open_votes,
               "present": selectors.may_cast_for(entry, entry),
               "closed_votes": selectors.closed_votes(meeting),
               "heartbeat_url": reverse("governance:heartbeat",
                                        args=[request.coop.slug, meeting.pk]),
               "join_url": reverse("governance:join_online",
                                   args=[request.coop.slug, meeting.pk])}
    template = ("governance/ballots/_room.html" if request.headers.get("HX-Request")
                else "governance/ballots/room.html")
    return render(request, template, context)


@require_POST
@coop_view("governance.attend")
def cast(request, vote_pk):
    vote = selectors.vote(vote_pk)
    if vote is None:
        raise Http404
    entry = _own_entry(request, vote.meeting)
    form = BallotForm(request.POST, vote=vote, options=selectors.options(vote))
    if not form.is_valid():
        messages.error(request, _("Pilih sesuai petunjuk pada kertas suara."))
        return redirect("governance:room", request.coop.slug, vote.meeting_id)
    voter = selectors.vote_entry(vote, form.cleaned_data["voter"])
    if voter is None:
        raise Http404
    code = attempt(request, lambda: services.cast_online(
        vote=vote, holder=entry, voter=voter, positions=form.positions(), actor=request.user))
    if not code:
        return redirect("governance:room", request.coop.slug, vote.meeting_id)
    # Rendered, not redirected: the code is shown this once and kept nowhere.
    return render(request, "governance/ballots/receipt.html", {
        "meeting": vote.meeting, "vote": vote, "code": code, "voter": voter,
        "own": voter.pk == entry.pk, "next_url": "room"})
