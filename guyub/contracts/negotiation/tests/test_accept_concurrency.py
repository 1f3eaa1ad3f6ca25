"""Two acceptances at the same moment (two board members, or a double submit): at most
one agrees, on PostgreSQL with real parallel connections."""

from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from guyub.contracts.allocation.models import Delivery
from guyub.contracts.models import ContractVersion
from guyub.contracts.negotiation import services
from guyub.core.roles import Role
from guyub.testing.concurrency import at_once
from guyub.testing.contracts import coffee_grade, corporate_buyer
from guyub.testing.contracts_nego import requested_contract

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_acceptances_at_once_make_one_version(coop, board, make_user):
    second_board = make_user(coop, Role.BOARD)
    buyer = corporate_buyer(coop)
    contract = requested_contract(coop, buyer=buyer, grade=coffee_grade(coop),
                                  price=Decimal("95000"))
    results = at_once(coop, [
        lambda: services.accept(contract=contract, party="cooperative", actor=board),
        lambda: services.accept(contract=contract, party="cooperative", actor=second_board),
    ])
    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    with scopes_disabled():
        assert ContractVersion.objects.filter(contract=contract).count() == 1
        assert Delivery.objects.filter(contract=contract).count() == 4


def test_the_buyer_accepting_twice_at_once_agrees_once(coop, board):
    buyer = corporate_buyer(coop)
    contract = requested_contract(coop, buyer=buyer, grade=coffee_grade(coop))
    with scope(cooperative=coop):
        services.propose(contract=contract, party="cooperative", actor=board,
                         price=Decimal("99000"), quantity_per_delivery=2000, deliveries=4,
                         payment_terms_days=30)
    results = at_once(coop, [
        lambda: services.accept(contract=contract, party="buyer", actor=buyer.user),
        lambda: services.accept(contract=contract, party="buyer", actor=buyer.user),
    ])
    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    with scopes_disabled():
        (agreed,) = ContractVersion.objects.filter(contract=contract)
    assert agreed.terms["price"] == "99000"
