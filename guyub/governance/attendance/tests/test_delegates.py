"""RAT perwakilan end to end: a pre-RAT's register is its group, groups do not overlap,
the group records its delegates (within its seats, as a numbered decision, each told),
and calling the RAT waits for every group and then freezes the delegates' register."""

import pytest
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.governance import notices
from guyub.governance.attendance import services
from guyub.governance.attendance.models import Delegate, RegisterEntry
from guyub.governance.attendance.selectors import quorum_of
from guyub.governance.decisions.delegates import record_delegates
from guyub.governance.decisions.models import Decision
from guyub.governance.meetings.models import Meeting
from guyub.notifications.models import Notice
from guyub.testing import governance as world
from guyub.testing import governance_delegates as deleg


@pytest.fixture
def coop_world(coop, board, members):
    return deleg.perwakilan(coop, board, members)


def _record(meeting, members, board, method=Decision.Method.CONSENSUS, ids=None):
    with scope(cooperative=meeting.cooperative):
        return record_delegates(meeting=meeting, item=deleg.item_of(meeting),
                                entries=ids if ids is not None
                                else deleg.entries(meeting, *members),
                                method=method, actor=board)


def _call(meeting, board):
    with scope(cooperative=meeting.cooperative):
        return services.call(meeting=meeting, actor=board)


def _register(meeting):
    with scope(cooperative=meeting.cooperative):
        return {e.member_id: e.delegate_from_id
                for e in RegisterEntry.objects.filter(meeting=meeting)}


def test_a_pre_rat_registers_its_group_only_regency_compared_loosely(
        coop_world, board, members):
    sleman = deleg.held(coop_world["sleman"], board)
    assert set(_register(sleman)) == {m.pk for m in members[:5]}
    assert sleman.register_size == 5
    bantul = deleg.held(coop_world["bantul"], board)
    assert set(_register(bantul)) == {m.pk for m in members[5:8]}


def test_a_whole_province_group_covers_its_regencies(coop, coop_world, board, members):
    with pytest.raises(DomainError) as err:
        deleg.pre_rat(coop, board, coop_world["rat"], regency="")
    assert "sudah tercakup rapat kelompok" in err.value.message
    with pytest.raises(DomainError):
        deleg.pre_rat(coop, board, coop_world["rat"], regency="  SLEMAN ")
    central = deleg.pre_rat(coop, board, coop_world["rat"], regency="", province="33")
    assert set(_register(deleg.held(central, board))) == {m.pk for m in members[8:]}


def test_a_group_needs_a_known_province(coop, coop_world, board):
    for bad in ("99", "3\x00", ""):
        with pytest.raises(DomainError) as err:
            deleg.pre_rat(coop, board, coop_world["rat"], province=bad, regency="Kulon Progo")
        assert err.value.field == "group_province"


def test_delegates_recorded_within_seats_as_a_numbered_decision_and_told(
        coop, coop_world, board, members):
    sleman = deleg.held(coop_world["sleman"], board)
    with pytest.raises(DomainError) as err:
        _record(sleman, members[:3], board)
    assert "2" in err.value.message
    decision = _record(sleman, members[:2], board)
    assert decision.number.startswith("01/PRA-RAT-")
    assert decision.outcome == Decision.Outcome.ELECTED
    assert members[0].owner_name in decision.text
    with scope(cooperative=coop):
        assert set(Delegate.objects.filter(meeting=sleman).values_list(
            "member_id", flat=True)) == {members[0].pk, members[1].pk}
        told = set(Notice.objects.filter(topic=notices.DELEGATE_CHOSEN)
                   .values_list("user_id", flat=True))
        assert told == {members[0].user_id, members[1].user_id}
        assert AuditLog.objects.filter(action="meeting.delegates_recorded").count() == 1
    # A change replaces them, as a new decision; only the newly chosen is told.
    second = _record(sleman, [members[0], members[2]], board)
    assert second.number.startswith("02/")
    with scope(cooperative=coop):
        assert set(Delegate.objects.filter(meeting=sleman).values_list(
            "member_id", flat=True)) == {members[0].pk, members[2].pk}
        assert Notice.objects.filter(topic=notices.DELEGATE_CHOSEN).count() == 3


def test_bad_input_is_refused_and_writes_nothing(coop, coop_world, board, members):
    sleman = deleg.held(coop_world["sleman"], board)
    bantul = deleg.held(coop_world["bantul"], board)
    other = deleg.entries(bantul, members[5])
    for ids in (other, ["9" * 30], ["1\x00"], ["-1"], ["abc"], []):
        with pytest.raises(DomainError) as err:
            _record(sleman, [], board, ids=ids)
        assert err.value.field == "entries"
    with pytest.raises(DomainError):
        _record(sleman, members[:1], board, method="coin")
    with scope(cooperative=coop):
        assert not Delegate.objects.exists()
        assert not Decision.objects.exists()


def test_delegates_only_while_open_or_ended(coop, coop_world, board, members):
    sleman = coop_world["sleman"]
    with pytest.raises(DomainError):
        _record(sleman, [], board, ids=["1"])
    sleman = _call(sleman, board)  # called, not yet held
    with pytest.raises(DomainError) as err:
        _record(sleman, members[:1], board)
    assert err.value.code == "transition"


