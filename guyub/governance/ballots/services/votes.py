"""Preparing, opening and closing a vote."""

import random
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guyub.contracts.negotiation.models import FloorPrice
from guyub.contracts.negotiation.services.setup import set_floor_price
from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.jobs.enqueue import after_commit
from guyub.core.jobs.tasks import run_job
from guyub.notifications.services import notify

from ... import notices
from ...attendance.models import RegisterEntry
from ...attendance.selectors import quorum_of
from ...decisions.models import Decision
from ...decisions.services import record_decision
from ...meetings.models import AgendaItem, Meeting
from ...meetings.selectors import settings_for
from .. import rules, statements
from ..models import Ballot, Option, Vote
from . import common, paper

MIN_CHOICES, MAX_CHOICES = 2, 20


def _motion_options():
    return [(_("Setuju"), False), (_("Tidak setuju"), False), (_("Abstain"), True)]


def _refuse_final(item: AgendaItem) -> None:
    final = (Decision.Outcome.APPROVED, Decision.Outcome.REJECTED,
             Decision.Outcome.ELECTED, Decision.Outcome.NOTED)
    if Decision.objects.filter(item=item, outcome__in=final).exists():
        raise DomainError(_("Acara ini sudah diputuskan."), code="conflict")


def _refuse_decided(item: AgendaItem) -> None:
    """One decision per item: a vote is prepared only while the item has no final
    decision and no other vote waiting or open (a tie or an invalid vote may be voted
    again)."""
    _refuse_final(item)
    if Vote.objects.filter(item=item, status__in=(Vote.Status.DRAFT,
                                                  Vote.Status.OPEN)).exists():
        raise DomainError(_("Acara ini sudah punya pemungutan suara yang disiapkan atau "
                            "dibuka."), code="conflict")


@transaction.atomic
def create_vote(*, item: AgendaItem, actor, kind: str, question: str, secret: bool = True,
                choices=()) -> Vote:
    """A vote on an agenda item of a meeting called or under way. A motion gets its
    options (yes, no, abstain) by itself; a choice has 2 to 20 typed proposals. The
    majority follows the item: the special majority for by-law changes and dissolution,
    simple for other motions, plurality for a choice. (Elections: the elections
    package creates its own vote with candidates.)"""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if meeting.status not in (Meeting.Status.CALLED, Meeting.Status.OPEN):
        raise DomainError(_("Pemungutan suara hanya untuk rapat yang sudah diundang atau "
                            "sedang berlangsung."), code="transition")
    if kind not in (Vote.Kind.MOTION, Vote.Kind.CHOICE):
        raise DomainError(_("Jenis pemungutan suara tidak dikenal."), field="kind")
    if item.kind == AgendaItem.Kind.ELECTION:
        raise DomainError(_("Acara pemilihan dipilih lewat halaman pemilihan (calon dan "
                            "kursi)."), field="kind")
    # An approval (the accounts, the SHU split, the budget), a by-law change, dissolution
    # and a floor price are a yes or a no: a choice among proposals would turn whichever
    # proposal wins ("Tolak" included) into an approval, without the special majority.
    if kind == Vote.Kind.CHOICE and item.kind != AgendaItem.Kind.GENERAL:
        raise DomainError(_("Acara ini diputuskan dengan usul setuju / tidak setuju, bukan "
                            "pilihan di antara beberapa usul."), field="kind")
    _refuse_decided(item)
    question = common.text(question, field="question", limit=common.MAX_QUESTION)
    if kind == Vote.Kind.MOTION:
        options = _motion_options()
        majority = (Vote.Majority.SPECIAL if item.kind in AgendaItem.SPECIAL
                    else Vote.Majority.SIMPLE)
    else:
        labels = [common.text(c, field="choices", limit=common.MAX_LABEL, required=False)
                  for c in choices]
        labels = [c for c in labels if c]
        if not MIN_CHOICES <= len(labels) <= MAX_CHOICES:
            raise DomainError(_("Tuliskan 2 sampai 20 pilihan, satu per baris."),
                              field="choices")
        if len({c.casefold() for c in labels}) != len(labels):
            raise DomainError(_("Ada pilihan yang ditulis dua kali."), field="choices")
        options = [(c, False) for c in labels]
        majority = Vote.Majority.PLURALITY
    vote = Vote.objects.create(
        cooperative=meeting.cooperative, meeting=meeting, item=item, kind=kind,
        question=question, secret=bool(secret), majority=majority, max_marks=1,
        created_by=actor if getattr(actor, "is_authenticated", False) else None)
    Option.objects.bulk_create(
        Option(cooperative=meeting.cooperative, vote=vote, position=i, label=label,
               abstain=abstain) for i, (label, abstain) in enumerate(options))
    log_action(cooperative=meeting.cooperative, actor=actor, action="vote.created", obj=vote,
               kind=str(kind), title=question, secret=bool(secret))
    return vote


