"""Elections of pengurus and pengawas and the officer terms they produce.

- `create_election`: the board puts the candidates (active members on the meeting's
  register, each with their statement) on a secret plurality vote with one mark per
  seat.
- `close_election`: the chair closes it. An open vote is closed through ballots'
  `close_vote` (it seals the box and writes each option's count); the seats then go to
  the top candidates (rules.seat). A tie for the last seat is recorded as TIE and
  nobody takes the tied seat(s); those above the tie are seated. Each elected member
  gets an OfficerTerm (ELECTED) and a notice; the decision is recorded (method VOTE).
- `seat_officers` (the daily job): on a term's start date its member's login gets the
  role (board or supervisor) and the term is SERVING; after its end date it is ENDED
  and the role is taken back if this term gave it and no other serving term of the
  same office still needs it.

  A member without a login cannot be given a role: the term still starts (they hold
  the office under the by-laws), the audit log and the job's line say that the board
  must give them a login, and the role is given by hand (there is no notice topic for
  it; the job's line is what the officers read on the jobs page)."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.jobs import Done
from guyub.core.jobs.each import in_each_cooperative
from guyub.core.models import CoopRole
from guyub.core.typed_text import clean_text
from guyub.members.models import Member
from guyub.notifications.services import notify

from .. import notices
from ..attendance.models import RegisterEntry
from ..ballots.models import MAX_OPTIONS, Option, Vote
from ..ballots.services import close_vote
from ..decisions.models import Decision
from ..decisions.services import record_decision
from ..meetings.models import AgendaItem, Meeting
from . import rules
from .models import Election, Office, OfficerTerm

MAX_SEATS = 15
STATEMENT_MAX = Option._meta.get_field("statement").max_length
OPEN_FOR_ELECTIONS = (Meeting.Status.CALLED, Meeting.Status.OPEN)


def _date(value, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise DomainError(_("Tanggal tidak valid."), field=field) from None


def _span(start, end) -> str:
    return f"{start:%Y}–{end:%Y}"


def create_election(*, item: AgendaItem, actor, office: str, seats, term_start, term_end,
                    candidates: list[tuple[Member, str]]) -> Election:
    """`candidates`: (member, statement) in ballot order."""
    if office not in Office.values:
        raise DomainError(_("Pilih jabatan: pengurus atau pengawas."), field="office")
    try:
        seats = int(seats)
    except (TypeError, ValueError):
        raise DomainError(_("Jumlah kursi tidak valid."), field="seats") from None
    if not 1 <= seats <= MAX_SEATS:
        raise DomainError(_("Jumlah kursi 1 sampai %(n)s.") % {"n": MAX_SEATS},
                          field="seats")
    term_start, term_end = _date(term_start, "term_start"), _date(term_end, "term_end")
    if term_end <= term_start:
        raise DomainError(_("Akhir masa jabatan harus sesudah awalnya."), field="term_end")
    if len(candidates) < seats:
        raise DomainError(_("Calon paling sedikit sebanyak kursi (%(n)s).") % {"n": seats},
                          field="candidates")
    if len(candidates) > MAX_OPTIONS:
        raise DomainError(_("Calon paling banyak %(n)s.") % {"n": MAX_OPTIONS},
                          field="candidates")
    members = [m for m, _s in candidates]
    if len({m.pk for m in members}) != len(members):
        raise DomainError(_("Seorang calon tercantum dua kali."), field="candidates")
    statements = [clean_text(s, field="candidates", limit=STATEMENT_MAX)
                  for _m, s in candidates]
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        if item.kind != AgendaItem.Kind.ELECTION:
            raise DomainError(_("Acara ini bukan pemilihan pengurus atau pengawas."),
                              code="conflict")
        if meeting.status not in OPEN_FOR_ELECTIONS:
            raise DomainError(_("Pemilihan disiapkan setelah undangan terkirim dan sebelum "
                                "rapat selesai."), code="transition")
        if Election.objects.filter(vote__item=item,
                                   vote__status__in=(Vote.Status.DRAFT,
                                                     Vote.Status.OPEN)).exists():
            raise DomainError(_("Acara ini sudah punya pemilihan yang belum ditutup."),
                              code="conflict")
        _refuse_seats_taken(item, seats, members)
        registered = set(RegisterEntry.objects.filter(
            meeting=meeting, member__in=members).values_list("member_id", flat=True))
        for member in members:
            if (member.cooperative_id != meeting.cooperative_id
                    or member.status != Member.Status.ACTIVE or member.pk not in registered):
                raise DomainError(_("%(name)s bukan anggota aktif dalam daftar pemilih rapat "
                                    "ini.") % {"name": member.owner_name},
                                  field="candidates")
        label = Office(office).label
        vote = Vote.objects.create(
            cooperative=meeting.cooperative, meeting=meeting, item=item,
            kind=Vote.Kind.ELECTION, majority=Vote.Majority.PLURALITY, max_marks=seats,
            secret=True, created_by=actor if getattr(actor, "is_authenticated", False)
            else None,
            question=_("Pemilihan %(office)s %(span)s")
            % {"office": str(label).lower(), "span": _span(term_start, term_end)})
        Option.objects.bulk_create(
            Option(cooperative=meeting.cooperative, vote=vote, position=n,
                   label=member.owner_name, candidate=member, statement=statement)
            for n, (member, statement) in enumerate(zip(members, statements, strict=True)))
        election = Election.objects.create(
            cooperative=meeting.cooperative, vote=vote, office=office, seats=seats,
            term_start=term_start, term_end=term_end)
        log_action(cooperative=meeting.cooperative, actor=actor, action="election.created",
                   obj=election, meeting=meeting.title, seats=seats,
                   candidates=", ".join(m.owner_name for m in members))
    return election


def _refuse_seats_taken(item: AgendaItem, seats: int, members) -> None:
    """An item's seats are filled once: after an election that filled them, no other;
    after a tie, a new election only for the seats the tie left open (those of the
    first election on the item less those already seated), among candidates not already
    seated by it. Otherwise a second election would seat more officers than the by-laws
    allow, or the same member twice."""
    if Decision.objects.filter(item=item, outcome=Decision.Outcome.ELECTED).exists():
        raise DomainError(_("Kursi acara ini sudah terisi oleh pemilihan sebelumnya."),
                          code="conflict")
    first = Election.objects.filter(vote__item=item).order_by("pk").first()
    if first is None:
        return
    seated = dict(OfficerTerm.objects.filter(election__vote__item=item)
                  .values_list("member_id", "member__owner_name"))
    left = first.seats - len(seated)
    if seats > left:
        raise DomainError(ngettext("Tinggal %(n)s kursi yang belum terisi pada acara ini.",
                                   "Tinggal %(n)s kursi yang belum terisi pada acara ini.",
                                   left) % {"n": left}, field="seats")
    again = [m for m in members if m.pk in seated]
    if again:
        raise DomainError(_("%(name)s sudah terpilih pada pemilihan sebelumnya di acara ini.")
                          % {"name": again[0].owner_name}, field="candidates")


def _close_vote(vote: Vote, actor) -> None:
    """Close an open vote through ballots: it seals the box and writes every option's
    count (Option.votes) and the vote's status."""
    close_vote(vote=vote, actor=actor)


