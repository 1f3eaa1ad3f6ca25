"""Test worlds of governance: the people of a members' meeting (board, staff, a
supervisor, members with logins), a meeting already called with its register frozen,
and shortcuts that put members in the room or online.

The shortcuts write the rows directly so each package's tests can start from a meeting
in the state they need; the services that produce those states have their own tests."""

import datetime as dt
from decimal import Decimal

from django.test import Client
from django.utils import timezone
from django_scopes import scope

from guyub.core.roles import Role
from guyub.governance.attendance.models import Attendance, Proxy, RegisterEntry
from guyub.governance.meetings.models import AgendaItem, GovernanceSettings, Meeting
from guyub.members.models import Member
from guyub.testing.factories import CoopRoleFactory, MemberFactory, UserFactory

NAMES = ["Sari Wulandari", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Rina Marlina",
         "Joko Widodo", "Siti Aminah", "Wayan Sudarsa", "Made Arya", "Nur Hidayah"]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def member_with_login(cooperative, name: str, **fields) -> Member:
    """An active member with their own login holding the member role."""
    user = UserFactory()
    CoopRoleFactory(user=user, cooperative=cooperative, role=Role.MEMBER)
    return MemberFactory(cooperative=cooperative, user=user, owner_name=name, **fields)


def people(cooperative, board, *, members: int = 10) -> dict:
    """`board` (given), a second board member, staff, a supervisor and `members` active
    members with logins (named from NAMES, then "Anggota N")."""
    other_board, staff, supervisor = UserFactory(), UserFactory(), UserFactory()
    CoopRoleFactory(user=other_board, cooperative=cooperative, role=Role.BOARD)
    CoopRoleFactory(user=staff, cooperative=cooperative, role=Role.STAFF)
    CoopRoleFactory(user=supervisor, cooperative=cooperative, role=Role.SUPERVISOR)
    names = NAMES + [f"Anggota {n}" for n in range(len(NAMES) + 1, members + 1)]
    return {"board": board, "other_board": other_board, "staff": staff,
            "supervisor": supervisor,
            "members": [member_with_login(cooperative, name) for name in names[:members]]}


def rules(cooperative, **fields) -> GovernanceSettings:
    with scope(cooperative=cooperative):
        row, _ = GovernanceSettings.objects.update_or_create(
            cooperative=cooperative, defaults=fields)
    if "quorum_fraction" in fields:  # the cooperative's profile holds the number in force
        type(cooperative).objects.filter(pk=cooperative.pk).update(
            rat_quorum=fields["quorum_fraction"])
        cooperative.rat_quorum = fields["quorum_fraction"]
    return row


def called_meeting(cooperative, board, members, *, kind=Meeting.Kind.RAT,
                   status=Meeting.Status.CALLED, fraction=Decimal("0.5"),
                   rule="more_than", items=("Laporan pertanggungjawaban pengurus",),
                   starts_in=dt.timedelta(days=14), **fields) -> Meeting:
    """A meeting called with `members` on its frozen register and `items` on its agenda
    (general items unless given as (kind, title) pairs)."""
    with scope(cooperative=cooperative):
        now = timezone.now()
        meeting = Meeting.objects.create(
            cooperative=cooperative, kind=kind, status=status,
            title=fields.pop("title", f"RAT Tahun Buku {now.year - 1}"),
            fiscal_year=fields.pop("fiscal_year", now.year - 1),
            starts_at=fields.pop("starts_at", now + starts_in),
            place=fields.pop("place", "Balai Desa Sukamaju"),
            notice_days=14, quorum_fraction=fraction, quorum_rule=rule,
            called_at=now, called_by=board, created_by=board,
            opened_at=now if status == Meeting.Status.OPEN else None, **fields)
        for position, item in enumerate(items, start=1):
            kind_, title = item if isinstance(item, tuple) else (AgendaItem.Kind.GENERAL, item)
            AgendaItem.objects.create(cooperative=cooperative, meeting=meeting,
                                      position=position, kind=kind_, title=title)
        RegisterEntry.objects.bulk_create(
            RegisterEntry(cooperative=cooperative, meeting=meeting, member=m,
                          number=m.number or m.pk, name=m.owner_name) for m in members)
        return meeting


def entry_of(meeting, member) -> RegisterEntry:
    with scope(cooperative=meeting.cooperative):
        return RegisterEntry.objects.get(meeting=meeting, member=member)


def in_room(meeting, *members, by=None) -> list[Attendance]:
    """Check `members` in at the door."""
    with scope(cooperative=meeting.cooperative):
        return [Attendance.objects.create(
            cooperative=meeting.cooperative, meeting=meeting, entry=entry_of(meeting, m),
            mode=Attendance.Mode.IN_PERSON, checked_in_by=by) for m in members]


def online(meeting, *members) -> list[Attendance]:
    """`members` signed in on the meeting page just now."""
    with scope(cooperative=meeting.cooperative):
        now = timezone.now()
        return [Attendance.objects.create(
            cooperative=meeting.cooperative, meeting=meeting, entry=entry_of(meeting, m),
            mode=Attendance.Mode.ONLINE, last_seen_at=now) for m in members]


def proxy(meeting, grantor, holder) -> Proxy:
    with scope(cooperative=meeting.cooperative):
        return Proxy.objects.create(cooperative=meeting.cooperative, meeting=meeting,
                                    grantor=entry_of(meeting, grantor),
                                    holder=entry_of(meeting, holder))
