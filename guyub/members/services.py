"""Every write to the membership register: applications, registration, profile
changes and the lifecycle (Member.TRANSITIONS). Simpanan writes are in
simpanan/services.py."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative, CoopRole
from guyub.core.roles import Role
from guyub.notifications.services import notify

from .models import Member, StatusChange
from .simpanan import services as simpanan

Status = Member.Status

# What each step of the lifecycle (Member.TRANSITIONS) is called in the audit log.
STEP_ACTIONS: dict[str, str] = {
    Status.ACTIVE: "member.approved",
    Status.REJECTED: "member.rejected",
    Status.EXITED: "member.exited",
    Status.EXPELLED: "member.expelled",
}


def _next_member_number(cooperative: Cooperative) -> int:
    # The row lock makes concurrent approvals queue for the counter, so two members
    # never get the same number and a number is never handed out twice.
    coop = Cooperative.objects.select_for_update(no_key=True).get(pk=cooperative.pk)
    # Numbers entered outside the services (admin, a data migration) must not be
    # handed out again either, so the counter never falls behind the highest number.
    highest = (Member.objects.filter(cooperative=coop).aggregate(n=Max("number"))["n"] or 0)
    coop.last_member_number = max(coop.last_member_number, highest) + 1
    coop.save(update_fields=["last_member_number"])
    cooperative.last_member_number = coop.last_member_number
    return coop.last_member_number


def _record_change(member: Member, *, from_status: str, actor, date: dt.date, reason: str):
    StatusChange.objects.create(
        cooperative=member.cooperative, member=member, from_status=from_status,
        to_status=member.status, date=date, reason=reason, actor=actor,
    )


@transaction.atomic
def submit_application(*, cooperative: Cooperative, profile: dict, user=None,
                       password: str | None = None) -> Member:
    """A person applies for membership. Creates their login when they have none."""
    if user is None or not user.is_authenticated:
        user = get_user_model().objects.create_user(
            username=profile["email"], email=profile["email"], password=password,
            first_name=profile["owner_name"][:150],
        )
    if Member.objects.filter(cooperative=cooperative, user=user,
                             status__in=[Status.APPLICANT, Status.ACTIVE]).exists():
        raise DomainError(_("Akun ini sudah terdaftar atau sedang mengajukan permohonan."))
    member = Member.objects.create(cooperative=cooperative, user=user, status=Status.APPLICANT,
                                   **profile)
    _record_change(member, from_status="", actor=user, date=timezone.localdate(),
                   reason=_("Permohonan keanggotaan"))
    log_action(cooperative=cooperative, actor=user, action="member.applied", obj=member)
    deciders = CoopRole.objects.filter(cooperative=cooperative,
                                       role__in=[Role.BOARD, Role.STAFF]).values_list(
        "user_id", flat=True)
    notify(cooperative=cooperative, topic="members.application_received",
           event_id=f"member.applied:{member.pk}", recipients=set(deciders),
           link=reverse("members:applications", args=[cooperative.slug]),
           params={"name": member.owner_name, "business": member.business_name})
    return member


@transaction.atomic
def register_member(*, cooperative: Cooperative, actor, profile: dict,
                    join_date: dt.date | None = None, method: str = "cash") -> Member:
    """Staff enter an existing member (from paper records): active at once, numbered,
    with their simpanan pokok recorded on the join date like any approval."""
    join_date = join_date or timezone.localdate()
    member = Member(cooperative=cooperative, status=Status.ACTIVE, join_date=join_date, **profile)
    member.number = _next_member_number(cooperative)
    member.save()
    simpanan.pay_pokok(member=member, actor=actor, date=join_date, method=method)
    _record_change(member, from_status="", actor=actor, date=join_date,
                   reason=_("Didaftarkan oleh pengurus/staf"))
    log_action(cooperative=cooperative, actor=actor, action="member.registered", obj=member)
    return member


@transaction.atomic
def update_member(*, member: Member, actor, profile: dict) -> Member:
    # NO KEY: checkouts insert rows naming the member and check that key at commit.
    member = Member.objects.select_for_update(no_key=True).get(pk=member.pk)
    changed = {
        field: [str(getattr(member, field)), str(value)]
        for field, value in profile.items()
        if getattr(member, field) != value
    }
    for field, value in profile.items():
        setattr(member, field, value)
    member.save()
    if changed:
        log_action(cooperative=member.cooperative, actor=actor, action="member.updated",
                   obj=member, changes=changed)
    return member


@transaction.atomic
def change_status(*, member: Member, actor, to_status: str, date: dt.date,
                  reason: str = "", method: str = "cash") -> Member:
    """Move a member along the lifecycle; refuse any step the lifecycle does not have.

    Approval is complete only with the simpanan pokok recorded (paid by `method`);
    leaving settles the member's simpanan in the same transaction.
    """
    # NO KEY: checkouts insert rows naming the member and check that key at commit.
    member = Member.objects.select_for_update(no_key=True).get(pk=member.pk)
    from_status = member.status
    # Moves this locked copy only: a refusal below rolls back, the caller's is untouched.
    member.move_to(to_status, message=_("Status %(from)s tidak dapat diubah menjadi %(to)s.")
                   % {"from": Status(from_status).label, "to": Status(to_status).label})
    if to_status in (Status.REJECTED, Status.EXPELLED) and not reason.strip():
        raise DomainError(_("Alasan wajib diisi."), field="reason")
    if date > timezone.localdate():
        raise DomainError(_("Tanggal tidak boleh di masa depan."), field="date")
    if to_status == Status.ACTIVE:
        member.number = _next_member_number(member.cooperative)
        member.join_date = date
        if member.user_id:
            CoopRole.objects.get_or_create(user_id=member.user_id,
                                           cooperative=member.cooperative, role=Role.MEMBER)
    elif from_status == Status.ACTIVE and member.user_id:
        CoopRole.objects.filter(user_id=member.user_id, cooperative=member.cooperative,
                                role=Role.MEMBER).delete()
    member.save()
    if to_status == Status.ACTIVE:
        simpanan.pay_pokok(member=member, actor=actor, date=date, method=method)
    elif from_status == Status.ACTIVE:
        simpanan.settle_exit(member=member, actor=actor, date=date, method=method)
    _record_change(member, from_status=from_status, actor=actor, date=date, reason=reason)
    action = STEP_ACTIONS.get(to_status)
    log_action(cooperative=member.cooperative, actor=actor, action=action, obj=member,
               date=date, reason=reason)
    _tell_applicant(member, from_status=from_status, reason=reason)
    return member


def _tell_applicant(member: Member, *, from_status: str, reason: str) -> None:
    """An application decided: the applicant hears it (inbox, e-mail, WhatsApp)."""
    if from_status != Status.APPLICANT or not member.user_id:
        return
    coop = member.cooperative
    if member.status == Status.ACTIVE:
        notify(cooperative=coop, topic="members.application_approved",
               event_id=f"member.approved:{member.pk}", recipients=[member.user_id],
               link=reverse("members:portal", args=[coop.slug]),
               params={"coop": coop.name, "number": str(member.number)})
    elif member.status == Status.REJECTED:
        notify(cooperative=coop, topic="members.application_rejected",
               event_id=f"member.rejected:{member.pk}", recipients=[member.user_id],
               params={"coop": coop.name, "reason": reason.strip()})