@transaction.atomic
def open_vote(*, vote: Vote, actor) -> Vote:
    """Open a vote: only in a meeting under way with its quorum reached. The quorum is
    written down, and the box is filled with one blank ballot per voter on the register,
    in shuffled order with random ids (see models.py: the box is filled at random)."""
    meeting = Meeting.objects.select_for_update().get(pk=vote.meeting_id)
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.status != Vote.Status.DRAFT:
        raise DomainError(_("Pemungutan suara ini sudah dibuka."), code="transition")
    if meeting.status != Meeting.Status.OPEN:
        raise DomainError(_("Rapat belum dibuka: pemungutan suara hanya dalam rapat yang "
                            "sedang berlangsung."), code="transition")
    if Option.objects.filter(vote=vote).count() < 2:
        raise DomainError(_("Pemungutan suara ini belum punya pilihan."), code="transition")
    if vote.item_id:
        # Prepared before the item was decided by consensus: opening it now would give
        # the item a second decision when it closes.
        _refuse_final(vote.item)
    quorum = quorum_of(meeting)
    if not quorum.reached:
        raise DomainError(_("Kuorum belum tercapai: hadir %(present)s, diwakili "
                            "%(represented)s, perlu %(needed)s.")
                          % {"present": quorum.present, "represented": quorum.represented,
                             "needed": quorum.needed}, code="transition")
    vote.move_to(Vote.Status.OPEN)
    if vote.majority == Vote.Majority.SPECIAL:
        vote.special_fraction = settings_for(meeting.cooperative).special_majority
    vote.opened_at, vote.opened_by = timezone.now(), actor
    vote.register_count, vote.needed_count = quorum.register, quorum.needed
    vote.present_at_open, vote.represented_at_open = quorum.present, quorum.represented
    vote.save()
    ids = [uuid.uuid4() for _ in range(RegisterEntry.objects.filter(meeting=meeting).count())]
    random.SystemRandom().shuffle(ids)
    statements.create_blanks(cooperative_id=vote.cooperative_id, vote_id=vote.pk, ids=ids)
    log_action(cooperative=vote.cooperative, actor=actor, action="vote.opened", obj=vote,
               present=quorum.present, represented=quorum.represented,
               needed=quorum.needed)
    notify(cooperative=vote.cooperative, topic=notices.VOTE_OPENED,
           event_id=f"vote:{vote.pk}:opened", recipients=common.present_users(meeting),
           link=common.room_url(meeting),
           params={"question": vote.question, "title": meeting.title})
    return vote


@dataclass(frozen=True)
class OptionCount:
    position: int
    label: str
    votes: int
    abstain: bool = False
    candidate_id: int | None = None


@dataclass(frozen=True)
class Tally:
    """A closed vote's count, for the pages, the minutes and the elections package.

    `result` is a Vote.Result value; `valid` false when the quorum was lost by the
    close (result INVALID, counts still given). `winners`/`tied` are option positions
    (rules.Outcome): for an election, the elected candidates and those tied for the
    last seat(s)."""

    vote_id: int
    result: str
    valid: bool
    ballots_cast: int
    counts: tuple[OptionCount, ...]
    winners: tuple[int, ...] = ()
    tied: tuple[int, ...] = ()

    def option(self, position: int) -> OptionCount:
        return next(c for c in self.counts if c.position == position)


def _outcome(vote: Vote, options: list[Option], counts: dict[int, int]) -> rules.Outcome:
    if vote.kind == Vote.Kind.MOTION:
        yes, no = options[0], options[1]
        abstain = sum(counts[o.position] for o in options if o.abstain)
        return rules.motion(yes=counts[yes.position], no=counts[no.position], abstain=abstain,
                            majority=vote.majority, fraction=vote.special_fraction,
                            yes_position=yes.position, no_position=no.position)
    if vote.kind == Vote.Kind.ELECTION:
        return rules.election(counts, seats=vote.max_marks)
    return rules.plurality(counts)


DECISION_OUTCOMES = {
    rules.PASSED: Decision.Outcome.APPROVED, rules.REJECTED: Decision.Outcome.REJECTED,
    rules.CHOSEN: Decision.Outcome.APPROVED, rules.ELECTED: Decision.Outcome.ELECTED,
    rules.TIE: Decision.Outcome.TIE, rules.INVALID: Decision.Outcome.INVALID,
}


def _decision_text(vote: Vote, tally: Tally) -> str:
    counts = ", ".join(f"{c.label} {c.votes}" for c in tally.counts)
    result = Vote.Result(tally.result).label
    chosen = ""
    if tally.result == rules.CHOSEN:
        chosen = " " + _("Pilihan: %(label)s.") % {"label": tally.option(tally.winners[0]).label}
    return (_("%(question)s — hasil pemungutan suara: %(result)s.%(chosen)s Suara: "
              "%(counts)s (%(cast)s kertas suara).")
            % {"question": vote.question, "result": result, "chosen": chosen,
               "counts": counts, "cast": tally.ballots_cast})