def _counts(vote: Vote) -> list[tuple[Option, int]]:
    return [(o, o.votes or 0) for o in vote.options.select_related("candidate")
            .order_by("position")]


def _decision_text(election: Election, seating: rules.Seating) -> str:
    office = str(Office(election.office).label).lower()
    span = _span(election.term_start, election.term_end)
    elected = ", ".join(_("%(name)s (%(n)s suara)") % {"name": o.label, "n": n}
                        for o, n in seating.elected)
    parts = []
    if seating.elected:
        parts.append(_("Terpilih sebagai %(office)s masa jabatan %(span)s: %(names)s.")
                     % {"office": office, "span": span, "names": elected})
    if seating.tie:
        tied = ", ".join(_("%(name)s (%(n)s suara)") % {"name": o.label, "n": n}
                         for o, n in seating.tied)
        parts.append(ngettext(
            "Suara sama untuk kursi terakhir: %(names)s; %(n)s kursi belum terisi dan "
            "diputuskan kembali oleh rapat.",
            "Suara sama untuk kursi terakhir: %(names)s; %(n)s kursi belum terisi dan "
            "diputuskan kembali oleh rapat.", seating.unfilled)
            % {"names": tied, "n": seating.unfilled})
    elif seating.unfilled:
        parts.append(_("%(n)s kursi tidak terisi.") % {"n": seating.unfilled})
    return " ".join(parts) or _("Tidak ada calon yang terpilih.")


