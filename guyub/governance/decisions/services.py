"""Recording decisions. Every decision of a meeting gets the next number of that meeting
("03/RAT/2026"); the meeting row is locked while numbering, so two decisions recorded at
once never share a number."""

from django.db import transaction
from django.utils import timezone

from guyub.core.audit import log_action

from ..meetings.models import Meeting
from .models import Decision

KIND_CODES = {Meeting.Kind.RAT: "RAT", Meeting.Kind.RALB: "RALB",
              Meeting.Kind.PRE_RAT: "PRA-RAT"}


def record_decision(*, item, method: str, outcome: str, text: str, actor,
                    vote=None) -> Decision:
    """Write the decision of an agenda item (by consensus, or the result of `vote`).
    Callers validate `text` (the board's words for a consensus, the result's for a
    vote); this numbers, stores and audits it."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        seq = Decision.objects.filter(meeting=meeting).count() + 1
        year = (meeting.starts_at or timezone.now()).year
        decision = Decision.objects.create(
            cooperative=meeting.cooperative, meeting=meeting, item=item, vote=vote,
            number=f"{seq:02d}/{KIND_CODES[meeting.kind]}-{meeting.pk}/{year}",
            kind=item.kind, fiscal_year=meeting.fiscal_year, method=method,
            outcome=outcome, text=text, recorded_by=actor if getattr(
                actor, "is_authenticated", False) else None)
        log_action(cooperative=meeting.cooperative, actor=actor, action="decision.recorded",
                   obj=decision, meeting=meeting.title, item=item.title,
                   method=str(method), outcome=str(outcome))
    return decision
