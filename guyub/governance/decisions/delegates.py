"""RAT perwakilan: the delegates a pre-RAT group meeting chose, recorded by its chair or
secretary while the meeting is open or after it ended, as a decision of the meeting
(numbered like the others, so it is in the register of decisions and the minutes).

Here, not in attendance: the choice is a decision, and decisions sit above attendance
(governance-order contract). Delegates may be changed until the receiving RAT/RALB is
called; its register is then frozen from them (attendance/services/calling.py)."""

from django.db import transaction
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.notifications.services import notify

from .. import notices
from ..attendance.models import Delegate, RegisterEntry
from ..meetings.models import AgendaItem, Meeting
from .models import Decision
from .services import record_decision

Status = Meeting.Status
# Ids are typed into a form: anything past the column is not an entry of this meeting.
ID_MAX = 2**63 - 1


def _ids(values) -> list[int]:
    ids = []
    for value in values:
        try:
            pk = int(str(value).strip())
        except (TypeError, ValueError):
            raise DomainError(_("Pilih utusan dari daftar hadir rapat kelompok ini."),
                              field="entries") from None
        if not 0 < pk <= ID_MAX:
            raise DomainError(_("Pilih utusan dari daftar hadir rapat kelompok ini."),
                              field="entries")
        ids.append(pk)
    return list(dict.fromkeys(ids))


def record_delegates(*, meeting: Meeting, item: AgendaItem, entries, method: str,
                     actor) -> Decision:
    """Replace the pre-RAT's delegates with `entries` (ids of its register entries, at
    most its seats), and record it as the decision of `item` (by consensus, or the
    result of the group's vote or election). Each newly chosen delegate is told."""
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Masuk dulu untuk mencatat utusan."), code="forbidden")
    if method not in Decision.Method.values:
        raise DomainError(_("Pilih cara utusan dipilih: musyawarah atau pemungutan suara."),
                          field="method")
    ids = _ids(entries)
    with transaction.atomic():
        # The receiving meeting is locked first, as calling it does (its register then
        # refers to this group, a key lock on this row): calling it and changing its
        # delegates never cross, and never wait on each other in a circle.
        target_pk = Meeting.objects.filter(pk=meeting.pk).values_list(
            "delegates_to_id", flat=True).first()
        target = (Meeting.objects.select_for_update().filter(pk=target_pk).first()
                  if target_pk else None)
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if (meeting.kind != Meeting.Kind.PRE_RAT or target is None
                or meeting.delegates_to_id != target.pk):
            raise DomainError(_("Utusan hanya dipilih di rapat kelompok (pra-RAT)."),
                              code="conflict")
        if meeting.status not in (Status.OPEN, Status.CLOSED):
            raise DomainError(_("Utusan dicatat saat rapat kelompok berlangsung atau "
                                "sesudah selesai."), code="transition")
        if target.status != Status.DRAFT:
            raise DomainError(_("%(title)s sudah diundang: utusan tidak dapat diubah lagi.")
                              % {"title": target.title}, code="conflict")
        if item.meeting_id != meeting.pk:
            raise DomainError(_("Pilih acara rapat kelompok ini."), field="item")
        if not ids:
            raise DomainError(_("Pilih sedikitnya satu utusan."), field="entries")
        if len(ids) > meeting.delegate_seats:
            raise DomainError(_("Rapat kelompok ini mengirim paling banyak %(n)s utusan.")
                              % {"n": meeting.delegate_seats}, field="entries")
        chosen = list(RegisterEntry.objects.filter(meeting=meeting, pk__in=ids)
                      .select_related("member").order_by("number"))
        if len(chosen) != len(ids):
            raise DomainError(_("Pilih utusan dari daftar hadir rapat kelompok ini."),
                              field="entries")
        before = set(Delegate.objects.filter(meeting=meeting)
                     .values_list("member_id", flat=True))
        Delegate.objects.filter(meeting=meeting).delete()
        elsewhere = (Delegate.objects.filter(target=target,
                                             member__in=[e.member_id for e in chosen])
                     .select_related("entry").first())
        if elsewhere is not None:
            raise DomainError(_("%(name)s sudah menjadi utusan kelompok lain.")
                              % {"name": elsewhere.entry.name}, field="entries")
        Delegate.objects.bulk_create(
            Delegate(cooperative=meeting.cooperative, meeting=meeting, target=target,
                     entry=e, member_id=e.member_id, chosen_by=actor) for e in chosen)
        group = meeting.group_label or meeting.title
        names = "; ".join(f"{e.number} {e.name}" for e in chosen)
        decision = record_decision(
            item=item, method=method, outcome=Decision.Outcome.ELECTED, actor=actor,
            text=(_("Utusan kelompok %(group)s ke %(title)s: %(names)s.")
                  % {"group": group, "title": target.title, "names": names})[:5000])
        log_action(cooperative=meeting.cooperative, actor=actor,
                   action="meeting.delegates_recorded", obj=meeting, target=target.title,
                   delegates=", ".join(str(e.number) for e in chosen),
                   decision=decision.number)
        new = [e.member.user_id for e in chosen
               if e.member_id not in before and e.member.user_id]
        notify(cooperative=meeting.cooperative, topic=notices.DELEGATE_CHOSEN,
               event_id=f"meeting:{meeting.pk}:delegates:{decision.pk}", recipients=new,
               params={"group": group, "title": target.title})
    return decision