def close_election(*, vote: Vote, actor) -> Election:
    """Close the election's vote (through ballots when still open) and seat the
    winners. Once: a second call finds the decision recorded and refuses."""
    with transaction.atomic():
        vote = (Vote.objects.select_for_update(of=("self",))
                .select_related("meeting", "item").get(pk=vote.pk))
        election = Election.objects.filter(vote=vote).first()
        if election is None:
            raise DomainError(_("Pemungutan suara ini bukan pemilihan."), code="conflict")
        if Decision.objects.filter(vote=vote).exists():
            raise DomainError(_("Pemilihan ini sudah ditutup dan hasilnya dicatat."),
                              code="conflict")
        if vote.status == Vote.Status.DRAFT:
            raise DomainError(_("Pemungutan suara belum dibuka."), code="transition")
        if vote.status == Vote.Status.OPEN:
            _close_vote(vote, actor)
            vote.refresh_from_db()
        coop = vote.cooperative
        if vote.status == Vote.Status.INVALID:
            record_decision(item=vote.item, method=Decision.Method.VOTE,
                            outcome=Decision.Outcome.INVALID, vote=vote, actor=actor,
                            text=_("Pemilihan tidak sah: kuorum tidak tercapai saat "
                                   "pemungutan suara. Tidak ada yang terpilih."))
            log_action(cooperative=coop, actor=actor, action="election.closed",
                       obj=election, outcome=str(Decision.Outcome.INVALID.label))
            return election
        counts = _counts(vote)
        seating = rules.seat(counts, election.seats)
        vote.result = Vote.Result.TIE if seating.tie else Vote.Result.ELECTED
        vote.save(update_fields=["result"])
        outcome = Decision.Outcome.TIE if seating.tie else Decision.Outcome.ELECTED
        record_decision(item=vote.item, method=Decision.Method.VOTE, outcome=outcome,
                        vote=vote, actor=actor, text=_decision_text(election, seating))
        OfficerTerm.objects.bulk_create(
            OfficerTerm(cooperative=coop, election=election, member=option.candidate,
                        office=election.office, term_start=election.term_start,
                        term_end=election.term_end, votes=n,
                        status=OfficerTerm.Status.ELECTED,
                        created_by=actor if getattr(actor, "is_authenticated", False)
                        else None)
            for option, n in seating.elected)
        users = [o.candidate.user_id for o, _n in seating.elected if o.candidate.user_id]
        if users:
            notify(cooperative=coop, topic=notices.ELECTED,
                   event_id=f"election:{election.pk}:elected", recipients=users,
                   link=reverse("governance:terms", args=[coop.slug]),
                   params={"office": str(Office(election.office).label).lower(),
                           "start": date_format(election.term_start, "j F Y"),
                           "end": date_format(election.term_end, "j F Y")})
        log_action(cooperative=coop, actor=actor, action="election.closed", obj=election,
                   outcome=str(outcome.label),
                   elected=", ".join(f"{o.label} ({n})" for o, n in seating.elected),
                   tied=", ".join(f"{o.label} ({n})" for o, n in seating.tied))
    return election


# --- the daily job: officers take and leave their role --------------------------------


