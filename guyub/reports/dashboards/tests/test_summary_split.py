"""The summaries hold whole months; a period that begins or ends inside a month (a
comparison runs to the same day as today) adds those days up from the orders."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.reports.dashboards.periods import Period
from guyub.reports.dashboards.sales import sales_total, split
from guyub.sales.summaries import services as summaries
from guyub.sales.tests.fulfilment_helpers import local, order, product
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db
NOV = dt.date(2025, 11, 1)


def test_a_period_ending_inside_a_month_counts_only_its_days(coop):
    kopi = product(coop, MemberFactory(cooperative=coop), "Kopi", price=10_000)
    order(coop, [(kopi, 1)], paid_at=local(NOV, 9))                              # 1 Nov
    order(coop, [(kopi, 5)], paid_at=local(NOV.replace(day=27), 9))              # 27 Nov
    with scope(cooperative=coop):
        summaries.refresh(coop)
        first_days = Period(NOV, NOV.replace(day=4))
        assert split(first_days) == (None, [first_days])
        assert sales_total(first_days) == D(10_000)
        whole = Period(NOV, NOV.replace(day=30))
        assert split(whole) == ((NOV, NOV.replace(day=30)), [])
        assert sales_total(whole) == D(60_000)
        # From 15 October to 4 December: October's and December's days live, November whole.
        across = Period(dt.date(2025, 10, 15), dt.date(2025, 12, 4))
        assert split(across) == ((NOV, NOV.replace(day=30)),
                                 [Period(dt.date(2025, 10, 15), dt.date(2025, 10, 31)),
                                  Period(dt.date(2025, 12, 1), dt.date(2025, 12, 4))])
        assert sales_total(across) == D(60_000)
        assert timezone.localdate() > dt.date(2025, 12, 4)