def test_calling_the_rat_waits_for_every_group(coop, coop_world, board, members):
    rat = coop_world["rat"]
    sleman = deleg.held(coop_world["sleman"], board)
    with pytest.raises(DomainError) as err:
        _call(rat, board)
    assert "belum mencatat utusan" in err.value.message
    _record(sleman, members[:2], board)
    with pytest.raises(DomainError) as err:
        _call(rat, board)
    assert "Kelompok Bantul" in err.value.message and "belum selesai" in err.value.message
    with scope(cooperative=coop):
        assert Meeting.objects.get(pk=rat.pk).status == Meeting.Status.DRAFT
        assert not RegisterEntry.objects.filter(meeting=rat).exists()


def test_the_rat_perwakilan_registers_the_delegates_and_freezes_them(
        coop, coop_world, board, members):
    rat = coop_world["rat"]
    sleman = deleg.held(coop_world["sleman"], board)
    bantul = deleg.held(coop_world["bantul"], board)
    _record(sleman, members[:2], board)
    _record(bantul, [members[6]], board)
    rat = _call(rat, board)
    assert _register(rat) == {members[0].pk: sleman.pk, members[1].pk: sleman.pk,
                              members[6].pk: bantul.pk}
    assert rat.register_size == 3
    with scope(cooperative=coop):
        called = set(Notice.objects.filter(topic=notices.MEETING_CALLED,
                                           event_id=f"meeting:{rat.pk}:called")
                     .values_list("user_id", flat=True))
    assert called == {members[0].user_id, members[1].user_id, members[6].user_id}
    from django.urls import reverse

    page = world.signed_in(board).get(reverse("governance:register", args=[coop.slug, rat.pk]))
    assert page.content.decode().count("utusan Kelompok Sleman") == 2
    # Changed no more once the RAT is called.
    with pytest.raises(DomainError) as err:
        _record(sleman, [members[3]], board)
    assert err.value.code == "conflict"
    # Quorum counts over the delegates' register: two of three present is more than half.
    with scope(cooperative=coop):
        Meeting.objects.filter(pk=rat.pk).update(status=Meeting.Status.OPEN)
    world.in_room(rat, members[0], members[6])
    rat.refresh_from_db()
    with scope(cooperative=coop):
        standing = quorum_of(rat)
    assert (standing.register, standing.present, standing.reached) == (3, 2, True)


def test_a_rat_without_groups_registers_everyone(coop, board, members):
    world.rules(coop, delegates_allowed=True, notice_days=14)
    from guyub.testing import governance_attendance as helpers
    rat = _call(helpers.draft_meeting(coop, board), board)
    assert set(_register(rat)) == {m.pk for m in members}


def test_the_chair_records_delegates_on_the_page_by_member_number(
        coop, other_coop, coop_world, board, members, make_user):
    from django.urls import reverse

    from guyub.core.roles import Role

    sleman = deleg.held(coop_world["sleman"], board)
    url = reverse("governance:meeting_delegates", args=[coop.slug, sleman.pk])
    chair = world.signed_in(board)
    item = deleg.item_of(sleman)
    data = {"item": item.pk, "method": "consensus",
            "numbers": f"{members[0].number}, {members[1].number}"}
    # A plain member may not, nor another cooperative's staff (they do not even see it).
    member_page = world.signed_in(members[0].user).post(url, data)
    assert member_page.status_code in (403, 404)
    stranger = world.signed_in(make_user(other_coop, Role.STAFF, Role.BOARD))
    assert stranger.get(url).status_code in (403, 404)
    with scope(cooperative=coop):
        assert not Delegate.objects.exists()
    # Bad input: a number not on this register, NUL, a number past the column.
    # (A NUL is refused before the page, by the site's input guard: 400.)
    assert chair.post(url, {**data, "numbers": "1\x00"}).status_code == 400
    for numbers in (str(members[6].number), "9" * 40, "abc"):
        page = chair.post(url, {**data, "numbers": numbers})
        assert page.status_code == 200
        assert page.context["form"].errors
    page = chair.post(url, {**data, "item": "9" * 30})
    assert page.status_code == 200 and page.context["form"].errors
    with scope(cooperative=coop):
        assert not Delegate.objects.exists()
    page = chair.post(url, data, follow=True)
    assert page.status_code == 200
    assert members[0].owner_name in page.content.decode()
    with scope(cooperative=coop):
        assert Delegate.objects.filter(meeting=sleman).count() == 2
    detail = chair.get(reverse("governance:meeting", args=[coop.slug, sleman.pk]))
    assert "Kelompok Sleman (Sleman, " in detail.content.decode()


def test_the_minutes_list_the_delegates_and_say_rat_perwakilan(
        coop, coop_world, board, members):
    from guyub.governance.minutes.documents import minutes_html

    sleman = deleg.held(coop_world["sleman"], board)
    bantul = deleg.held(coop_world["bantul"], board)
    _record(sleman, members[:2], board)
    _record(bantul, [members[6]], board)
    rat = _call(coop_world["rat"], board)
    with scope(cooperative=coop):
        group_minutes = minutes_html(sleman, coop)
        rat_minutes = minutes_html(rat, coop)
    assert members[1].owner_name in group_minutes and "Utusan ke" in group_minutes
    assert "RAT perwakilan: 3 utusan dari 2 rapat kelompok" in rat_minutes
