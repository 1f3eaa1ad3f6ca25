"""The door's named statements read one cooperative's rows: every statement names its
cooperative, and another cooperative's id with this meeting's keys finds nothing."""

import pytest
from django_scopes import scope

from guyub.governance.attendance import statements
from guyub.testing import governance as world
from guyub.testing import governance_ballots as box

pytestmark = pytest.mark.django_db


def test_every_door_statement_names_its_cooperative():
    sqls = [statements.meeting_sql(), statements.attendance_sql(), statements.in_room_sql(),
            *(statements.entry_sql(by, lock) for by in ("id", "number")
              for lock in (True, False))]
    assert all("cooperative_id = %s" in sql for sql in sqls)


def test_the_door_reads_only_its_own_cooperatives_rows(coop, other_coop, board):
    meeting, people = box.open_meeting(coop, board, members=3, present=1)
    here, away = (world.entry_of(meeting, m) for m in people["members"][:2])
    with scope(cooperative=coop):
        assert statements.meeting(cooperative_id=coop.pk, meeting_id=meeting.pk) == meeting
        assert statements.entry(cooperative_id=coop.pk, meeting_id=meeting.pk,
                                number=here.number) == here
        assert statements.entry(cooperative_id=coop.pk, meeting_id=meeting.pk,
                                entry_id=away.pk, lock=True) == away
        assert statements.attendance(cooperative_id=coop.pk, entry_id=here.pk) is not None
        assert statements.attendance(cooperative_id=coop.pk, entry_id=away.pk) is None
        assert statements.in_room(cooperative_id=coop.pk, entry_id=here.pk)
        assert not statements.in_room(cooperative_id=coop.pk, entry_id=away.pk)
        # The same keys under another cooperative: nothing.
        other = other_coop.pk
        assert statements.meeting(cooperative_id=other, meeting_id=meeting.pk) is None
        assert statements.entry(cooperative_id=other, meeting_id=meeting.pk,
                                number=here.number) is None
        assert statements.attendance(cooperative_id=other, entry_id=here.pk) is None
        assert not statements.in_room(cooperative_id=other, entry_id=here.pk)


@pytest.mark.parametrize("key", [0, -1, 2**31, 10**30, True])
def test_a_number_no_column_can_hold_is_on_no_register(coop, board, key):
    meeting, _people = box.open_meeting(coop, board, members=2)
    with scope(cooperative=coop):
        assert statements.entry(cooperative_id=coop.pk, meeting_id=meeting.pk,
                                number=key) is None
