"""The allocation in the API: officers read a delivery's split with each share's
working; a member reads only their own allotments."""

import pytest
from django.test import Client

from guyub.contracts.allocation import services
from guyub.core.tests.helpers import issue_token

pytestmark = pytest.mark.django_db


def token_client(coop, user):
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, user)[1]}")


def test_officers_read_a_deliverys_split(world, coop, board):
    contract = world["contract"]
    delivery = services.allocate_delivery(delivery=contract.schedule.get(sequence=1))
    answer = token_client(coop, board).get(
        f"/api/v1/cooperatives/{coop.slug}/contracts/{contract.pk}/deliveries/{delivery.pk}"
        "/allocation")
    assert answer.status_code == 200
    body = answer.json()
    assert body["shortfall"] == 0
    assert sorted(a["quantity"] for a in body["allotments"]) == [400, 600, 1000]
    bambang = next(a for a in body["allotments"] if a["quantity"] == 600)
    assert bambang["explanation"]["ideal"] == "600"
    assert any("30 %" in s for s in bambang["explanation"]["sentences"])


def test_a_member_reads_only_their_own_allotments(world, coop):
    contract = world["contract"]
    services.allocate_delivery(delivery=contract.schedule.get(sequence=1))
    sri = world["members"][0]
    answer = token_client(coop, sri.user).get(
        f"/api/v1/cooperatives/{coop.slug}/me/contract-allotments")
    assert answer.status_code == 200
    assert [(a["member_id"], a["quantity"]) for a in answer.json()] == [(sri.pk, 1000)]


def test_a_delivery_of_another_contract_is_not_found(world, coop, board):
    contract = world["contract"]
    answer = token_client(coop, board).get(
        f"/api/v1/cooperatives/{coop.slug}/contracts/{contract.pk}/deliveries/999999"
        "/allocation")
    assert answer.status_code == 404
