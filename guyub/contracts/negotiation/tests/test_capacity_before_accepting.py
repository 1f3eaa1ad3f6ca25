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
    assert 'id="agreed-versions"' in page  # the agreed version 1 and its PDF


def test_a_delivery_too_valuable_for_the_books_is_a_form_error_not_a_crash(
        board_client, coop, board):
    from guyub.testing.contracts import corporate_buyer
    from guyub.testing.contracts_nego import contract_body, grade_of
    corporate_buyer(coop)
    grade = grade_of(coop)
    with scope(cooperative=coop):
        from guyub.sales.models import Buyer
        buyer = Buyer.objects.get()
    body = {**contract_body(grade, price="999999999999", quantity_per_delivery=100000),
            "buyer": buyer.pk}
    response = board_client.post(reverse("contracts:create", args=[coop.slug]), body)
    assert response.status_code == 200
    assert "terlalu besar" in response.content.decode()