def close_vote(*, vote: Vote, actor) -> Tally:
    """Close an open vote of any kind (the elections package closes its elections
    through here): the quorum now (lost: the vote is invalid, the count still made and
    shown as such), the tally in one pass over the box, the result by the majority
    rule, the box sealed. A motion or choice records its decision; a motion passed on a
    floor-price item sets the contract floor. The members present are told the result
    (never anyone's choice)."""
    with transaction.atomic():
        # FOR UPDATE (not NO KEY): waits for the casts in flight, whose participation
        # rows hold a KEY SHARE lock on this row, and keeps new ones out until committed.
        vote = (Vote.objects.select_for_update(of=("self",))
                .select_related("meeting", "item").get(pk=vote.pk))
        if vote.status != Vote.Status.OPEN:
            raise DomainError(_("Pemungutan suara ini tidak sedang dibuka."),
                              code="transition")
        left = paper.paper_to_enter(vote)
        if left:
            raise DomainError(ngettext(
                "Masih ada %(n)s kertas suara yang belum dientri: entri dan cocokkan "
                "hitungannya sebelum menutup.",
                "Masih ada %(n)s kertas suara yang belum dientri: entri dan cocokkan "
                "hitungannya sebelum menutup.", left) % {"n": left}, code="transition")
        meeting = vote.meeting
        quorum = quorum_of(meeting)
        options = list(Option.objects.filter(vote=vote).order_by("position"))
        counts, cast = statements.tally(cooperative_id=vote.cooperative_id, vote_id=vote.pk,
                                        positions=[o.position for o in options])
        outcome = _outcome(vote, options, counts)
        valid = quorum.reached
        result = outcome.result if valid else rules.INVALID
        for option in options:
            option.votes = counts[option.position]
        Option.objects.bulk_update(options, ["votes"])
        # The seal: every filled ballot rewritten once, in one statement, so they all
        # share this transaction (models.py). The trigger allows only this update.
        Ballot.objects.filter(vote=vote, filled=True).update(sealed=True)
        # Then, once committed, the worker rewrites the ballot table in random-id order
        # (services/reorder.py): the rows' physical order and the dead row versions of
        # the casts (each with its cast's transaction id) go with it.
        vote.box_to_reorder = True
        after_commit(run_job, "reorder_ballot_boxes")
        vote.move_to(Vote.Status.CLOSED if valid else Vote.Status.INVALID)
        vote.result, vote.ballots_cast = result, cast
        vote.closed_at, vote.closed_by = timezone.now(), actor
        vote.present_at_close, vote.represented_at_close = quorum.present, quorum.represented
        vote.save()
        tally = Tally(vote_id=vote.pk, result=result, valid=valid, ballots_cast=cast,
                      counts=tuple(OptionCount(o.position, o.label, o.votes, o.abstain,
                                               o.candidate_id) for o in options),
                      winners=outcome.winners if valid else (),
                      tied=outcome.tied if valid else ())
        log_action(cooperative=vote.cooperative, actor=actor, action="vote.closed", obj=vote,
                   result=str(result), ballots=cast, present=quorum.present,
                   represented=quorum.represented, needed=quorum.needed)
        if vote.kind != Vote.Kind.ELECTION and vote.item_id:
            decision = record_decision(item=vote.item, method=Decision.Method.VOTE,
                                       outcome=DECISION_OUTCOMES[result],
                                       text=_decision_text(vote, tally), actor=actor,
                                       vote=vote)
            if result == rules.PASSED and vote.item.kind == AgendaItem.Kind.FLOOR_PRICE:
                _set_floor_price(vote.item, decision, actor)
        notify(cooperative=vote.cooperative, topic=notices.VOTE_CLOSED,
               event_id=f"vote:{vote.pk}:closed", recipients=common.present_users(meeting),
               link=common.room_url(meeting),
               params={"question": vote.question, "result": str(Vote.Result(result).label)})
    return tally


def _set_floor_price(item: AgendaItem, decision, actor) -> None:
    if item.floor_grade_id is None or item.floor_price is None:
        return
    set_floor_price(grade=item.floor_grade, price=item.floor_price,
                    source=FloorPrice.Source.VOTE, reference=decision.number, actor=actor)


def close(*, vote: Vote, actor) -> Tally:
    """The chair closes a motion or a choice (an election is closed from its own page,
    which also gives the elected their terms)."""
    if vote.kind == Vote.Kind.ELECTION:
        raise DomainError(_("Pemilihan ditutup dari halaman pemilihan."), code="transition")
    return close_vote(vote=vote, actor=actor)

