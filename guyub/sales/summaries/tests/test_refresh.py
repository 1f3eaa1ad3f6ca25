"""The monthly sales summaries: built from the orders, rebuilt for the months touched
since the last run, anew when the cooperative's region changes, per cooperative."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db.models import Sum
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.jobs import job_named
from guyub.sales.models import ChannelMonth, Order, ProductMonth
from guyub.sales.orders import services as ordering
from guyub.sales.summaries import services
from guyub.sales.tests.fulfilment_helpers import local, order, product
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

LAST_YEAR_JUNE = dt.date(timezone.localdate().year - 1, 6, 1)


@pytest.fixture
def sold(coop, other_coop):
    for where in (coop, other_coop):
        maker = MemberFactory(cooperative=where)
        kopi = product(where, maker, "Kopi", price=50_000)
        order(where, [(kopi, 2)], paid_at=local(LAST_YEAR_JUNE, 9), city="Sleman")
        order(where, [(kopi, 1)], paid_at=local(LAST_YEAR_JUNE, 10), country="JP",
              province="", city="Osaka")
    with scope(cooperative=coop):
        return Order.objects.order_by("number").first()


def _rows(coop):
    with scope(cooperative=coop):
        return sorted(ChannelMonth.objects.values_list("month", "reach", "sales", "orders"))


def test_the_first_run_builds_every_month(coop, sold):
    with scope(cooperative=coop):
        assert services.refresh(coop) is None
        assert ProductMonth.objects.aggregate(q=Sum("quantity"))["q"] == 3
    assert _rows(coop) == [(LAST_YEAR_JUNE, "export", D(50_000), 1),
                           (LAST_YEAR_JUNE, "local", D(100_000), 1)]
    with scopes_disabled():
        assert ChannelMonth.objects.count() == 2  # the other cooperative's: not built


def test_a_later_cancellation_rebuilds_its_month(coop, board, sold):
    with scope(cooperative=coop):
        services.refresh(coop, now=timezone.now() - dt.timedelta(hours=1))
        ordering.cancel_order(order=sold, actor=board, reason="Batal")
        assert services.refresh(coop) == 1
    assert _rows(coop) == [(LAST_YEAR_JUNE, "export", D(50_000), 1)]


def test_nothing_touched_rebuilds_nothing(coop, sold):
    with scope(cooperative=coop):
        services.refresh(coop, now=timezone.now() + dt.timedelta(hours=1))
        assert services.refresh(coop) == 0


def test_a_new_region_rebuilds_the_reach(coop, sold):
    with scope(cooperative=coop):
        services.refresh(coop)
        coop.regency = "Bantul"
        coop.save()
        assert services.refresh(coop) is None
    assert [r[1] for r in _rows(coop)] == ["export", "regional"]


def test_the_periodic_job_refreshes_each_cooperative(coop, other_coop, sold):
    done = job_named("refresh_sales_summaries").run()
    assert {d.cooperative_id for d in done} == {coop.pk, other_coop.pk}
    with scopes_disabled():
        assert ChannelMonth.objects.count() == 4


def test_a_payment_recorded_late_for_an_earlier_month_rebuilds_that_month(coop, sold):
    with scope(cooperative=coop):
        services.refresh(coop, now=timezone.now() - dt.timedelta(hours=1))
        kopi = sold.lines.first().product
    # Booked now, received on 20 June last year: last June's figures change.
    order(coop, [(kopi, 4)], paid_at=local(LAST_YEAR_JUNE.replace(day=20), 11), city="Sleman")
    with scope(cooperative=coop):
        assert services.refresh(coop) == 1
    assert (LAST_YEAR_JUNE, "local", D(300_000), 2) in _rows(coop)
