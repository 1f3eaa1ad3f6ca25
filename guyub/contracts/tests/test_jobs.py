"""Contracts' periodic jobs through the task queue's runner: deliveries due within a
week are split, members are reminded the day before they bring goods, the board is
reminded of member payments falling due and told of invoices past due; a second run
tells nobody twice."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.contracts import jobs, notices, reminders
from guyub.contracts.deliveries.services import pay_members
from guyub.contracts.models import Delivery, MemberPayment
from guyub.notifications.models import Notice
from guyub.testing.contracts import contract_world
from guyub.testing.contracts_deliveries import check_all

pytestmark = pytest.mark.django_db


def _notices(topic):
    with scopes_disabled():
        return list(Notice.objects.filter(topic=topic).values_list("user_id", flat=True))


def test_deliveries_due_within_a_week_are_split_once(coop, board):
    world = contract_world(coop, board)  # the first delivery is due in 7 days
    done = jobs.allocate_due_deliveries(coop)
    assert len(done) == 1 and not done[0].failed
    with scope(cooperative=coop):
        first, second = world["contract"].schedule.order_by("sequence")[:2]
        assert first.status == Delivery.Status.ALLOCATED
        assert sum(first.allotments.values_list("quantity", flat=True)) == 2000
        assert second.status == Delivery.Status.PLANNED  # due in 14 days
    assert jobs.allocate_due_deliveries(coop) == []


def test_members_are_told_the_day_before_they_bring_goods(coop, board):
    world = contract_world(coop, board)
    jobs.allocate_due_deliveries(coop)
    with scope(cooperative=coop):
        due_on = world["contract"].schedule.get(sequence=1).due_on
    day_before = due_on - dt.timedelta(days=1)
    assert reminders.remind_deliveries(coop, today=day_before - dt.timedelta(days=1)) == []
    done = reminders.remind_deliveries(coop, today=day_before)
    assert done and "3 anggota" in done[0].text
    assert sorted(_notices(notices.DELIVERY_DUE)) == sorted(m.user_id for m in world["members"])
    assert reminders.remind_deliveries(coop, today=day_before) == []


def test_the_board_is_reminded_of_member_payments_falling_due(coop, board):
    world = contract_world(coop, board)
    jobs.allocate_due_deliveries(coop)
    with scope(cooperative=coop):
        delivery = world["contract"].schedule.get(sequence=1)
    check_all(delivery, board)
    with scope(cooperative=coop):
        due_on = MemberPayment.objects.order_by("due_on").first().due_on
    too_early = due_on - dt.timedelta(days=reminders.PAY_AHEAD_DAYS + 1)
    assert reminders.remind_member_payments(coop, today=too_early) == []
    today = due_on - dt.timedelta(days=reminders.PAY_AHEAD_DAYS)
    done = reminders.remind_member_payments(coop, today=today)
    assert done and "3 pembayaran" in done[0].text
    assert _notices(notices.MEMBER_PAYMENTS_DUE) == [board.pk]
    # Once a day, not once a run.
    assert reminders.remind_member_payments(coop, today=today) == []
    with scopes_disabled():
        params = Notice.objects.get(topic=notices.MEMBER_PAYMENTS_DUE).params
    assert params["amount"] == "Rp180.500.000"  # 2,000 kg × Rp95.000 less the 5 % fee
    # Paid (before the buyer has paid anything): nothing to remind the next morning.
    with scope(cooperative=coop):
        ids = list(MemberPayment.objects.values_list("pk", flat=True))
        pay_members(payment_ids=ids, paid_on=timezone.localdate(), method="bank", cooperative=coop,
                    actor=board)
    assert reminders.remind_member_payments(coop, today=today + dt.timedelta(days=1)) == []
