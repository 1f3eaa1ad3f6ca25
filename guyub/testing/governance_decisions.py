"""Test helpers of decisions (kept apart from the elections ones: the decisions tests
may not import the packages above decisions, even through guyub.testing)."""

from django_scopes import scope

from guyub.governance.decisions.models import Decision
from guyub.governance.decisions.services import record_decision
from guyub.governance.meetings.models import AgendaItem, Meeting


def item(meeting, kind=None) -> AgendaItem:
    with scope(cooperative=meeting.cooperative):
        rows = AgendaItem.objects.filter(meeting=meeting)
        return (rows.filter(kind=kind) if kind else rows).order_by("position").first()


def set_status(meeting, status) -> Meeting:
    with scope(cooperative=meeting.cooperative):
        Meeting.objects.filter(pk=meeting.pk).update(status=status)
        meeting.refresh_from_db()
        return meeting


def decide(meeting, outcome, *, kind=None, actor=None, text="Disetujui oleh rapat.",
           at=None, method=Decision.Method.CONSENSUS) -> Decision:
    """A decision on the meeting's first item (of `kind`), recorded through the service,
    dated `at` when given."""
    with scope(cooperative=meeting.cooperative):
        decision = record_decision(item=item(meeting, kind), method=method,
                                   outcome=outcome, text=text, actor=actor)
        if at is not None:
            Decision.objects.filter(pk=decision.pk).update(decided_at=at)
            decision.refresh_from_db()
        return decision
