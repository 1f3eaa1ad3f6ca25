"""The contracts demo: a hotel's contract agreed through the negotiation, its first
delivery split, checked (one producer's goods partly rejected), delivered, invoiced and
the members paid, the second split and waiting, a complaint open and a second contract
still negotiated, each step on its own day in the past."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.contracts.demo import load_contracts_demo
from guyub.contracts.models import (
    Allotment,
    BuyerInvoice,
    Capacity,
    Contract,
    Delivery,
    Dispute,
    MemberPayment,
    Offer,
    Receipt,
)
from guyub.core.demo import CORPORATE_LOGIN, MEMBER_LOGIN
from guyub.core.roles import Role
from guyub.ledger.selectors import trial_balance
from guyub.members.models import Sector
from guyub.testing.factories import CoopRoleFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corporate(coop):
    user = UserFactory(username=CORPORATE_LOGIN, email=CORPORATE_LOGIN, first_name="Rina",
                       last_name="Kartika")
    CoopRoleFactory(user=user, cooperative=coop, role=Role.BUYER)
    return user


@pytest.fixture
def wulan(coop):
    user = UserFactory(username=MEMBER_LOGIN, email=MEMBER_LOGIN)
    CoopRoleFactory(user=user, cooperative=coop, role=Role.MEMBER)
    return MemberFactory(cooperative=coop, sector=Sector.COFFEE, user=user,
                         owner_name="Wulan Puspitasari")


@pytest.fixture
def demo(coop, board, corporate, wulan):
    """The contracts demo on the member login and three coffee members."""
    for _ in range(3):
        MemberFactory(cooperative=coop, sector=Sector.COFFEE)
    with scope(cooperative=coop):
        load_contracts_demo(coop, board)


def _days_ago(value) -> int:
    day = timezone.localdate(value) if isinstance(value, dt.datetime) else value
    return (timezone.localdate() - day).days


def test_an_agreed_contract_through_the_negotiation_with_its_schedule(coop, demo, wulan):
    with scope(cooperative=coop):
        contract = Contract.objects.get(status=Contract.Status.ACTIVE)
        steps = list(contract.offers.order_by("at", "pk"))
        assert [(s.party, s.kind) for s in steps] == [
            (Offer.Party.BUYER, Offer.Kind.REQUEST), (Offer.Party.COOPERATIVE, Offer.Kind.OFFER),
            (Offer.Party.BUYER, Offer.Kind.ACCEPT)]
        assert [_days_ago(s.at) for s in steps] == [33, 31, 30]
        (version,) = contract.versions.all()
        assert version.terms["price"] == "148000"
        assert contract.rule_published_at is not None
        assert Capacity.objects.filter(contract=contract).count() == 4
        assert Capacity.objects.filter(contract=contract, member=wulan).exists()
        first, second, *later = contract.schedule.order_by("sequence")
        assert (first.status, _days_ago(first.due_on)) == (Delivery.Status.DELIVERED, 4)
        assert second.status == Delivery.Status.ALLOCATED
        assert second.due_on > timezone.localdate()
        assert {d.status for d in later} == {Delivery.Status.PLANNED}
        # The member login has goods to bring for the next delivery.
        assert second.allotments.filter(member=wulan,
                                        status=Allotment.Status.ALLOTTED).exists()


def test_the_first_delivery_is_checked_invoiced_and_its_members_paid(coop, demo):
    with scope(cooperative=coop):
        delivery = Delivery.objects.get(status=Delivery.Status.DELIVERED)
        (rejected,) = Receipt.objects.filter(allotment__delivery=delivery, rejected__gt=0)
        assert rejected.reason and rejected.returned == rejected.rejected
        # The rejected kilos went to the other producers' spare capacity.
        assert delivery.allotments.filter(kind=Allotment.Kind.REALLOCATED).exists()
        accepted = sum(Receipt.objects.filter(allotment__delivery=delivery)
                       .values_list("accepted", flat=True))
        assert accepted == delivery.quantity
        invoice = BuyerInvoice.objects.get(delivery=delivery)
        assert invoice.status == BuyerInvoice.Status.OPEN
        assert invoice.amount == invoice.unit_price * accepted
        assert _days_ago(invoice.issued_on) == 4 and invoice.due_on > timezone.localdate()
        payments = MemberPayment.objects.filter(receipt__allotment__delivery=delivery)
        assert payments.count() >= 4
        assert set(payments.values_list("status", flat=True)) == {MemberPayment.Status.PAID}
        assert {_days_ago(p.paid_on) for p in payments} == {2}
        rows = trial_balance(as_of=timezone.localdate())
        assert sum(r.debit for r in rows) == sum(r.credit for r in rows) > 0


def test_a_complaint_is_open_and_a_second_contract_is_negotiated(coop, demo, corporate):
    with scope(cooperative=coop):
        (dispute,) = Dispute.objects.all()
        assert not dispute.is_resolved
        assert dispute.opened_by_party == Dispute.Party.BUYER
        assert dispute.messages.count() == 2
        talks = Contract.objects.get(status=Contract.Status.NEGOTIATING)
        assert talks.buyer.user == corporate
        last = talks.offers.order_by("at", "pk").last()
        # The hotel's counter-offer waits for the board.
        assert (last.party, last.kind) == (Offer.Party.BUYER, Offer.Kind.OFFER)
        assert not talks.versions.exists()
    # The clock is back to now.
    assert abs(timezone.now() - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_the_corporate_login_sees_its_contracts_and_another_cooperatives_buyer_not(
        client, coop, other_coop, make_user, demo, corporate, board):
    client.force_login(corporate)
    response = client.get(f"/k/{coop.slug}/pembeli/kontrak/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kopi Arabika sangrai untuk restoran dan kamar hotel" in page
    assert "Kopi Arabika sangrai untuk kafe lobi dan banquet 2027" in page

    client.force_login(make_user(other_coop, Role.BUYER))
    assert client.get(f"/k/{coop.slug}/pembeli/kontrak/").status_code in (403, 404)

    # The agreed version prints as the contract document.
    with scope(cooperative=coop):
        contract = Contract.objects.get(status=Contract.Status.ACTIVE)
    client.force_login(board)
    response = client.get(f"/k/{coop.slug}/kontrak/{contract.pk}/versi/1/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_member_login_sees_the_contract_on_its_home_card(client, coop, demo, wulan):
    client.force_login(wulan.user)
    response = client.get(f"/k/{coop.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="portal-contracts"' in page
    assert "Barang yang harus diantar" in page
