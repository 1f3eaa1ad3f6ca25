"""Paper ballots: handed out in the room, counted, entered by two officers.

1. Hand-out ("kertas suara diberikan"): staff find a member present in the room (by
   number or the card's QR) and give them a paper ballot. That is their participation
   (via PAPER), under the same unique constraint as every other way of voting: a
   member who was handed a paper cannot vote online or at a tablet, and the reverse.
2. After the count, officer A enters the count per option: a batch (ENTERED). The
   counts are kept in the batch's JSON as {"first": {position: n}}.
3. A different officer B enters the same count without seeing A's numbers. Equal: the
   batch is CONFIRMED and that many blank ballots, picked at random from the pool,
   are filled with those choices. Different: the batch is a MISMATCH, both counts are
   kept ({"first": …, "second": …}) and shown, and the paper is counted again (a new
   batch). `confirmed_by`/`confirmed_at` are the second officer, whichever way it went.

The filled paper ballots have an empty receipt: a paper voter has no receipt code (the
paper itself stays with the counting officers), so the receipt check cannot find a
paper ballot; the published tally lists them with an empty fingerprint.

Elections are refused on paper: a count per candidate cannot be turned back into the
individual ballots (which marks sat together on one paper), and the box holds
individual ballots, so the tally could no longer be recomputed from the export.

The confirmed paper ballots never outnumber the papers handed out (refused), and
everything happens only while the vote is open; the close is refused while papers
handed out are not yet in the box (votes.close_vote)."""

import random
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError

from ...attendance.models import RegisterEntry
from .. import selectors
from ..models import Ballot, Option, PaperBatch, Participation, Vote

MAX_COUNT = 1_000_000


def _check_vote(vote: Vote) -> None:
    if vote.kind == Vote.Kind.ELECTION:
        raise DomainError(_("Pemilihan tidak bisa dengan kertas suara yang dihitung per "
                            "calon: jumlah per calon tidak bisa disusun kembali menjadi "
                            "kertas suara satu per satu. Gunakan tablet atau daring."),
                          code="conflict")
    if not vote.secret:
        # Counted papers carry no name: an open vote's record of who chose what would
        # miss every paper voter.
        raise DomainError(_("Pemungutan suara terbuka mencatat pilihan setiap pemilih "
                            "dengan namanya: gunakan tablet atau daring, bukan kertas "
                            "suara."), code="conflict")
    if vote.status != Vote.Status.OPEN:
        raise DomainError(_("Pemungutan suara ini tidak sedang dibuka."), code="transition")


def paper_handed_out(vote: Vote) -> int:
    return Participation.objects.filter(vote=vote, via=Participation.Via.PAPER).count()


def _total(counts: dict) -> int:
    return sum(int(n) for n in counts.values())


def paper_confirmed(vote: Vote) -> int:
    """How many paper ballots are in the box (the confirmed batches' totals)."""
    return sum(_total(b.counts.get("first", {})) for b in PaperBatch.objects.filter(
        vote=vote, status=PaperBatch.Status.CONFIRMED))


def paper_to_enter(vote: Vote) -> int:
    """Papers handed out and not yet in the box."""
    return max(0, paper_handed_out(vote) - paper_confirmed(vote))


def hand_out(*, vote: Vote, voter: RegisterEntry, actor) -> Participation:
    """Record that `voter`, present in the room, received a paper ballot."""
    _check_vote(vote)
    if voter.meeting_id != vote.meeting_id:
        raise DomainError(_("Anggota ini tidak ada di daftar pemilih rapat ini."),
                          code="conflict")
    if not selectors.present_in_room(voter):
        raise DomainError(_("Anggota ini tidak tercatat hadir di ruang rapat."),
                          code="conflict")
    with transaction.atomic():
        try:
            with transaction.atomic():
                participation = Participation.objects.create(
                    cooperative_id=vote.cooperative_id, vote=vote, entry=voter,
                    via=Participation.Via.PAPER,
                    recorded_by=actor if getattr(actor, "is_authenticated", False) else None)
        except IntegrityError:
            raise DomainError(_("Anggota ini sudah memberikan suara."),
                              code="conflict") from None
        if not Vote.objects.filter(pk=vote.pk, status=Vote.Status.OPEN).exists():
            raise DomainError(_("Pemungutan suara ini sudah ditutup."), code="transition")
        log_action(cooperative=vote.cooperative, actor=actor, action="ballot.cast", obj=vote,
                   via=str(Participation.Via.PAPER))
    return participation


