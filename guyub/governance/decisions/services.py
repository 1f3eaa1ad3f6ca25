"""Recording decisions. Every decision of a meeting gets the next number of that meeting
("03/RAT-12/2026"); the meeting row is locked while numbering, so two decisions recorded
at once never share a number.

A consensus (musyawarah mufakat) is recorded by the chair while the meeting is open,
in the board's own words; a vote's decision is recorded by the code that closes the
vote (ballots, elections) with the result's words."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.typed_text import clean_text

from ..meetings.models import AgendaItem, Meeting
from .models import Decision

KIND_CODES = {Meeting.Kind.RAT: "RAT", Meeting.Kind.RALB: "RALB",
              Meeting.Kind.PRE_RAT: "PRA-RAT"}
TEXT_MAX = Decision._meta.get_field("text").max_length
# What a consensus can say: the members agreed, refused, or took note (a report heard).
CONSENSUS_OUTCOMES = (Decision.Outcome.APPROVED, Decision.Outcome.REJECTED,
                      Decision.Outcome.NOTED)
# An item is decided once these are recorded; a tie or an invalid vote leaves it open
# (the meeting may decide it again, by consensus or by another vote).
FINAL_OUTCOMES = (Decision.Outcome.APPROVED, Decision.Outcome.REJECTED,
                  Decision.Outcome.ELECTED, Decision.Outcome.NOTED)




def record_decision(*, item, method: str, outcome: str, text: str, actor,
                    vote=None) -> Decision:
    """Write the decision of an agenda item (by consensus, or the result of `vote`):
    numbers, stores and audits it. The text is checked here too (callers word it)."""
    text = clean_text(text, field="text", limit=TEXT_MAX)
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


def decide_by_consensus(*, item: AgendaItem, outcome: str, text: str, actor) -> Decision:
    """The chair records what the meeting agreed without a vote (musyawarah mufakat),
    in the board's wording. Only while the meeting is open, once per item, and not for
    an election (an election is always a vote)."""
    if outcome not in CONSENSUS_OUTCOMES:
        raise DomainError(_("Pilih hasil musyawarah: disetujui, ditolak atau dicatat."),
                          field="outcome")
    text = clean_text(text, field="text", limit=TEXT_MAX)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        if meeting.status != Meeting.Status.OPEN:
            raise DomainError(_("Keputusan hanya dicatat selama rapat berlangsung."),
                              code="transition")
        if item.kind == AgendaItem.Kind.ELECTION:
            raise DomainError(_("Pemilihan pengurus atau pengawas diputuskan dengan "
                                "pemungutan suara, bukan musyawarah."), code="conflict")
        if Decision.objects.filter(item=item, outcome__in=FINAL_OUTCOMES).exists():
            raise DomainError(_("Acara ini sudah diputuskan."), code="conflict")
        # A vote open on the item decides it when it closes: no consensus beside it (the
        # item would get two decisions). Read through the reverse relation: the ballots
        # package sits above this one. A prepared vote may stay: it can no longer be
        # opened once the item is decided (ballots' open_vote).
        if item.votes.filter(status="open").exists():
            raise DomainError(_("Pemungutan suara atas acara ini sedang dibuka: tutup dulu "
                                "sebelum mencatat musyawarah."), code="conflict")
        return record_decision(item=item, method=Decision.Method.CONSENSUS,
                               outcome=outcome, text=text, actor=actor)
