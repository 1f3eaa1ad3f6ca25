"""Quorum as the by-laws write it, table-driven: the arithmetic alone, then the live
count of a meeting (in the room, online, by proxy)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.governance.attendance.selectors import quorum_of
from guyub.governance.quorum import AT_LEAST, MORE_THAN, needed, quorum
from guyub.testing import governance as world

HALF, THIRD, TWO_THIRDS = Decimal("0.5"), Decimal("0.333"), Decimal("0.667")


@pytest.mark.parametrize(("register", "fraction", "rule", "expected"), [
    (100, HALF, MORE_THAN, 51),    # lebih dari separuh
    (100, HALF, AT_LEAST, 50),     # paling sedikit separuh
    (101, HALF, MORE_THAN, 51),    # 50.5 → more than means 51
    (101, HALF, AT_LEAST, 51),     # at least 50.5 means 51
    (40, HALF, MORE_THAN, 21),
    (3, TWO_THIRDS, AT_LEAST, 3),  # 2.001 → 3
    (300_000, HALF, MORE_THAN, 150_001),
    (268_000, THIRD, AT_LEAST, 89_244),
    (1, HALF, MORE_THAN, 1),
    (1, Decimal(1), AT_LEAST, 1),
    (0, HALF, MORE_THAN, 0),
])
def test_needed_follows_the_bylaw_rule(register, fraction, rule, expected):
    assert needed(register, fraction, rule) == expected


def test_an_unknown_rule_is_refused_rather_than_guessed():
    with pytest.raises(ValueError):
        needed(10, HALF, "kira-kira")


@pytest.mark.parametrize(("present", "proxies", "cap", "represented", "reached"), [
    # 10 on the register, more than half: 6 needed.
    ({1, 2, 3, 4, 5, 6}, [], 1, 0, True),
    ({1, 2, 3, 4, 5}, [], 1, 0, False),
    # A present holder carries an absent grantor's vote towards the quorum.
    ({1, 2, 3, 4, 5}, [(9, 1)], 1, 1, True),
    # The holder left: the proxy no longer counts.
    ({2, 3, 4, 5, 6}, [(9, 1)], 1, 0, False),
    # A grantor who came in person counts once, as themselves.
    ({1, 2, 3, 4, 9}, [(9, 1)], 1, 0, False),
    # At most `cap` proxies per holder.
    ({1, 2, 3, 4}, [(8, 1), (9, 1), (10, 1)], 1, 1, False),
    ({1, 2, 3, 4}, [(8, 1), (9, 1), (10, 1)], 2, 2, True),
    # Two holders, one each.
    ({1, 2, 3, 4}, [(8, 1), (9, 2)], 1, 2, True),
])
def test_proxies_count_only_while_their_holder_is_present(present, proxies, cap,
                                                          represented, reached):
    got = quorum(register=10, present=present, proxies=proxies, cap=cap, fraction=HALF,
                 rule=MORE_THAN)
    assert (got.needed, got.represented, got.reached) == (6, represented, reached)
    assert got.missing == (0 if reached else 6 - len(present) - represented)


def test_an_empty_register_never_has_a_quorum():
    assert not quorum(register=0, present=set(), proxies=[], cap=1, fraction=HALF,
                      rule=AT_LEAST).reached


@pytest.fixture
def meeting_world(coop, board):
    people = world.people(coop, board, members=10)
    world.rules(coop, proxies_allowed=True, proxy_cap=1)
    meeting = world.called_meeting(coop, board, people["members"])
    return meeting, people["members"]


def test_the_live_quorum_counts_the_room_the_online_members_and_carried_proxies(
        meeting_world):
    meeting, m = meeting_world
    world.in_room(meeting, *m[:3])
    world.online(meeting, m[3], m[4])
    world.proxy(meeting, m[9], m[0])
    with scope(cooperative=meeting.cooperative):
        now = quorum_of(meeting)
    assert (now.register, now.present, now.represented, now.needed, now.reached) == (
        10, 5, 1, 6, True)


def test_the_quorum_is_lost_when_the_holder_walks_out_or_an_online_page_goes_quiet(
        meeting_world):
    meeting, m = meeting_world
    (holder,) = world.in_room(meeting, m[0])
    world.in_room(meeting, m[1], m[2])
    quiet, _fresh = world.online(meeting, m[3], m[4])
    world.proxy(meeting, m[9], m[0])
    with scope(cooperative=meeting.cooperative):
        assert quorum_of(meeting).reached
        holder.left_at = timezone.now()
        holder.save()
        assert (quorum_of(meeting).present, quorum_of(meeting).represented) == (4, 0)
        holder.left_at = None
        holder.save()
        quiet.last_seen_at = timezone.now() - dt.timedelta(minutes=5)
        quiet.save()
        assert not quorum_of(meeting).reached


def test_proxies_do_not_count_where_the_bylaws_do_not_allow_them(coop, board):
    people = world.people(coop, board, members=4)
    world.rules(coop, proxies_allowed=False)
    m = people["members"]
    meeting = world.called_meeting(coop, board, m)
    world.in_room(meeting, m[0], m[1])
    world.proxy(meeting, m[3], m[0])
    with scope(cooperative=coop):
        now = quorum_of(meeting)
    assert (now.needed, now.present, now.represented, now.reached) == (3, 2, 0, False)