def _clean_counts(vote: Vote, counts) -> dict[str, int]:
    positions = set(Option.objects.filter(vote=vote).values_list("position", flat=True))
    try:
        clean = {int(p): int(n) for p, n in dict(counts).items()}
    except (TypeError, ValueError):
        raise DomainError(_("Isi jumlah kertas suara tiap pilihan dengan angka."),
                          field="counts") from None
    if set(clean) != positions or any(not 0 <= n <= MAX_COUNT for n in clean.values()):
        raise DomainError(_("Isi jumlah kertas suara tiap pilihan dengan angka 0 atau "
                            "lebih."), field="counts")
    if not sum(clean.values()):
        raise DomainError(_("Jumlahnya nol: tidak ada yang dientri."), field="counts")
    return {str(p): n for p, n in sorted(clean.items())}


def _locked_open_vote(vote: Vote) -> Vote:
    # The vote row FOR UPDATE: entries, confirmations and the close of one vote queue
    # behind each other, so two confirmations never both fit under the paper count.
    vote = Vote.objects.select_for_update(of=("self",)).get(pk=vote.pk)
    _check_vote(vote)
    return vote


def _refuse_excess(vote: Vote, total: int) -> None:
    left = paper_to_enter(vote)
    if total > left:
        raise DomainError(_("Jumlah %(total)s melebihi kertas suara yang diberikan dan "
                            "belum dientri (%(left)s).") % {"total": total, "left": left},
                          field="counts")


def enter(*, vote: Vote, counts, actor) -> PaperBatch:
    """Officer A's count of a stack of paper ballots: a batch waiting for the second
    entry. One batch waits at a time."""
    with transaction.atomic():
        vote = _locked_open_vote(vote)
        clean = _clean_counts(vote, counts)
        if PaperBatch.objects.filter(vote=vote, status=PaperBatch.Status.ENTERED).exists():
            raise DomainError(_("Masih ada hitungan yang menunggu entri petugas kedua."),
                              code="conflict")
        _refuse_excess(vote, sum(clean.values()))
        batch = PaperBatch.objects.create(
            cooperative_id=vote.cooperative_id, vote=vote, counts={"first": clean},
            entered_by=actor, entered_at=timezone.now())
        log_action(cooperative=vote.cooperative, actor=actor, action="paper.entered",
                   obj=vote, ballots=sum(clean.values()))
    return batch


def _random_blanks(vote: Vote, n: int) -> list[uuid.UUID]:
    """`n` blank ballots at random: from a random id on, wrapping around; locked so
    that a cast in flight picks another (SKIP LOCKED)."""
    pivot = uuid.uuid4()
    blanks = Ballot.objects.select_for_update(skip_locked=True).filter(
        vote=vote, filled=False).order_by("id").values_list("id", flat=True)
    ids = list(blanks.filter(id__gte=pivot)[:n])
    if len(ids) < n:
        ids += list(blanks.filter(id__lt=pivot)[:n - len(ids)])
    if len(ids) < n:  # one blank per register entry: only if the pool was tampered with
        raise DomainError(_("Kotak suara tidak punya kertas suara kosong lagi."),
                          code="conflict")
    random.SystemRandom().shuffle(ids)
    return ids


def confirm(*, vote: Vote, batch: PaperBatch, counts, actor) -> PaperBatch:
    """Officer B's count of the same stack. Matching: into the box. Not: a mismatch."""
    with transaction.atomic():
        vote = _locked_open_vote(vote)
        batch = PaperBatch.objects.select_for_update().get(pk=batch.pk, vote=vote)
        if batch.status != PaperBatch.Status.ENTERED:
            raise DomainError(_("Hitungan ini sudah dicocokkan."), code="conflict")
        if batch.entered_by_id == getattr(actor, "pk", None):
            raise DomainError(_("Pencocokan harus oleh petugas lain, bukan yang "
                                "mengentri hitungan pertama."), code="conflict")
        clean = _clean_counts(vote, counts)
        batch.confirmed_by, batch.confirmed_at = actor, timezone.now()
        if clean != batch.counts["first"]:
            batch.counts = {**batch.counts, "second": clean}
            batch.status = PaperBatch.Status.MISMATCH
            batch.save(update_fields=["counts", "status", "confirmed_by", "confirmed_at"])
            log_action(cooperative=vote.cooperative, actor=actor, action="paper.mismatch",
                       obj=vote, ballots=sum(clean.values()))
            return batch
        total = sum(clean.values())
        _refuse_excess(vote, total)
        ids = _random_blanks(vote, total)
        start = 0
        for position, n in clean.items():
            if n:
                Ballot.objects.filter(pk__in=ids[start:start + n], filled=False).update(
                    filled=True, selection=1 << int(position), receipt="")
                start += n
        batch.status = PaperBatch.Status.CONFIRMED
        batch.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        log_action(cooperative=vote.cooperative, actor=actor, action="paper.confirmed",
                   obj=vote, ballots=total)
    return batch


def batches(vote: Vote) -> list[PaperBatch]:
    return list(PaperBatch.objects.filter(vote=vote).select_related(
        "entered_by", "confirmed_by").order_by("-id"))


__all__ = ["batches", "confirm", "enter", "hand_out", "paper_confirmed",
           "paper_handed_out", "paper_to_enter"]
