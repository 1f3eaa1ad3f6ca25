"""Reads of votes and the ballot box: the votes of a meeting, who may cast which
ballot, how many have voted (never how), and after the close the published tally
(each filled ballot by its receipt's fingerprint and its choices)."""

from django.db.models import Count, Q

from ..attendance import codes as checkin_codes
from ..attendance import selectors as attendance
from ..attendance import statements as attendance_statements
from ..attendance.models import Attendance, Proxy, RegisterEntry
from ..attendance.selectors import entry_of_member, is_present, present_filter  # noqa: F401
from ..meetings.selectors import settings_for
from . import codes, rules, statements
from .models import Ballot, NamedChoice, Option, Participation, Vote

CLOSED = (Vote.Status.CLOSED, Vote.Status.INVALID)


def vote(pk) -> Vote | None:
    return (Vote.objects.select_related("meeting", "item", "cooperative")
            .filter(pk=pk).first())


def votes_of(meeting) -> list[Vote]:
    return list(Vote.objects.filter(meeting=meeting).select_related("item")
                .annotate(voted=Count("participations")).order_by("id"))


def options(vote: Vote) -> list[Option]:
    return list(Option.objects.filter(vote=vote).order_by("position"))


def is_closed(vote: Vote) -> bool:
    return vote.status in CLOSED


def voted_count(vote: Vote) -> int:
    return Participation.objects.filter(vote=vote).count()


def entry_by_number(meeting, number) -> RegisterEntry | None:
    """The register entry of a member number typed, or of the check-in card scanned
    (its signed code: the door's, checked the same way); anything else, a forged code
    or another meeting's: none."""
    value = str(number).strip()
    if checkin_codes.looks_like_code(value):
        try:
            meeting_id, entry_id = checkin_codes.read_code(value)
        except checkin_codes.BadCode:
            return None
        if meeting_id != meeting.pk:
            return None
        return RegisterEntry.objects.filter(meeting=meeting, pk=entry_id).first()
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return attendance.entry_by_number(meeting, number)


def present_in_room(entry: RegisterEntry) -> bool:
    """Checked in at the door and not gone out (a tablet is handed over in the room).
    A named statement (attendance/statements.py): every tablet cast asks."""
    return attendance_statements.in_room(cooperative_id=entry.cooperative_id,
                                         entry_id=entry.pk)


def carried_grantors(holder: RegisterEntry, *, now=None) -> list[RegisterEntry]:
    """The absent grantors whose vote `holder` carries now: live proxies, when the
    by-laws allow them, at most the by-law cap (the oldest first, as the quorum counts
    them), none whose grantor is present themselves. Empty while the holder is away."""
    meeting = holder.meeting
    rules_ = settings_for(meeting.cooperative)
    if not rules_.proxies_allowed or not is_present(holder, now=now):
        return []
    grantor_ids = list(Proxy.objects.filter(meeting=meeting, holder=holder,
                                            revoked_at__isnull=True)
                       .order_by("id").values_list("grantor_id", flat=True))
    if not grantor_ids:
        return []
    present = set(Attendance.objects.filter(entry_id__in=grantor_ids)
                  .filter(present_filter(now)).values_list("entry_id", flat=True))
    carried = [g for g in grantor_ids if g not in present][:rules_.proxy_cap]
    found = RegisterEntry.objects.in_bulk(carried)
    return [found[g] for g in carried if g in found]


def may_cast_for(holder: RegisterEntry, voter: RegisterEntry, *, now=None) -> bool:
    """Whether `holder` casting `voter`'s ballot now is allowed by presence: a voter
    present casts their own; a holder present casts a carried absent grantor's."""
    if holder.pk == voter.pk:
        return is_present(voter, now=now)
    return any(g.pk == voter.pk for g in carried_grantors(holder, now=now))


def voted_entry_ids(vote: Vote, entry_ids) -> set[int]:
    return set(Participation.objects.filter(vote=vote, entry_id__in=list(entry_ids))
               .values_list("entry_id", flat=True))


