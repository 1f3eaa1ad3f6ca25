"""A meeting's life before and around its day: the chair calls it (the rules copied, the
register frozen, every voter told), opens it on the day, adjourns it (usually for want
of quorum) and reconvenes it as a new meeting with the same register and agenda under
the by-law's reduced quorum."""

import datetime as dt

from django.db import transaction
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.members.models import Member
from guyub.members.simpanan.selectors import members_in_arrears
from guyub.notifications.services import notify

from ... import notices
from ...meetings.models import AgendaDocument, AgendaItem, Meeting
from ...meetings.selectors import settings_for
from ...meetings.services import refuse_overlap
from ..models import Delegate, RegisterEntry
from . import common

Status = Meeting.Status


@transaction.atomic
def call(*, meeting: Meeting, actor) -> Meeting:
    """DRAFT → CALLED: needs an agenda and the by-law's notice; copies the rules onto
    the meeting, freezes the register (the active members now, without those in
    arrears of simpanan wajib when the by-laws say so) and tells every voter with a
    login. Bulk writes only: a cooperative of 300,000 members is called in batches."""
    common.require_user(actor)
    meeting = common.locked(meeting)
    if meeting.status != Status.DRAFT:
        raise DomainError(_("Hanya rapat berstatus draf yang dapat diundang."),
                          code="transition")
    if not AgendaItem.objects.filter(meeting=meeting).exists():
        raise DomainError(_("Tambahkan acara rapat sebelum mengirim undangan."),
                          code="conflict")
    rules = settings_for(meeting.cooperative)
    today = timezone.localdate()
    earliest = today + dt.timedelta(days=rules.notice_days)
    if common.meeting_day(meeting) < earliest:
        raise DomainError(
            _("Undangan harus dikirim %(days)s hari sebelum rapat menurut AD/ART: rapat "
              "ini paling cepat tanggal %(date)s.")
            % {"days": rules.notice_days, "date": common.day(earliest)},
            field="starts_at", code="conflict")
    groups = _groups_sending(meeting, rules)
    if meeting.kind == Meeting.Kind.PRE_RAT and meeting.delegates_to_id:
        # Checked again here: another group may have been saved since this one.
        refuse_overlap(meeting.delegates_to, meeting.group_province, meeting.group_regency,
                       exclude=meeting)
    meeting.move_to(Status.CALLED)
    meeting.notice_days = rules.notice_days
    meeting.quorum_fraction = (rules.reconvened_quorum_fraction if meeting.reconvenes_id
                               else rules.quorum_fraction)
    meeting.quorum_rule = rules.quorum_rule
    meeting.called_at = timezone.now()
    meeting.called_by = actor
    meeting.save()
    if groups:
        voters, users = _freeze_delegates(meeting, groups)
    else:
        voters, users = _freeze_register(meeting, today,
                                         exclude_arrears=rules.exclude_arrears)
    meeting.register_size = voters
    meeting.save(update_fields=["register_size"])
    log_action(cooperative=meeting.cooperative, actor=actor, action="meeting.called",
               obj=meeting, voters=voters, notice_days=meeting.notice_days,
               quorum=str(meeting.quorum_fraction), rule=meeting.quorum_rule,
               groups=len(groups))
    _tell_voters(meeting, users)
    return meeting


def _groups_sending(meeting: Meeting, rules) -> list[Meeting]:
    """A RAT perwakilan: the group meetings (not superseded by a reconvened one) sending
    delegates to `meeting`. Each must have ended with its delegates recorded; the
    register is then theirs. None where the by-laws do not provide for delegates."""
    if meeting.kind == Meeting.Kind.PRE_RAT or not rules.delegates_allowed:
        return []
    groups = list(Meeting.objects.filter(delegates_to=meeting, kind=Meeting.Kind.PRE_RAT,
                                         reconvened_as__isnull=True)
                  .exclude(status=Status.CANCELLED).order_by("starts_at", "pk"))
    for group in groups:
        if group.status != Status.CLOSED:
            raise DomainError(
                _("Rapat kelompok %(group)s belum selesai: RAT perwakilan diundang setelah "
                  "semua rapat kelompok memilih utusannya.") % {"group": group.group_label
                                                                 or group.title},
                code="conflict")
        if not Delegate.objects.filter(meeting=group).exists():
            raise DomainError(
                _("Rapat kelompok %(group)s belum mencatat utusannya.")
                % {"group": group.group_label or group.title}, code="conflict")
    return groups


