"""The daily RAT reminder: the board is told once when the accountability RAT is due
within 30 days and once when it is late; nothing once a RAT of that year closed."""

import datetime as dt

import pytest
from django_scopes import scope

from guyub.core.jobs import job_named
from guyub.governance.jobs import remind_rat
from guyub.governance.meetings.models import Meeting
from guyub.notifications.models import Notice
from guyub.testing import governance as world

pytestmark = pytest.mark.django_db

LATE = dt.date(2026, 7, 1)        # FY 2025 (January start) was due by 30 June 2026
SOON = dt.date(2026, 6, 10)
EARLY = dt.date(2026, 5, 1)


def told(user):
    return list(Notice.objects.filter(user=user, topic="governance.rat_late").order_by("pk"))


def test_the_job_is_declared():
    assert job_named("remind_rat") is not None


def test_a_late_rat_is_told_to_the_board_once(coop, board, cast):
    first = remind_rat(coop, today=LATE)
    again = remind_rat(coop, today=LATE + dt.timedelta(days=1))
    assert len(first) == 1 and again == []
    with scope(cooperative=coop):
        [notice] = told(board)
        assert notice.params == {"year": "2025", "deadline": "30 Juni 2026"}
        assert len(told(cast["other_board"])) == 1
        # Staff and members are not the board.
        assert told(cast["staff"]) == [] and told(cast["members"][0].user) == []


def test_a_rat_due_within_30_days_is_a_reminder_then_late_is_told_again(coop, board):
    assert len(remind_rat(coop, today=SOON)) == 1
    assert remind_rat(coop, today=SOON + dt.timedelta(days=1)) == []
    assert len(remind_rat(coop, today=LATE)) == 1
    with scope(cooperative=coop):
        assert len(told(board)) == 2


def test_nothing_is_told_before_the_reminder_window(coop, board):
    assert remind_rat(coop, today=EARLY) == []


def test_nothing_is_told_once_the_years_rat_closed(coop, board, cast):
    world.called_meeting(coop, board, cast["members"], status=Meeting.Status.CLOSED,
                         fiscal_year=2025)
    assert remind_rat(coop, today=LATE) == []
    with scope(cooperative=coop):
        assert told(board) == []


def test_a_rat_of_another_year_or_not_closed_does_not_count(coop, board, cast):
    world.called_meeting(coop, board, cast["members"], status=Meeting.Status.CLOSED,
                         fiscal_year=2024)
    world.called_meeting(coop, board, cast["members"], fiscal_year=2025)
    assert len(remind_rat(coop, today=LATE)) == 1


def test_a_july_fiscal_year_is_due_at_the_end_of_december(coop, board):
    coop.fiscal_year_start_month = 7
    coop.save(update_fields=["fiscal_year_start_month"])
    # FY 2025 runs July 2025 - June 2026: due by 31 December 2026.
    assert remind_rat(coop, today=dt.date(2026, 11, 15)) == []
    assert len(remind_rat(coop, today=dt.date(2026, 12, 5))) == 1
    with scope(cooperative=coop):
        [notice] = told(board)
        assert notice.params == {"year": "2025", "deadline": "31 Desember 2026"}
