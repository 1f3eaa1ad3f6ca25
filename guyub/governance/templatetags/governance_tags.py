"""The member's meetings card on the cooperative's home page: the members' meetings they
are called to (a meeting open now first, with a link to its room), and the votes open
for them. The menu keeps a member's short flat row, so this card is how a member finds
their meetings (as the contracts and mutual-help cards do)."""

from django import template

from ..attendance.models import RegisterEntry
from ..ballots.models import Participation, Vote
from ..meetings.models import Meeting

register = template.Library()

UPCOMING = (Meeting.Status.CALLED, Meeting.Status.OPEN)


@register.inclusion_tag("governance/_meetings_card.html", takes_context=True)
def portal_meetings(context, member):
    entries = {e.meeting_id: e for e in RegisterEntry.objects.filter(
        member=member, meeting__status__in=UPCOMING).select_related("meeting")}
    meetings = sorted((e.meeting for e in entries.values()),
                      key=lambda m: (m.status != Meeting.Status.OPEN, m.starts_at))
    open_votes = Vote.objects.filter(meeting_id__in=entries, status=Vote.Status.OPEN)
    voted = set(Participation.objects.filter(
        vote__in=open_votes, entry__in=entries.values()).values_list("vote_id", flat=True))
    return {"coop": context.get("coop"), "meetings": meetings[:3],
            "to_vote": sum(1 for v in open_votes if v.pk not in voted)}