def _freeze_delegates(meeting: Meeting, groups: list[Meeting]):
    """The register of a RAT perwakilan: the delegates the groups chose who are still
    active members, with their number and name today, marked with their group."""
    rows = (Delegate.objects.filter(meeting__in=groups, member__status=Member.Status.ACTIVE,
                                    member__number__isnull=False)
            .order_by("member__number")
            .values_list("member_id", "member__number", "member__owner_name",
                         "meeting_id", "member__user_id"))
    batch, users = [], []
    for pk, number, name, group, user_id in rows:
        batch.append(RegisterEntry(cooperative=meeting.cooperative, meeting=meeting,
                                   member_id=pk, number=number, name=name[:150],
                                   delegate_from_id=group))
        if user_id:
            users.append(user_id)
    RegisterEntry.objects.bulk_create(batch, batch_size=common.BATCH)
    return len(batch), users


def _members_of(meeting: Meeting):
    """Who a meeting is for: every active member, or a pre-RAT's group."""
    # An active member always has a number (given when the application is approved);
    # the register is looked up by it at the door, so it is unique there too.
    members = Member.objects.filter(cooperative=meeting.cooperative,
                                    status=Member.Status.ACTIVE, number__isnull=False)
    if meeting.kind == Meeting.Kind.PRE_RAT and meeting.group_province:
        members = members.filter(province=meeting.group_province)
        if meeting.group_regency:
            # Free text on the member record: trimmed and case-insensitive.
            members = members.annotate(group_regency=Lower(Trim("regency"))).filter(
                group_regency=meeting.group_regency.strip().lower())
    return members


def _freeze_register(meeting: Meeting, today, *, exclude_arrears: bool):
    """One register entry per active member now (of the group, for a pre-RAT), number
    and name as they are today. Returns (entries written, the voters' user ids)."""
    late = set()
    if exclude_arrears:
        late = {member.pk for member, _months, _amount in members_in_arrears(today)}
    members = (_members_of(meeting)
               .order_by("pk").values_list("pk", "number", "owner_name", "user_id"))
    batch, users, written = [], [], 0
    for pk, number, name, user_id in members.iterator(chunk_size=common.BATCH):
        if pk in late:
            continue
        batch.append(RegisterEntry(cooperative=meeting.cooperative, meeting=meeting,
                                   member_id=pk, number=number, name=name[:150]))
        if user_id:
            users.append(user_id)
        if len(batch) >= common.BATCH:
            RegisterEntry.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    RegisterEntry.objects.bulk_create(batch)
    return written + len(batch), users


def _tell_voters(meeting: Meeting, users: list[int]) -> None:
    notify(cooperative=meeting.cooperative, topic=notices.MEETING_CALLED,
           event_id=f"meeting:{meeting.pk}:called", recipients=users,
           link=common.my_meeting_url(meeting), params=common.notice_params(meeting))


@transaction.atomic
def open_meeting(*, meeting: Meeting, actor) -> Meeting:
    """CALLED → OPEN, on the meeting's day (or later), not before."""
    common.require_user(actor)
    meeting = common.locked(meeting)
    if meeting.status != Status.CALLED:
        raise DomainError(_("Hanya rapat yang sudah diundang yang dapat dibuka."),
                          code="transition")
    if timezone.localdate() < common.meeting_day(meeting):
        raise DomainError(_("Rapat baru dapat dibuka pada hari rapat, %(date)s.")
                          % {"date": common.day(common.meeting_day(meeting))},
                          code="conflict")
    meeting.move_to(Status.OPEN)
    meeting.opened_at = timezone.now()
    meeting.save(update_fields=["status", "opened_at"])
    log_action(cooperative=meeting.cooperative, actor=actor, action="meeting.opened",
               obj=meeting)
    return meeting