def _start(term: OfficerTerm, coop, now) -> str | None:
    """Start one term; returns a line for the officers when the board must act."""
    member = term.member
    office = str(Office(term.office).label).lower()
    words = {"name": member.owner_name, "office": office,
             "start": date_format(term.term_start, "j F Y"),
             "end": date_format(term.term_end, "j F Y")}
    note = None
    if member.user_id:
        _role, created = CoopRole.objects.get_or_create(
            user_id=member.user_id, cooperative=coop, role=term.office)
        term.granted_role = created
    else:
        note = _("%(name)s mulai menjabat sebagai %(office)s tetapi belum punya akun Guyub: "
                 "buatkan akun dan berikan perannya.") % words
    term.status = OfficerTerm.Status.SERVING
    term.started_at = now
    term.save(update_fields=["status", "started_at", "granted_role"])
    log_action(cooperative=coop, actor=None, action="officer_term.started", obj=term,
               member=member.owner_name, office=office, start=words["start"],
               end=words["end"],
               access=(_("akses %(office)s di Guyub diberikan") % words if term.granted_role
                       else _("sudah punya akses %(office)s") % words if member.user_id
                       else _("belum punya akun Guyub")))
    if member.user_id:
        notify(cooperative=coop, topic=notices.TERM_STARTED,
               event_id=f"officer_term:{term.pk}:started", recipients=[member.user_id],
               link=reverse("governance:terms", args=[coop.slug]),
               params={"office": office})
    return note


def _others_hold(coop, office: str, user_id: int) -> bool:
    return CoopRole.objects.filter(cooperative=coop, role=office).exclude(
        user_id=user_id).exists()


def _end(term: OfficerTerm, coop, now) -> None:
    member = term.member
    office = str(Office(term.office).label).lower()
    term.status = OfficerTerm.Status.ENDED
    term.ended_at = now
    removed = False
    if term.granted_role:
        # Another serving term of the same office (re-elected) keeps the role; it
        # takes over the duty of giving it back when it ends.
        successor = (OfficerTerm.objects.select_for_update()
                     .filter(member=member, office=term.office,
                             status=OfficerTerm.Status.SERVING)
                     .exclude(pk=term.pk).order_by("term_start").first())
        if successor is not None:
            successor.granted_role = True
            successor.save(update_fields=["granted_role"])
        elif member.user_id and _others_hold(coop, term.office, member.user_id):
            removed = CoopRole.objects.filter(user_id=member.user_id, cooperative=coop,
                                              role=term.office).delete()[0] > 0
        elif member.user_id:
            # The last board member (or supervisor) with access: taking it away would
            # leave nobody to call the RAT that elects the successors. The role stays,
            # and the term stays serving past its end (the terms page shows it) until
            # a successor serves; the job looks again each day, quietly.
            return
        term.granted_role = False
    term.save(update_fields=["status", "ended_at", "granted_role"])
    log_action(cooperative=coop, actor=None, action="officer_term.ended", obj=term,
               member=member.owner_name, office=office,
               end=date_format(term.term_end, "j F Y"),
               access=(_("akses %(office)s di Guyub dicabut") % {"office": office}
                       if removed else _("akses di Guyub tidak berubah")))


def seat_officers(cooperative=None, *, today: dt.date) -> list[Done]:
    """Start the terms due by `today` and end those past their end. Rows are locked
    and re-read by status, so a second run (or two at once) finds nothing to do."""
    def run(coop) -> list[Done]:
        now = timezone.now()
        due = list(OfficerTerm.objects.select_for_update(of=("self",))
                   .select_related("member")
                   .filter(status=OfficerTerm.Status.ELECTED, term_start__lte=today)
                   .order_by("term_start", "pk"))
        notes = [n for n in (_start(t, coop, now) for t in due) if n]
        over = list(OfficerTerm.objects.select_for_update(of=("self",))
                    .select_related("member")
                    .filter(status=OfficerTerm.Status.SERVING, term_end__lt=today)
                    .order_by("term_end", "pk"))
        for term in over:
            _end(term, coop, now)
        done = []
        if due:
            done.append(Done(coop.pk, ngettext(
                "%(n)s pengurus/pengawas mulai menjabat", "%(n)s pengurus/pengawas mulai "
                "menjabat", len(due)) % {"n": len(due)}))
        done += [Done(coop.pk, n) for n in notes]
        if over:
            done.append(Done(coop.pk, ngettext(
                "%(n)s masa jabatan berakhir", "%(n)s masa jabatan berakhir", len(over))
                % {"n": len(over)}))
        return done

    return in_each_cooperative(cooperative, run)
