"""Casting a ballot: one per voter, a random blank filled, a receipt code shown once.

In one transaction: the participation row first (the database's unique constraint on
(vote, entry) is what refuses a second ballot, however the two arrive: online and at a
tablet at the same moment), then the vote's status read again (a close that committed
meanwhile is seen), then a blank ballot picked at random among those no other cast
holds (SKIP LOCKED), drawn uniformly (statements.fill_blank), and filled.
Nothing of the voter reaches the ballot row, and nothing of the choice reaches the
participation, the audit log or a notice."""

from django.db import transaction
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError

from ...attendance.models import RegisterEntry
from .. import codes, rules, selectors, statements
from ..models import NamedChoice, Participation, Vote

Via = Participation.Via


def _selection(vote: Vote, positions) -> int:
    existing = statements.positions(cooperative_id=vote.cooperative_id, vote_id=vote.pk)
    try:
        positions = [int(p) if not isinstance(p, bool) else p for p in positions]
        return rules.check_selection(positions, existing=existing, kind=vote.kind,
                                     max_marks=vote.max_marks)
    except (TypeError, ValueError):
        if vote.kind == Vote.Kind.ELECTION:
            message = _("Pilih paling banyak %(n)s calon dari daftar.") % {"n": vote.max_marks}
        else:
            message = _("Pilih tepat satu pilihan dari daftar.")
        raise DomainError(message, field="options") from None


def cast(*, vote: Vote, voter: RegisterEntry, positions, via: str, actor,
         cast_by: RegisterEntry | None = None) -> str:
    """Fill a ballot for `voter` and return the receipt code (shown once, stored only
    as its hash). `cast_by`: the proxy holder casting for an absent grantor. The
    callers below check who may cast; this checks the vote, the choice and the one
    ballot per voter."""
    if vote.status != Vote.Status.OPEN:
        raise DomainError(_("Pemungutan suara ini tidak sedang dibuka."), code="transition")
    if voter.meeting_id != vote.meeting_id:
        raise DomainError(_("Anggota ini tidak ada di daftar pemilih rapat ini."),
                          code="conflict")
    selection = _selection(vote, positions)
    code = codes.new_code()
    with transaction.atomic():
        recorded_by = actor if getattr(actor, "is_authenticated", False) else None
        if not statements.participate(
                cooperative_id=vote.cooperative_id, vote_id=vote.pk, entry_id=voter.pk,
                via=via, cast_by_id=cast_by.pk if cast_by is not None else None,
                recorded_by_id=recorded_by.pk if recorded_by is not None else None):
            raise DomainError(_("Anda sudah memberikan suara."), code="conflict")
        # Read again after the insert: a close that committed while we waited for the
        # vote row's key lock is seen here (read committed: a new statement).
        if not statements.is_open(cooperative_id=vote.cooperative_id, vote_id=vote.pk):
            raise DomainError(_("Pemungutan suara ini sudah ditutup."), code="transition")
        if not statements.fill_blank(cooperative_id=vote.cooperative_id, vote_id=vote.pk,
                                     slots=vote.register_count, selection=selection,
                                     receipt=codes.receipt_hash(code)):
            # One blank per register entry: only if the pool was tampered with.
            raise DomainError(_("Kotak suara tidak punya kertas suara kosong lagi."),
                              code="conflict")
        if not vote.secret:
            NamedChoice.objects.create(cooperative_id=vote.cooperative_id, vote=vote,
                                       entry=voter, selection=selection)
        log_action(cooperative=vote.cooperative, actor=actor, action="ballot.cast", obj=vote,
                   via=str(via))
    return code


def cast_online(*, vote: Vote, holder: RegisterEntry, voter: RegisterEntry, positions,
                actor) -> str:
    """A member casting on their own page or through the API: their own ballot while
    they are present, or an absent grantor's whose live proxy they hold while they are
    present themselves."""
    if not selectors.may_cast_for(holder, voter):
        if holder.pk == voter.pk:
            raise DomainError(_("Anda harus hadir dalam rapat (di ruang rapat atau daring) "
                                "untuk memberikan suara."), code="conflict")
        raise DomainError(_("Anda tidak memegang kuasa suara anggota ini saat ini."),
                          code="conflict")
    return cast(vote=vote, voter=voter, positions=positions, via=Via.ONLINE, actor=actor,
                cast_by=None if holder.pk == voter.pk else holder)


def cast_tablet(*, vote: Vote, voter: RegisterEntry, positions, actor) -> str:
    """Staff handed a tablet to a member present in the room."""
    if not selectors.present_in_room(voter):
        raise DomainError(_("Anggota ini tidak tercatat hadir di ruang rapat."),
                          code="conflict")
    return cast(vote=vote, voter=voter, positions=positions, via=Via.TABLET, actor=actor)