@transaction.atomic
def adjourn(*, meeting: Meeting, actor, reason: str) -> Meeting:
    """OPEN → ADJOURNED, with the reason (typically: quorum not reached), in the log."""
    common.require_user(actor)
    reason = common.text(reason, field="reason", limit=500)
    meeting = common.locked(meeting)
    if meeting.status != Status.OPEN:
        raise DomainError(_("Hanya rapat yang sedang berlangsung yang dapat ditunda."),
                          code="transition")
    # An open vote would stay open (and its box unsealed) with the meeting gone: it is
    # closed first. (Through the reverse name: the ballots package sits above this one.)
    still_open = meeting.votes.filter(status="open").first()
    if still_open is not None:
        raise DomainError(_("Tutup dulu pemungutan suara yang masih dibuka: %(question)s.")
                          % {"question": still_open.question}, code="conflict")
    meeting.move_to(Status.ADJOURNED)
    meeting.ended_at = timezone.now()
    meeting.save(update_fields=["status", "ended_at"])
    log_action(cooperative=meeting.cooperative, actor=actor, action="meeting.adjourned",
               obj=meeting, reason=reason)
    return meeting


@transaction.atomic
def reconvene(*, meeting: Meeting, actor, starts_at, place: str) -> Meeting:
    """An adjourned meeting held again: a new meeting, called at once, with the same
    register (the entries copied), the same agenda and documents, and the by-law's
    reduced quorum; every voter is told."""
    common.require_user(actor)
    place = common.text(place, field="place", limit=200, required=False)
    old = common.locked(meeting)
    if old.status != Status.ADJOURNED:
        raise DomainError(_("Hanya rapat yang ditunda yang dapat dibuka kembali."),
                          code="transition")
    if Meeting.objects.filter(reconvenes=old).exists():
        raise DomainError(_("Rapat ini sudah dijadwalkan ulang."), code="conflict")
    if starts_at is None or starts_at <= timezone.now():
        raise DomainError(_("Waktu rapat lanjutan harus setelah sekarang."),
                          field="starts_at")
    rules = settings_for(old.cooperative)
    now = timezone.now()
    new = Meeting.objects.create(
        cooperative=old.cooperative, kind=old.kind, status=Status.CALLED,
        title=(_("%(title)s (lanjutan)") % {"title": old.title})[:200],
        fiscal_year=old.fiscal_year, starts_at=starts_at, place=place or old.place,
        online=old.online, group_name=old.group_name, delegates_to=old.delegates_to,
        group_province=old.group_province, group_regency=old.group_regency,
        delegate_seats=old.delegate_seats, reconvenes=old, notice_days=old.notice_days,
        quorum_fraction=rules.reconvened_quorum_fraction,
        quorum_rule=old.quorum_rule or rules.quorum_rule, called_at=now, called_by=actor,
        chair_name=old.chair_name, secretary_name=old.secretary_name, created_by=actor)
    items = {}
    for item in AgendaItem.objects.filter(meeting=old).order_by("position"):
        old_pk = item.pk
        item.pk = None
        item.id = None
        item.meeting = new
        item.save()
        items[old_pk] = item
    for doc in AgendaDocument.objects.filter(meeting=old).order_by("id"):
        doc.pk = None
        doc.id = None
        doc.meeting = new
        doc.item = items.get(doc.item_id)
        doc.save()
    users = _copy_register(old, new)
    new.register_size = RegisterEntry.objects.filter(meeting=new).count()
    new.save(update_fields=["register_size"])
    log_action(cooperative=new.cooperative, actor=actor, action="meeting.reconvened",
               obj=new, reconvenes=old.pk, quorum=str(new.quorum_fraction))
    _tell_voters(new, users)
    return new


def _copy_register(old: Meeting, new: Meeting) -> list[int]:
    entries = (RegisterEntry.objects.filter(meeting=old).order_by("pk")
               .values_list("member_id", "number", "name", "delegate_from_id",
                            "member__user_id"))
    batch, users = [], []
    for member_id, number, name, delegate_from, user_id in entries.iterator(
            chunk_size=common.BATCH):
        batch.append(RegisterEntry(cooperative=new.cooperative, meeting=new,
                                   member_id=member_id, number=number, name=name,
                                   delegate_from_id=delegate_from))
        if user_id:
            users.append(user_id)
        if len(batch) >= common.BATCH:
            RegisterEntry.objects.bulk_create(batch)
            batch = []
    RegisterEntry.objects.bulk_create(batch)
    return users
