"""Accepting: who may, what it makes (the version with the terms, the delivery
schedule, notices to both sides), and an amendment: version n+1, the planned
deliveries replaced, the old version kept and still printable."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.contracts.allocation.models import Delivery
from guyub.contracts.models import Contract, ContractVersion, Offer
from guyub.contracts.negotiation import services
from guyub.core.errors import DomainError
from guyub.notifications.models import Notice
from guyub.testing.contracts_nego import requested_contract

pytestmark = pytest.mark.django_db

TERMS = {"price": Decimal("97000"), "quantity_per_delivery": 1500, "deliveries": 6,
         "payment_terms_days": 45}


def fresh(coop, contract):
    with scope(cooperative=coop):
        return Contract.objects.get(pk=contract.pk)


def test_accepting_makes_version_one_and_the_schedule(coop, board, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade, quantity=2000, deliveries=4)
    with scope(cooperative=coop):
        agreed = services.accept(contract=contract, party="cooperative", actor=board)
        schedule = list(Delivery.objects.filter(contract=contract).order_by("sequence"))
    assert agreed.terms["quantity_per_delivery"] == 2000
    assert agreed.accepted_by == board
    assert [d.due_on for d in schedule] == contract.delivery_dates()
    assert {d.quantity for d in schedule} == {2000}
    assert fresh(coop, contract).status == Contract.Status.ACTIVE


def test_the_accepted_terms_are_the_last_offer(coop, board, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade)
    with scope(cooperative=coop):
        services.propose(contract=contract, party="cooperative", actor=board, **TERMS)
        agreed = services.accept(contract=contract, party="buyer", actor=buyer.user)
        assert Delivery.objects.filter(contract=contract).count() == 6
    assert agreed.terms["price"] == "97000"
    assert agreed.terms["payment_terms_days"] == 45


def test_a_side_cannot_accept_its_own_offer(coop, board, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade)
    with scope(cooperative=coop), pytest.raises(DomainError, match="pihak Anda sendiri"):
        services.accept(contract=contract, party="buyer", actor=buyer.user)


def test_only_the_board_accepts_for_the_cooperative(coop, staff, buyer, grade, staff_client):
    contract = requested_contract(coop, buyer=buyer, grade=grade)
    with scope(cooperative=coop), pytest.raises(DomainError, match="pengurus"):
        services.accept(contract=contract, party="cooperative", actor=staff)
    response = staff_client.post(f"/k/{coop.slug}/kontrak/{contract.pk}/", {"action": "accept"})
    assert response.status_code == 403
    assert fresh(coop, contract).status == Contract.Status.REQUESTED


def test_nothing_on_the_table_cannot_be_accepted(coop, board, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade)
    with scope(cooperative=coop):
        services.accept(contract=contract, party="cooperative", actor=board)
        with pytest.raises(DomainError, match="Tidak ada penawaran"):
            services.accept(contract=contract, party="buyer", actor=buyer.user)
        assert ContractVersion.objects.filter(contract=contract).count() == 1


def test_both_sides_are_told_of_the_agreement_and_of_each_step(coop, board, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade)
    with scope(cooperative=coop):
        services.post_message(contract=contract, party="buyer", actor=buyer.user,
                              message="Bisa kirim hari Senin?")
        services.accept(contract=contract, party="cooperative", actor=board)
    notices = Notice.objects.filter(cooperative=coop)
    assert notices.filter(user=board, topic="contracts.negotiation_step").count() == 2
    assert notices.filter(user=buyer.user, topic="contracts.agreed").exists()
    assert notices.filter(user=board, topic="contracts.agreed").exists()


def test_an_amendment_keeps_the_old_version_and_replaces_only_planned_deliveries(
        coop, board, buyer, grade, board_client):
    contract = requested_contract(coop, buyer=buyer, grade=grade, quantity=2000, deliveries=4)
    with scope(cooperative=coop):
        services.accept(contract=contract, party="cooperative", actor=board)
        first = Delivery.objects.get(contract=contract, sequence=1)
        first.move_to(Delivery.Status.ALLOCATED)
        first.allocated_at = timezone.now()
        first.save()
        services.start_amendment(contract=contract, party="buyer", actor=buyer.user,
                                 price=Decimal("99000"), quantity_per_delivery=1800,
                                 deliveries=3, payment_terms_days=30)
        assert fresh(coop, contract).status == Contract.Status.AMENDING
        agreed = services.accept(contract=contract, party="cooperative", actor=board)
        rows = {d.sequence: d for d in Delivery.objects.filter(contract=contract)}
        versions = list(ContractVersion.objects.filter(contract=contract).order_by("version"))
    assert agreed.version == 2
    assert [v.terms["price"] for v in versions] == ["95000", "99000"]
    assert rows[1].quantity == 2000  # already allocated: stays as agreed in version 1
    assert rows[2].quantity == rows[3].quantity == 1800
    assert rows[4].status == Delivery.Status.CANCELLED
    for number in (1, 2):
        response = board_client.get(f"/k/{coop.slug}/kontrak/{contract.pk}/versi/{number}/pdf/")
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")


def test_a_declined_amendment_restores_the_terms_in_force(coop, board, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade)
    with scope(cooperative=coop):
        services.accept(contract=contract, party="cooperative", actor=board)
        services.start_amendment(contract=contract, party="cooperative", actor=board, **TERMS)
        services.decline(contract=contract, party="buyer", actor=buyer.user, message="Tidak")
        contract = fresh(coop, contract)
        assert (contract.status, contract.version, contract.price) == (
            Contract.Status.ACTIVE, 1, Decimal("95000"))
        # The next amendment is version 3: version 2's refusal stays in the history.
        services.start_amendment(contract=contract, party="cooperative", actor=board, **TERMS)
        assert fresh(coop, contract).version == 3
        assert Offer.objects.filter(contract=contract, version=2, kind="decline").exists()


def test_the_buyer_withdraws_a_request(coop, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade)
    with scope(cooperative=coop):
        services.withdraw(contract=contract, actor=buyer.user)
        with pytest.raises(DomainError):
            services.propose(contract=contract, party="buyer", actor=buyer.user, **TERMS)
    assert fresh(coop, contract).status == Contract.Status.WITHDRAWN


def test_contract_numbers_count_per_cooperative(coop, other_coop, buyer, grade):
    first = requested_contract(coop, buyer=buyer, grade=grade)
    second = requested_contract(coop, buyer=buyer, grade=grade)
    elsewhere = requested_contract(other_coop)
    assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
    assert first.first_delivery_on > timezone.localdate() - dt.timedelta(days=1)