def labels_of(selection: int, by_position: dict[int, str]) -> list[str]:
    return [by_position.get(p, "?") for p in rules.marks(selection)]


def published_ballots(vote: Vote):
    """The filled ballots of a closed vote as (receipt hash, selection), by receipt: a
    query to page through (300,000 rows are never loaded at once). None while the vote
    is open: nothing is published before the close."""
    if not is_closed(vote):
        return None
    return (Ballot.objects.filter(vote=vote, filled=True).order_by("receipt")
            .values_list("receipt", "selection"))


def published_rows(vote: Vote, ballots) -> list[tuple[str, list[str]]]:
    """(fingerprint, choice labels) of some of `published_ballots`."""
    by_position = {o.position: o.label for o in options(vote)}
    return [(codes.fingerprint(receipt), labels_of(selection, by_position))
            for receipt, selection in ballots]


def named_choices(vote: Vote):
    """An open (named) vote's record once closed: (number, name, selection) by member
    number, a query to page through. None for a secret vote (nothing is written) and
    while the vote is open (results are hidden until the close, named ones too)."""
    if vote.secret or not is_closed(vote):
        return None
    return (NamedChoice.objects.filter(vote=vote).order_by("entry__number")
            .values_list("entry__number", "entry__name", "selection"))


def named_rows(vote: Vote, choices) -> list[tuple[int, str, list[str]]]:
    by_position = {o.position: o.label for o in options(vote)}
    return [(number, name, labels_of(selection, by_position))
            for number, name, selection in choices]


def export_rows(vote: Vote):
    """(ballot id, fingerprint, choices) of the filled ballots of a closed vote, by
    fingerprint (the same order as the published tally)."""
    by_position = {o.position: o.label for o in options(vote)}
    for pk, receipt, selection in (Ballot.objects.filter(vote=vote, filled=True)
                                   .order_by("receipt")
                                   .values_list("id", "receipt", "selection")
                                   .iterator(2000)):
        yield str(pk), codes.fingerprint(receipt), labels_of(selection, by_position)


def ballot_by_code(vote: Vote, code: str) -> Ballot | None:
    code = codes.normalise(code)
    if not code:
        return None
    return Ballot.objects.filter(vote=vote, filled=True,
                                 receipt=codes.receipt_hash(code)).first()


def open_votes(meeting) -> list[Vote]:
    return list(Vote.objects.filter(meeting=meeting, status=Vote.Status.OPEN)
                .annotate(voted=Count("participations")).order_by("id"))


def closed_votes(meeting) -> list[Vote]:
    return list(Vote.objects.filter(meeting=meeting).filter(
        Q(status=Vote.Status.CLOSED) | Q(status=Vote.Status.INVALID)).order_by("id"))


def vote_entry(vote: Vote, entry_id) -> RegisterEntry | None:
    """A register entry of the vote's meeting, by id (a form's hidden field)."""
    return RegisterEntry.objects.filter(meeting_id=vote.meeting_id, pk=entry_id).first()


def vote_to_cast(cooperative, pk: int) -> Vote | None:
    """The vote a ballot is cast in, alone (a named statement with the caller's
    cooperative in it): a cast reads nothing else of it, and the QuerySet with its
    meeting, item and cooperative joined was ~5 ms of Python per ballot (bench)."""
    found = statements.vote(cooperative_id=cooperative.pk, vote_id=pk)
    if found is not None:
        found.cooperative = cooperative
    return found


def voter_numbered(vote: Vote, number: int) -> RegisterEntry | None:
    """The register entry of the vote's meeting with this member number (the tablet
    cast names the member by number), by a named statement: the QuerySet, ordered
    through the meeting, was a third of a tablet cast's time."""
    return attendance_statements.entry(cooperative_id=vote.cooperative_id,
                                       meeting_id=vote.meeting_id, number=number)
