"""What the minutes print, gathered from the record: attendance by kind, the quorum,
each agenda item with its decisions, its votes' quorum and counts, the elected.

Only counts ever come from the votes: the minutes never read who chose what (no
NamedChoice, no Participation beyond a count)."""

from dataclasses import dataclass

from ..attendance.models import Attendance, Delegate, RegisterEntry
from ..attendance.selectors import live_proxies
from ..ballots.models import Vote
from ..decisions.models import Decision
from ..elections.models import Election, OfficerTerm
from ..meetings.models import AgendaItem, Meeting
from ..meetings.selectors import settings_for
from ..quorum import needed, represented


@dataclass(frozen=True)
class Turnout:
    register: int
    in_person: int
    online: int
    by_proxy: int
    delegates: int
    needed: int
    fraction: object
    rule: str

    @property
    def counted(self) -> int:
        return self.in_person + self.online + self.by_proxy

    @property
    def reached(self) -> bool:
        return self.register > 0 and self.counted >= self.needed


def turnout(meeting: Meeting) -> Turnout:
    """Who came over the whole meeting (everyone checked in at some time), by kind."""
    rules = settings_for(meeting.cooperative)
    register = RegisterEntry.objects.filter(meeting=meeting).count()
    came = dict(Attendance.objects.filter(meeting=meeting)
                .values_list("entry_id", "mode"))
    proxies = live_proxies(meeting) if rules.proxies_allowed else []
    fraction = meeting.quorum_fraction or rules.quorum_fraction
    rule = meeting.quorum_rule or rules.quorum_rule
    return Turnout(
        register=register,
        in_person=sum(1 for m in came.values() if m == Attendance.Mode.IN_PERSON),
        online=sum(1 for m in came.values() if m == Attendance.Mode.ONLINE),
        by_proxy=represented(set(came), proxies, rules.proxy_cap),
        delegates=RegisterEntry.objects.filter(meeting=meeting,
                                               delegate_from__isnull=False).count(),
        needed=needed(register, fraction, rule), fraction=fraction, rule=rule)


def record(meeting: Meeting) -> dict:
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    decisions = list(Decision.objects.filter(meeting=meeting).order_by("decided_at", "id"))
    votes = list(Vote.objects.filter(meeting=meeting).prefetch_related("options")
                 .order_by("id"))
    elections = {e.vote_id: e for e in Election.objects.filter(vote__meeting=meeting)}
    terms = list(OfficerTerm.objects.filter(election__vote__meeting=meeting)
                 .select_related("member").order_by("-votes", "id"))
    for vote in votes:
        vote.closed = vote.status in (Vote.Status.CLOSED, Vote.Status.INVALID)
        # Counts only once the box is closed: an open vote's running count is hidden.
        vote.counts = [(o.label, o.votes or 0) for o in vote.options.all()] \
            if vote.closed else []
        vote.election_row = elections.get(vote.pk)
        vote.elected = [t for t in terms if vote.election_row
                        and t.election_id == vote.election_row.pk]
    for item in items:
        item.decided = [d for d in decisions if d.item_id == item.pk]
        item.vote_rows = [v for v in votes if v.item_id == item.pk]
    sent = RegisterEntry.objects.filter(meeting=meeting, delegate_from__isnull=False)
    return {"meeting": meeting, "items": items, "turnout": turnout(meeting),
            "signed": bool(meeting.signed_on),
            # RAT perwakilan: a group's delegates in its minutes, the RAT's own numbers.
            "delegates": list(Delegate.objects.filter(meeting=meeting)
                              .select_related("entry").order_by("entry__number")),
            "perwakilan": {"delegates": sent.count(),
                           "groups": sent.values("delegate_from").distinct().count()},
            "other_votes": [v for v in votes if v.item_id is None]}
