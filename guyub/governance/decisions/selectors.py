"""Reads of the decisions: the register (searchable across the years) and the RAT's
approvals that other apps require.

`approval(cooperative, fiscal_year=..., kind=...)` is the contract with finance and the
SHU code (next issue): before a year is closed, SHU is paid out or a budget is spent,
they ask for the members' approval of the ACCOUNTS, the SHU split or the BUDGET of that
fiscal year and refuse without one. An approval counts when
- it is a decision of that kind and fiscal year, outcome APPROVED,
- taken at a RAT or RALB (not a pre-RAT group meeting) that is CLOSED (the meeting
  over, its record final; an open meeting may still reverse itself),
- and no later decision of the same kind and year (at a closed RAT/RALB) REJECTED it:
  the latest approve-or-reject decision is the one in force. A NOTED, TIE or INVALID
  decision neither gives nor takes away an approval.
It returns that Decision (its number and date go on the finance record) or None."""

from django.db.models import Q

from ..attendance.models import Delegate, RegisterEntry
from ..meetings.models import AgendaItem, Meeting
from .models import Decision

MEMBERS_MEETINGS = (Meeting.Kind.RAT, Meeting.Kind.RALB)


def approval(cooperative, *, fiscal_year: int, kind: str) -> Decision | None:
    if kind not in AgendaItem.APPROVALS:
        raise ValueError(f"{kind!r} is not a kind the RAT approves")
    latest = (Decision.objects
              .filter(cooperative=cooperative, kind=kind, fiscal_year=fiscal_year,
                      meeting__kind__in=MEMBERS_MEETINGS,
                      meeting__status=Meeting.Status.CLOSED,
                      outcome__in=(Decision.Outcome.APPROVED, Decision.Outcome.REJECTED))
              .order_by("-decided_at", "-id").first())
    return latest if latest and latest.outcome == Decision.Outcome.APPROVED else None


def register(*, query: str = "", year: int | None = None, kind: str = "",
             meeting: int | None = None):
    """The decisions of the cooperative in scope, newest first: `query` matches the
    number, the text or the agenda item's title; `year` the year decided."""
    rows = Decision.objects.select_related("meeting", "item")
    if query:
        rows = rows.filter(Q(number__icontains=query) | Q(text__icontains=query)
                           | Q(item__title__icontains=query))
    if year:
        rows = rows.filter(decided_at__year=year)
    if kind:
        rows = rows.filter(kind=kind)
    if meeting:
        rows = rows.filter(meeting_id=meeting)
    return rows.order_by("-decided_at", "-id")


def years() -> list[int]:
    return sorted({d.year for d in Decision.objects.dates("decided_at", "year")},
                  reverse=True)


def decision(pk) -> Decision | None:
    return (Decision.objects.select_related("meeting", "item", "vote", "recorded_by")
            .filter(pk=pk).first())


def item_of(meeting_pk, item_pk) -> AgendaItem | None:
    return (AgendaItem.objects.select_related("meeting")
            .filter(pk=item_pk, meeting__pk=meeting_pk).first())


def delegates_page(meeting_pk):
    """A meeting for the delegates page."""
    return (Meeting.objects.select_related("delegates_to").filter(pk=meeting_pk).first())


def delegates_of(meeting):
    return list(Delegate.objects.filter(meeting=meeting).select_related("entry")
                .order_by("entry__number"))


def entry_ids(meeting, numbers) -> dict:
    return dict(RegisterEntry.objects.filter(meeting=meeting, number__in=numbers)
                .values_list("number", "pk"))
