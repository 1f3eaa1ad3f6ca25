"""Before accepting, the board reads on the contract page how much the members' capacity
falls short, as the split will count it: a member whose product no longer meets the
grade does not count, whatever they declared. The buyer never sees the members'
capacities."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from guyub.contracts.models import GradeApproval
from guyub.testing.contracts import contract_world

pytestmark = pytest.mark.django_db


def test_the_shortfall_counts_only_eligible_capacity(board_client, coop, board):
    world = contract_world(coop, board)  # 1,000 + 600 + 400 kg declared for 2,000 kg
    url = reverse("contracts:detail", args=[coop.slug, world["contract"].pk])
    page = board_client.get(url).content.decode()
    assert 'id="short"' not in page
    with scope(cooperative=coop):
        GradeApproval.objects.filter(product=world["members"][2].coffee).update(
            valid_until=timezone.localdate() - dt.timedelta(days=1))
    page = board_client.get(url).content.decode()
    assert "Kapasitas kurang 400 kg per pengiriman." in page


def test_the_buyer_does_not_see_the_members_capacity(client, coop, board):
    world = contract_world(coop, board)
    client.force_login(world["buyer"].user)
    response = client.get(reverse("contracts:my_contract", args=[coop.slug,
                                                                world["contract"].pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="capacity"' not in page and "Kapasitas anggota" not in page
    assert 'id="agreed-versions"' in page
