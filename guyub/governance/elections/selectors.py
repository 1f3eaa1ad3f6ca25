"""Reads of elections and officer terms."""

from django.db.models import Prefetch

from guyub.members.selectors import own_membership

from ..attendance.models import RegisterEntry
from ..ballots.models import Option, Vote
from .models import Election, OfficerTerm


def election_of(vote_pk) -> Election | None:
    return (Election.objects.select_related("vote__meeting", "vote__item")
            .prefetch_related(Prefetch("vote__options",
                                       queryset=Option.objects.select_related("candidate")
                                       .order_by("position")))
            .filter(vote_id=vote_pk, vote__kind=Vote.Kind.ELECTION).first())


def on_register(user, meeting) -> bool:
    """Whether `user` is a member on the meeting's frozen register."""
    member = own_membership(user)
    return member is not None and RegisterEntry.objects.filter(
        meeting=meeting, member=member).exists()


def terms():
    """The officer terms: serving, then elected waiting to start, then ended."""
    rows = OfficerTerm.objects.select_related("member", "election").order_by(
        "office", "-term_start", "member__owner_name")
    return {
        "serving": [t for t in rows if t.status == OfficerTerm.Status.SERVING],
        "elected": [t for t in rows if t.status == OfficerTerm.Status.ELECTED],
        "ended": [t for t in rows if t.status == OfficerTerm.Status.ENDED][:200],
    }


def elections_of(meeting):
    return (Election.objects.filter(vote__meeting=meeting).select_related("vote")
            .order_by("vote_id"))
