"""Reads of meetings and their by-law rules."""

from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from guyub.contracts.negotiation.models import Grade

from .models import AgendaDocument, AgendaItem, GovernanceSettings, Meeting


def settings_for(cooperative) -> GovernanceSettings:
    """The cooperative's meeting rules; until the board saves them, the defaults with
    the quorum the cooperative's profile names (unsaved)."""
    found = GovernanceSettings.objects.filter(cooperative=cooperative).first()
    if found is not None:
        # The cooperative's profile (its settings page and API) edits the same quorum:
        # the profile's number is the one in force.
        if cooperative.rat_quorum:
            found.quorum_fraction = cooperative.rat_quorum
        return found
    return GovernanceSettings(cooperative=cooperative,
                              quorum_fraction=cooperative.rat_quorum or Decimal("0.5"))


def meeting(pk) -> Meeting | None:
    return Meeting.objects.select_related("delegates_to", "reconvenes").filter(pk=pk).first()


def meetings_split(now=None) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming, past): upcoming soonest first, with every draft and every meeting not
    yet ended; past the latest first (the last 100; the register of decisions keeps
    the older ones)."""
    now = now or timezone.now()
    rows = Meeting.objects.select_related("delegates_to")
    ended = (Meeting.Status.CLOSED, Meeting.Status.CANCELLED)
    upcoming = list(rows.exclude(status__in=ended).filter(starts_at__gte=now)
                    .order_by("starts_at", "id"))
    # A meeting whose time has passed but that is not closed yet (open, adjourned, a
    # draft never called) still needs the officers: it stays on top.
    pending = list(rows.exclude(status__in=ended).filter(starts_at__lt=now)
                   .order_by("-starts_at", "-id"))
    past = list(rows.filter(status__in=ended).order_by("-starts_at", "-id")[:100])
    return pending + upcoming, past


def delegate_targets():
    """The meetings a pre-RAT group may send delegates to: a RAT or RALB of this
    cooperative that has not ended."""
    return (Meeting.objects
            .filter(kind__in=(Meeting.Kind.RAT, Meeting.Kind.RALB))
            .exclude(status__in=(Meeting.Status.CLOSED, Meeting.Status.CANCELLED))
            .order_by("starts_at", "id"))


def agenda(meeting: Meeting) -> list[AgendaItem]:
    """The items in order, each with its documents and floor grade."""
    return list(meeting.items.select_related("floor_grade__category").prefetch_related(
        Prefetch("documents", queryset=AgendaDocument.objects.order_by("id")))
        .order_by("position"))


def loose_documents(meeting: Meeting) -> list[AgendaDocument]:
    """Documents sent with the meeting that belong to no agenda item."""
    return list(meeting.documents.filter(item__isnull=True).order_by("id"))


def document(meeting: Meeting, pk) -> AgendaDocument | None:
    return meeting.documents.filter(pk=pk).first()


def item(meeting: Meeting, pk) -> AgendaItem | None:
    return meeting.items.filter(pk=pk).first()


def grades():
    """The contract grades a floor-price item may name (this cooperative's, active)."""
    return Grade.objects.filter(active=True).select_related("category")
