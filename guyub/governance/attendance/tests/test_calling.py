"""Calling a meeting: the agenda and the by-law's notice are required, the rules are
copied onto the meeting, the register is frozen (later member changes change nothing;
members in arrears left out when the by-laws say so) and every voter is told once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.governance import notices
from guyub.governance.attendance import services
from guyub.governance.attendance.models import RegisterEntry
from guyub.governance.meetings.models import AgendaItem, Meeting
from guyub.members.models import Member
from guyub.notifications.models import Notice
from guyub.testing import governance as world
from guyub.testing import governance_attendance as helpers
from guyub.testing.factories import MemberFactory


def _call(meeting, actor):
    with scope(cooperative=meeting.cooperative):
        return services.call(meeting=meeting, actor=actor)


def _register(meeting):
    with scope(cooperative=meeting.cooperative):
        return dict(RegisterEntry.objects.filter(meeting=meeting)
                    .values_list("member_id", "name"))


def test_calling_freezes_the_active_members_and_copies_the_rules(coop, board, members):
    world.rules(coop, quorum_fraction=Decimal("0.6"), quorum_rule="at_least", notice_days=10)
    applicant = MemberFactory(cooperative=coop, status=Member.Status.APPLICANT, number=None)
    meeting = _call(helpers.draft_meeting(coop, board), board)
    assert meeting.status == Meeting.Status.CALLED
    assert (meeting.notice_days, meeting.quorum_fraction, meeting.quorum_rule) == (
        10, Decimal("0.6"), "at_least")
    frozen = _register(meeting)
    assert set(frozen) == {m.pk for m in members}
    assert applicant.pk not in frozen
    with scope(cooperative=coop):
        assert AuditLog.objects.filter(action="meeting.called").count() == 1


def test_later_member_changes_do_not_change_the_register(coop, board, members):
    meeting = _call(helpers.draft_meeting(coop, board), board)
    before = _register(meeting)
    with scope(cooperative=coop):
        MemberFactory(cooperative=coop)  # joins after the notice
        Member.objects.filter(pk=members[0].pk).update(status=Member.Status.EXITED)
        Member.objects.filter(pk=members[1].pk).update(owner_name="Nama Baru")
    assert _register(meeting) == before
    assert before[members[1].pk] == members[1].owner_name


def test_members_in_arrears_are_left_out_when_the_bylaws_say_so(coop, board, members):
    coop.simpanan_wajib_amount = Decimal(50_000)
    coop.save()
    world.rules(coop, exclude_arrears=True)
    with scope(cooperative=coop):
        # The ten joined too recently to owe anything; one more owes a year of dues.
        Member.objects.filter(pk__in=[m.pk for m in members]).update(
            join_date=timezone.localdate() + dt.timedelta(days=40))
        late = MemberFactory(cooperative=coop, join_date=timezone.localdate()
                             - dt.timedelta(days=400))
    meeting = _call(helpers.draft_meeting(coop, board), board)
    assert set(_register(meeting)) == {m.pk for m in members}
    assert late.pk not in _register(meeting)
    world.rules(coop, exclude_arrears=False)
    everyone = _call(helpers.draft_meeting(coop, board, title="RALB"), board)
    assert late.pk in _register(everyone)


def test_a_meeting_sooner_than_the_notice_days_is_refused_with_the_earliest_date(
        coop, board, members):
    meeting = helpers.draft_meeting(coop, board, starts_in=dt.timedelta(days=5))
    with pytest.raises(DomainError) as refused:
        _call(meeting, board)
    earliest = timezone.localdate() + dt.timedelta(days=14)
    assert str(earliest.year) in str(refused.value.message)
    assert "paling cepat" in str(refused.value.message)
    assert _register(meeting) == {}


def test_a_meeting_without_an_agenda_is_not_called(coop, board, members):
    meeting = helpers.draft_meeting(coop, board, items=())
    with pytest.raises(DomainError, match="acara"):
        _call(meeting, board)


def test_every_voter_with_a_login_is_told_once(coop, board, members):
    meeting = helpers.draft_meeting(coop, board)
    _call(meeting, board)
    with pytest.raises(DomainError):
        _call(meeting, board)  # a second call is refused, nobody told twice
    with scope(cooperative=coop):
        notices_sent = Notice.objects.filter(topic=notices.MEETING_CALLED)
        assert sorted(notices_sent.values_list("user_id", flat=True)) == sorted(
            m.user_id for m in members)
        notice = notices_sent.first()
    assert notice.params["agenda"] == ("1. Laporan pertanggungjawaban pengurus; "
                                       "2. Pembagian SHU")
    assert notice.params["when"].endswith("WIB")
    assert notice.link == f"/k/{coop.slug}/saya/rapat/{meeting.pk}/"


def test_the_chair_opens_on_the_day_and_adjourns_with_a_reason(coop, board, members):
    later = world.called_meeting(coop, board, members)
    with scope(cooperative=coop), pytest.raises(DomainError, match="hari rapat"):
        services.open_meeting(meeting=later, actor=board)
    today = helpers.today_meeting(coop, board, members)
    with scope(cooperative=coop):
        opened = services.open_meeting(meeting=today, actor=board)
        assert opened.status == Meeting.Status.OPEN
        with pytest.raises(DomainError):
            services.adjourn(meeting=opened, actor=board, reason="")
        adjourned = services.adjourn(meeting=opened, actor=board,
                                     reason="Kuorum tidak tercapai.")
        assert adjourned.status == Meeting.Status.ADJOURNED
        assert AuditLog.objects.get(action="meeting.adjourned").data["reason"] == (
            "Kuorum tidak tercapai.")


def test_reconvening_keeps_the_register_and_agenda_under_the_reduced_quorum(
        coop, board, members):
    world.rules(coop, reconvened_quorum_fraction=Decimal("0.333"))
    old = world.called_meeting(coop, board, members[:6], status=Meeting.Status.ADJOURNED,
                               items=("Laporan", "SHU"))
    MemberFactory(cooperative=coop)  # joined since: not on the reconvened register
    starts = timezone.now() + dt.timedelta(days=7)
    with scope(cooperative=coop):
        new = services.reconvene(meeting=old, actor=board, starts_at=starts, place="Aula")
        assert new.status == Meeting.Status.CALLED and new.reconvenes_id == old.pk
        assert new.quorum_fraction == Decimal("0.333")
        assert list(AgendaItem.objects.filter(meeting=new).values_list("title", flat=True)) \
            == ["Laporan", "SHU"]
        with pytest.raises(DomainError, match="sudah dijadwalkan"):
            services.reconvene(meeting=old, actor=board, starts_at=starts, place="")
        told = Notice.objects.filter(event_id=f"meeting:{new.pk}:called").count()
    assert set(_register(new)) == {m.pk for m in members[:6]}
    assert told == 6
