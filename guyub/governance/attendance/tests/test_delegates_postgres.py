"""RAT perwakilan under concurrency (PostgreSQL): two pages recording one group's
delegates at once, and a recording racing the RAT's call."""

import pytest
from django_scopes import scope

from guyub.governance.attendance import services
from guyub.governance.attendance.models import Delegate, RegisterEntry
from guyub.governance.decisions.delegates import record_delegates
from guyub.governance.decisions.models import Decision
from guyub.testing import governance_delegates as deleg
from guyub.testing.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _job(meeting, members, board):
    ids = deleg.entries(meeting, *members)
    item = deleg.item_of(meeting)
    return lambda: record_delegates(meeting=meeting, item=item, entries=ids,
                                    method="consensus", actor=board).number


def test_two_pages_recording_at_once_leave_one_whole_choice(coop, board, members):
    found = deleg.perwakilan(coop, board, members)
    sleman = deleg.held(found["sleman"], board)
    results = at_once(coop, [_job(sleman, members[:2], board),
                             _job(sleman, members[2:4], board)])
    assert [kind for kind, _ in results] == ["ok", "ok"], results
    with scope(cooperative=coop):
        chosen = set(Delegate.objects.filter(meeting=sleman).values_list("member_id",
                                                                         flat=True))
        assert chosen in ({m.pk for m in members[:2]}, {m.pk for m in members[2:4]})
        assert sorted(Decision.objects.values_list("number", flat=True))[0].startswith("01/")
        assert Decision.objects.count() == 2


def test_a_recording_racing_the_call_is_either_in_the_register_or_refused(
        coop, board, members):
    found = deleg.perwakilan(coop, board, members)
    sleman = deleg.held(found["sleman"], board)
    bantul = deleg.held(found["bantul"], board)
    with scope(cooperative=coop):
        record_delegates(meeting=sleman, item=deleg.item_of(sleman),
                         entries=deleg.entries(sleman, members[0]), method="consensus",
                         actor=board)
        record_delegates(meeting=bantul, item=deleg.item_of(bantul),
                         entries=deleg.entries(bantul, members[5]), method="consensus",
                         actor=board)
    rat = found["rat"]
    results = at_once(coop, [_job(sleman, members[1:3], board),
                             lambda: services.call(meeting=rat, actor=board).pk])
    assert "error" not in [kind for kind, _ in results], results
    with scope(cooperative=coop):
        delegates = set(Delegate.objects.filter(target=rat).values_list("member_id",
                                                                        flat=True))
        register = set(RegisterEntry.objects.filter(meeting=rat).values_list("member_id",
                                                                             flat=True))
    # Whatever came first, the RAT's register is exactly the delegates on record.
    assert register == delegates
