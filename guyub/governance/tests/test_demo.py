"""The governance demo: last fiscal year's RAT held and closed within the legal
deadline, its approvals findable by finance, two pengurus elected and seated without
touching the board login's role, the minutes signed, and a RALB called for the coming
days with a proxy given to the member login."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.demo import MEMBER_LOGIN
from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.governance.attendance.models import Attendance, Proxy, RegisterEntry
from guyub.governance.ballots.models import Vote
from guyub.governance.decisions.selectors import approval
from guyub.governance.demo import ELECTED_LOGIN, STAFF_LOGIN, load_governance_demo
from guyub.governance.elections.models import OfficerTerm
from guyub.governance.meetings import rules
from guyub.governance.meetings.models import AgendaItem, Meeting
from guyub.members.models import Member, Sector
from guyub.testing.factories import CoopRoleFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(coop, board):
    board.first_name, board.last_name, board.email = "Hendra", "Wijaya", "p@demo.guyub.id"
    board.save()
    staff = UserFactory(username=STAFF_LOGIN)
    CoopRoleFactory(user=staff, cooperative=coop, role=Role.STAFF)
    user = UserFactory(username=MEMBER_LOGIN, email=MEMBER_LOGIN)
    CoopRoleFactory(user=user, cooperative=coop, role=Role.MEMBER)
    MemberFactory(cooperative=coop, sector=Sector.COFFEE, user=user,
                  owner_name="Wulan Puspitasari")
    for n in range(14):
        MemberFactory(cooperative=coop, sector=Sector.SNACKS, owner_name=f"Anggota {n}")
    with scope(cooperative=coop):
        load_governance_demo(coop, board)


def test_last_years_rat_is_closed_within_the_deadline_with_its_minutes_signed(coop, demo):
    with scope(cooperative=coop):
        rat = Meeting.objects.get(kind=Meeting.Kind.RAT)
        assert rat.status == Meeting.Status.CLOSED and rat.signed_on
        held = timezone.localtime(rat.starts_at).date()
        assert held <= rules.rat_deadline(rat.fiscal_year, coop.fiscal_year_start_month or 1)
        assert held > rules.fiscal_year_end(rat.fiscal_year, coop.fiscal_year_start_month or 1)
        assert rat.called_at.date() <= held - dt.timedelta(days=14)
        modes = set(Attendance.objects.filter(meeting=rat).values_list("mode", flat=True))
        assert modes == {Attendance.Mode.IN_PERSON, Attendance.Mode.ONLINE}
        assert Proxy.objects.filter(meeting=rat).count() == 1


def test_finance_finds_the_rats_approvals_for_that_fiscal_year(coop, demo):
    with scope(cooperative=coop):
        year = Meeting.objects.get(kind=Meeting.Kind.RAT).fiscal_year
        for kind in AgendaItem.APPROVALS:
            assert approval(coop, fiscal_year=year, kind=kind) is not None


def test_the_shu_split_passed_by_secret_ballot_with_every_present_voter_counted(coop, demo):
    with scope(cooperative=coop):
        shu = Vote.objects.get(item__kind=AgendaItem.Kind.SHU)
        assert shu.secret and shu.status == Vote.Status.CLOSED
        assert shu.result == Vote.Result.PASSED
        counted = sum(o.votes for o in shu.options.all())
        assert shu.represented_at_open == 1  # the proxy carried by a member online
        assert counted == shu.participations.count() == (shu.present_at_open
                                                         + shu.represented_at_open)
        online = Attendance.objects.filter(meeting=shu.meeting,
                                           mode=Attendance.Mode.ONLINE).count()
        in_room = Attendance.objects.filter(meeting=shu.meeting,
                                            mode=Attendance.Mode.IN_PERSON).count()
        assert shu.present_at_open == online + in_room


def test_the_elected_are_seated_and_the_board_login_keeps_its_role(coop, board, demo):
    with scope(cooperative=coop):
        terms = OfficerTerm.objects.all()
        assert terms.count() == 2
        assert set(terms.values_list("status", flat=True)) == {OfficerTerm.Status.SERVING}
        assert CoopRole.objects.filter(user=board, cooperative=coop, role=Role.BOARD).exists()
        assert CoopRole.objects.filter(user__username=ELECTED_LOGIN, cooperative=coop,
                                       role=Role.BOARD).exists()


def test_the_member_login_is_invited_to_the_coming_ralb_and_holds_a_proxy(coop, demo):
    with scope(cooperative=coop):
        ralb = Meeting.objects.get(kind=Meeting.Kind.RALB)
        assert ralb.status == Meeting.Status.CALLED and ralb.starts_at > timezone.now()
        assert ralb.items.filter(kind=AgendaItem.Kind.BYLAWS).exists()
        wulan = Member.objects.get(user__username=MEMBER_LOGIN)
        entry = RegisterEntry.objects.get(meeting=ralb, member=wulan)
        assert Proxy.objects.filter(meeting=ralb, holder=entry).exists()
