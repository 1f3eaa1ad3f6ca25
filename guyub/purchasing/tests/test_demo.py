"""The purchasing demo: a round open now and one taken to distribution, a tender
awarded last week whose winning price list the open round buys on, and a tender open
for bids with the demo supplier's sealed bid — all made through the services."""

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.demo import MEMBER_LOGIN
from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.ledger.selectors import trial_balance
from guyub.purchasing.demo import SUPPLIER_LOGIN, load_purchasing_demo
from guyub.purchasing.models import Bid, Commitment, Round, Tender
from guyub.purchasing.tenders import selectors as tender_selectors
from guyub.testing.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(coop, board):
    """The purchasing demo on a few members, the member login and the supplier login."""
    for _ in range(8):
        MemberFactory(cooperative=coop)
    MemberFactory(cooperative=coop, owner_name="Wulan Puspitasari",
                  user=UserFactory(username=MEMBER_LOGIN))
    supplier_login = UserFactory(username=SUPPLIER_LOGIN)
    CoopRole.objects.create(user=supplier_login, cooperative=coop, role=Role.SUPPLIER)
    with scope(cooperative=coop):
        load_purchasing_demo(coop, board)
    return supplier_login


def test_an_awarded_tender_feeds_the_open_round(coop, demo):
    with scope(cooperative=coop):
        awarded = Tender.objects.get(status=Tender.Status.AWARDED)
        assert awarded.deadline < timezone.now()
        assert awarded.suppliers.count() == 2
        winner = awarded.bids.get(status=Bid.Status.AWARDED)
        assert winner.supplier.name == "KUD Gula Kelapa Kulon Progo"
        assert list(awarded.bids.exclude(pk=winner.pk).values_list("status", flat=True)) == [
            Bid.Status.LOST]
        assert awarded.award_reason
        open_round = Round.objects.get(status=Round.Status.OPEN)
        assert open_round.is_open
        gula = open_round.items.get(price_list__item=awarded.item)
        assert gula.price_list == winner.price_list
        assert Commitment.objects.filter(round_item=gula).exists()


def test_a_tender_is_open_for_bids_with_the_demo_suppliers_sealed_bid(coop, demo):
    with scope(cooperative=coop):
        tender = Tender.objects.get(status=Tender.Status.OPEN)
        assert tender.is_sealed and tender.deadline > timezone.now()
        assert tender.item.name == "Standing pouch kraft 250 g"
        invited = set(tender.suppliers.values_list("name", flat=True))
        assert invited == {"CV Sumber Kemasan", "PT Plastindo Kemas Semarang"}
        (bid,) = tender.bids.all()
        assert (bid.supplier.user, bid.status) == (demo, Bid.Status.VALID)
        # The demo supplier finds it among its invitations.
        assert tender in tender_selectors.invited_tenders(demo)


def test_the_demo_books_balance(coop, demo):
    with scope(cooperative=coop):
        assert Round.objects.filter(status=Round.Status.DISTRIBUTED).count() == 1
        balances = trial_balance(as_of=timezone.localdate())
        assert sum(r.debit for r in balances) == sum(r.credit for r in balances)
