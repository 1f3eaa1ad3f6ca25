"""The demo shows joint marketing in every state, made through the services."""

import datetime as dt

import pytest
from django.db.models import Count
from django.utils import timezone
from django_scopes import scope

from guyub.catalog.models import Bundle, Certificate, Product
from guyub.core.demo import MEMBER_LOGIN
from guyub.ledger.selectors import trial_balance
from guyub.members.models import Sector
from guyub.sales.demo import load_sales_demo
from guyub.sales.models import FulfilmentLine, Order, PayoutBatch, Shipment
from guyub.testing.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_members(coop):
    """The demo's members, in small: a few per sector and the member login."""
    for sector in (Sector.COFFEE, Sector.BATIK, Sector.SNACKS, Sector.CRAFTS, Sector.FASHION):
        for _ in range(3):
            MemberFactory(cooperative=coop, sector=sector)
    MemberFactory(cooperative=coop, sector=Sector.COFFEE, owner_name="Wulan Puspitasari",
                  user=UserFactory(username=MEMBER_LOGIN))


def test_the_demo_shows_marketing_from_catalog_to_payout(coop, board, demo_members):
    with scope(cooperative=coop):
        load_sales_demo(coop, board)

        assert Product.objects.filter(status=Product.Status.APPROVED).count() >= 25
        assert Bundle.objects.count() == 2
        soon = timezone.localdate() + dt.timedelta(days=60)
        assert Certificate.objects.filter(expires_on__lte=soon).count() == 2
        states = dict(Order.objects.values_list("status").annotate(n=Count("id")))
        assert set(states) == set(Order.Status.values)
        assert sum(states.values()) == 15
        assert set(Shipment.objects.values_list("status", flat=True)) == {"shipped",
                                                                          "delivered"}
        assert PayoutBatch.objects.count() == 1
        # The member login has goods to bring, a payout, and sales still owed.
        mine = FulfilmentLine.objects.filter(member__user__username=MEMBER_LOGIN)
        assert mine.filter(handed_over_at__isnull=True, order__status="paid").exists()
        assert mine.filter(payout__isnull=False).exists()
        assert mine.filter(payout__isnull=True, order__paid_at__isnull=False).exists()
        rows = trial_balance(as_of=timezone.localdate())
        assert sum(r.debit for r in rows) == sum(r.credit for r in rows)
