"""The daily instalment reminders: due within three days, and overdue; a second run
tells nobody twice."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.notifications.models import Notice
from guyub.support.jobs import jobs, remind_instalments
from guyub.testing import loans as world

pytestmark = pytest.mark.django_db


def notices(user, topic):
    return list(Notice.objects.filter(user=user, topic=topic).order_by("pk"))


def test_the_job_is_declared():
    assert [job.name for job in jobs()] == ["remind_instalments"]


def test_instalment_due_in_three_days_is_told_once(coop, member, member_user):
    today = timezone.localdate()
    world.running(member, 1_000_000, on=today, first_due=today + dt.timedelta(days=3))
    first = remind_instalments(coop)
    again = remind_instalments(coop)
    assert len(first) == 1 and again == []
    with scope(cooperative=coop):
        [notice] = notices(member_user, "support.instalment_due")
    assert notice.params["seq"] == "1"


def test_overdue_instalments_are_told_with_their_days(coop, member, member_user):
    today = timezone.localdate()
    world.running(member, 1_000_000, on=today - dt.timedelta(days=40),
                  first_due=today - dt.timedelta(days=9))
    remind_instalments(coop)
    remind_instalments(coop)
    with scope(cooperative=coop):
        [notice] = notices(member_user, "support.instalment_overdue")
        assert notice.params["days"] == "9"


def test_paid_and_other_members_instalments_are_not_told(coop, member, member_user, board):
    from guyub.support.loans import selectors, services

    today = timezone.localdate()
    loan = world.running(member, 1_000_000, on=today - dt.timedelta(days=40))
    with scope(cooperative=coop):
        services.repay(instalment=selectors.next_due(loan), actor=board, date=today,
                       via="cash")
    assert remind_instalments(coop) == []
