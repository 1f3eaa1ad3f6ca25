"""A buyer sees only its own contracts, on its pages and through the API; another
buyer's contract does not exist to it (404 on pages; 403 in the API, as orders)."""

import pytest
from django.test import Client

from guyub.core.tests.helpers import api, issue_token
from guyub.testing.contracts_nego import requested_contract

from .conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def contracts(coop, buyer, rival, grade):
    return (requested_contract(coop, buyer=buyer, grade=grade, title="Kopi untuk hotel"),
            requested_contract(coop, buyer=rival, grade=grade, title="Kopi untuk restoran"))


def test_the_buyers_list_shows_its_own_contracts_only(coop, buyer, contracts):
    page = signed_in(buyer.user).get(f"/k/{coop.slug}/pembeli/kontrak/").content.decode()
    assert "Kopi untuk hotel" in page
    assert "Kopi untuk restoran" not in page


def test_anothers_contract_page_is_404_to_a_buyer(coop, buyer, contracts):
    client = signed_in(buyer.user)
    mine, theirs = contracts
    assert client.get(f"/k/{coop.slug}/pembeli/kontrak/{mine.pk}/").status_code == 200
    assert client.get(f"/k/{coop.slug}/pembeli/kontrak/{theirs.pk}/").status_code == 404
    response = client.post(f"/k/{coop.slug}/pembeli/kontrak/{theirs.pk}/",
                           {"action": "message", "msg-message": "Halo"})
    assert response.status_code == 404


def test_a_buyer_cannot_open_the_officers_pages(coop, buyer, contracts):
    client = signed_in(buyer.user)
    assert client.get(f"/k/{coop.slug}/kontrak/").status_code == 403
    assert client.get(f"/k/{coop.slug}/kontrak/{contracts[0].pk}/").status_code == 403


def test_the_api_lists_and_reads_a_buyers_own_contracts_only(coop, buyer, contracts):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, buyer.user)[1]}")
    listed = api(client, "get", f"/api/v1/cooperatives/{coop.slug}/contracts").json()
    assert [c["title"] for c in listed] == ["Kopi untuk hotel"]
    mine, theirs = contracts
    detail = api(client, "get", f"/api/v1/cooperatives/{coop.slug}/contracts/{mine.pk}")
    assert detail.status_code == 200
    assert [o["kind"] for o in detail.json()["offers"]] == ["request"]
    for path in (f"contracts/{theirs.pk}", f"contracts/{theirs.pk}/offers",
                 f"contracts/{theirs.pk}/accept"):
        method = "get" if path.count("/") == 1 else "post"
        body = {"kind": "message", "message": "Halo"} if path.endswith("offers") else None
        response = api(client, method, f"/api/v1/cooperatives/{coop.slug}/{path}", body)
        assert response.status_code == 403, path


def test_officers_list_every_contract(coop, board, contracts):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, board)[1]}")
    listed = api(client, "get", f"/api/v1/cooperatives/{coop.slug}/contracts").json()
    assert len(listed) == 2
