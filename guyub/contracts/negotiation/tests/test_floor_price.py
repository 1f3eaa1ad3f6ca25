"""An offer below the grade's floor price in force cannot be accepted, by anyone, by
any path (service, page, API); at or above the floor it can. The floor is read at
acceptance, so a floor raised after the offer still binds."""

from decimal import Decimal

import pytest
from django.test import Client
from django_scopes import scope

from guyub.contracts.models import Contract, ContractVersion, FloorPrice
from guyub.contracts.negotiation import selectors, services
from guyub.core.errors import DomainError
from guyub.core.tests.helpers import api, issue_token
from guyub.testing.contracts_nego import offer_post, requested_contract

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def status_of(coop, contract):
    with scope(cooperative=coop):
        return Contract.objects.get(pk=contract.pk).status


def test_the_service_refuses_a_request_below_the_floor_naming_the_floor(coop, board, buyer,
                                                                         grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade, price=Decimal("80000"))
    with scope(cooperative=coop), pytest.raises(DomainError) as refused:
        services.accept(contract=contract, party="cooperative", actor=board)
    assert "harga dasar" in str(refused.value.message)
    assert "85.000" in str(refused.value.message)
    assert status_of(coop, contract) == Contract.Status.REQUESTED
    with scope(cooperative=coop):
        assert not ContractVersion.objects.filter(contract=contract).exists()


def test_the_buyer_cannot_accept_a_cooperative_offer_below_the_floor_either(coop, board, buyer,
                                                                            grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade)
    with scope(cooperative=coop):
        services.propose(contract=contract, party="cooperative", actor=board,
                         price=Decimal("84999"), quantity_per_delivery=2000, deliveries=4,
                         payment_terms_days=30)
        with pytest.raises(DomainError, match="harga dasar"):
            services.accept(contract=contract, party="buyer", actor=buyer.user)
    assert status_of(coop, contract) == Contract.Status.NEGOTIATING


def test_an_offer_exactly_at_the_floor_is_accepted(coop, board, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade, price=Decimal("85000"))
    with scope(cooperative=coop):
        agreed = services.accept(contract=contract, party="cooperative", actor=board)
    assert agreed.version == 1
    assert agreed.terms["price"] == "85000"
    assert status_of(coop, contract) == Contract.Status.ACTIVE


def test_a_floor_raised_after_the_offer_binds_its_acceptance(coop, board, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade, price=Decimal("90000"))
    with scope(cooperative=coop):
        services.set_floor_price(grade=grade, price=Decimal("91000"), actor=board,
                                 reference="Rapat pengurus darurat")
        assert selectors.floor_price(grade) == Decimal("91000")
        with pytest.raises(DomainError, match="91.000"):
            services.accept(contract=contract, party="cooperative", actor=board)


def test_a_members_vote_sets_the_floor_through_the_same_hook(coop, board, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade, price=Decimal("88000"))
    with scope(cooperative=coop):
        services.set_floor_price(grade=grade, price=Decimal("89000"), actor=None,
                                 source=FloorPrice.Source.VOTE, reference="RAT 2027 no. 4")
        with pytest.raises(DomainError, match="89.000"):
            services.accept(contract=contract, party="cooperative", actor=board)
        assert [f.source for f in selectors.floor_history(grade)] == ["vote", "board"]


def test_the_page_warns_of_a_low_offer_and_refuses_to_accept_it(coop, board, buyer, grade,
                                                                staff_client):
    contract = requested_contract(coop, buyer=buyer, grade=grade)
    url = f"/k/{coop.slug}/kontrak/{contract.pk}/"
    response = staff_client.post(url, offer_post(**{"offer-price": "80000"}), follow=True)
    assert "di bawah harga dasar" in response.content.decode()
    buyer_page = signed_in(buyer.user)
    response = buyer_page.post(f"/k/{coop.slug}/pembeli/kontrak/{contract.pk}/",
                               {"action": "accept"}, follow=True)
    page = response.content.decode().replace("\xa0", "")
    # Refused with the reason, but the buyer never reads the floor's amount.
    assert "di bawah harga dasar koperasi" in page
    assert "85.000" not in page
    assert status_of(coop, contract) == Contract.Status.NEGOTIATING


def test_the_board_accepts_on_the_page_at_the_floor(coop, board, buyer, grade, board_client):
    contract = requested_contract(coop, buyer=buyer, grade=grade, price=Decimal("85000"))
    response = board_client.post(f"/k/{coop.slug}/kontrak/{contract.pk}/", {"action": "accept"})
    assert response.status_code == 302
    assert status_of(coop, contract) == Contract.Status.ACTIVE


def test_the_api_refuses_acceptance_below_the_floor_with_the_reason(coop, board, buyer, grade):
    contract = requested_contract(coop, buyer=buyer, grade=grade, price=Decimal("70000"))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, board)[1]}")
    url = f"/api/v1/cooperatives/{coop.slug}/contracts/{contract.pk}/accept"
    response = api(client, "post", url)
    assert response.status_code == 409
    assert "harga dasar" in response.json()["detail"]
    assert status_of(coop, contract) == Contract.Status.REQUESTED
    # The buyer raises its offer to the floor: now the board can accept it.
    buyer_api = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, buyer.user)[1]}")
    response = api(buyer_api, "post", f"/api/v1/cooperatives/{coop.slug}/contracts/"
                   f"{contract.pk}/offers", {"kind": "offer", "price": "85000",
                                             "quantity_per_delivery": 2000, "deliveries": 4,
                                             "payment_terms_days": 30})
    assert response.status_code == 201, response.content
    response = api(client, "post", url)
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 1
