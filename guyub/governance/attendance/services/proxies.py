"""Proxies (kuasa): a member on the register gives their vote to another member on it,
before the meeting opens, where the by-laws allow proxies. A holder carries at most
the by-law's cap; a grantor gives one; no proxy to oneself; no chains (a grantor
cannot hold, a holder cannot have given). The meeting row is locked while the rules
are checked, so two proxies registered at once to a holder at its cap give one."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.notifications.services import notify

from ... import notices
from ...meetings.models import Meeting
from ...meetings.selectors import settings_for
from ..models import Proxy, RegisterEntry
from . import common


def _entry(meeting, number, field) -> RegisterEntry:
    found = RegisterEntry.objects.filter(meeting=meeting, number=number).select_related(
        "member").first()
    if found is None:
        raise DomainError(_("Anggota nomor %(n)s tidak terdaftar sebagai pemilih rapat ini.")
                          % {"n": number}, field=field, code="conflict")
    return found


def _before_opening(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.CALLED:
        raise DomainError(_("Kuasa hanya dapat dicatat atau dicabut sebelum rapat dibuka."),
                          code="transition")


@transaction.atomic
def register_proxy(*, meeting: Meeting, actor, grantor_number: int,
                   holder_number: int) -> Proxy:
    common.require_user(actor)
    meeting = common.locked(meeting)
    _before_opening(meeting)
    rules = settings_for(meeting.cooperative)
    if not rules.proxies_allowed:
        raise DomainError(_("AD/ART koperasi tidak mengizinkan kuasa suara."),
                          code="conflict")
    grantor = _entry(meeting, grantor_number, "grantor")
    holder = _entry(meeting, holder_number, "holder")
    if grantor.pk == holder.pk:
        raise DomainError(_("Kuasa tidak dapat diberikan kepada diri sendiri."),
                          field="holder")
    live = Proxy.objects.filter(meeting=meeting, revoked_at__isnull=True)
    if live.filter(grantor=grantor).exists():
        raise DomainError(_("%(name)s sudah memberi kuasa; cabut dulu kuasa itu.")
                          % {"name": grantor.name}, field="grantor", code="conflict")
    if live.filter(holder=grantor).exists():
        raise DomainError(_("%(name)s memegang kuasa anggota lain, jadi tidak dapat "
                            "memberi kuasa (kuasa tidak boleh berantai).")
                          % {"name": grantor.name}, field="grantor", code="conflict")
    if live.filter(grantor=holder).exists():
        raise DomainError(_("%(name)s sudah memberi kuasanya sendiri, jadi tidak dapat "
                            "memegang kuasa (kuasa tidak boleh berantai).")
                          % {"name": holder.name}, field="holder", code="conflict")
    if live.filter(holder=holder).count() >= rules.proxy_cap:
        raise DomainError(_("%(name)s sudah memegang %(n)s kuasa, batas menurut AD/ART.")
                          % {"name": holder.name, "n": rules.proxy_cap}, field="holder",
                          code="conflict")
    proxy = Proxy.objects.create(cooperative=meeting.cooperative, meeting=meeting,
                                 grantor=grantor, holder=holder, registered_by=actor)
    log_action(cooperative=meeting.cooperative, actor=actor, action="proxy.registered",
               obj=proxy, meeting=meeting.pk, grantor=grantor.number, holder=holder.number)
    if holder.member.user_id:
        notify(cooperative=meeting.cooperative, topic=notices.PROXY_REGISTERED,
               event_id=f"proxy:{proxy.pk}:registered", recipients=[holder.member.user_id],
               link=common.my_meeting_url(meeting),
               params={"grantor": grantor.name, "title": meeting.title})
    return proxy


@transaction.atomic
def revoke_proxy(*, proxy: Proxy, actor) -> Proxy:
    common.require_user(actor)
    meeting = common.locked(proxy.meeting)
    _before_opening(meeting)
    proxy = Proxy.objects.select_for_update().get(pk=proxy.pk)
    if proxy.revoked_at is not None:
        raise DomainError(_("Kuasa ini sudah dicabut."), code="conflict")
    proxy.revoked_at = timezone.now()
    proxy.save(update_fields=["revoked_at"])
    log_action(cooperative=meeting.cooperative, actor=actor, action="proxy.revoked",
               obj=proxy, meeting=meeting.pk)
    return proxy
