"""The contract document: a PDF per agreed version, naming both parties, the terms, the
schedule and the allocation rule; a buyer prints its own contract only."""

from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.contracts.negotiation import services
from guyub.testing.contracts_nego import requested_contract

from .conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed(coop, board, buyer, grade):
    coop.address, coop.legal_entity_number = "Jl. Kaliurang km 10", "AHU-0001234.AH.01.26"
    coop.save()
    contract = requested_contract(coop, buyer=buyer, grade=grade, price=Decimal("95000"),
                                  quantity=2000, deliveries=4)
    with scope(cooperative=coop):
        services.accept(contract=contract, party="cooperative", actor=board)
    return contract


def pdf_url(coop, contract, version=1):
    return f"/k/{coop.slug}/kontrak/{contract.pk}/versi/{version}/pdf/"


def test_the_document_names_both_parties_the_terms_and_the_rule(coop, board, agreed,
                                                                board_client, rendered):
    response = board_client.get(pdf_url(coop, agreed))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    html = rendered[-1].replace("\xa0", " ")
    assert "PT Hotel Nusantara Raya" in html and "9120001234567" in html
    assert coop.name in html and "AHU-0001234.AH.01.26" in html
    assert "Rp95.000" in html.replace(" ", "")
    assert "60 hari" not in html and "30 hari" in html
    assert "sebanding dengan kapasitas" in html
    assert html.count("2000 kg") >= 4  # one line per delivery date
    assert "Versi 1" in html


def test_the_buyer_prints_its_own_contract_and_not_anothers(coop, agreed, buyer, rival):
    own = signed_in(buyer.user).get(pdf_url(coop, agreed))
    assert own.status_code == 200 and own.content.startswith(b"%PDF")
    assert signed_in(rival.user).get(pdf_url(coop, agreed)).status_code == 404


def test_a_version_not_agreed_has_no_document(coop, agreed, board_client):
    assert board_client.get(pdf_url(coop, agreed, version=2)).status_code == 404
