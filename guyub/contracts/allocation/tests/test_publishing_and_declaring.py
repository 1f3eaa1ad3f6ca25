"""The rule is published before capacities are collected (then locked), eligible
members are told, and members declare capacity only on published, open contracts,
with their own eligible products."""

import pytest
from django.test import Client
from django.urls import reverse

from guyub.contracts import notices
from guyub.contracts.allocation import services
from guyub.contracts.models import Capacity, Contract, GradeApproval
from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.notifications.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def unpublished(world):
    contract = world["contract"]
    Contract.objects.filter(pk=contract.pk).update(rule_published_at=None,
                                                   status=Contract.Status.NEGOTIATING)
    Capacity.objects.filter(contract=contract).delete()
    contract.refresh_from_db()
    return contract


def member_client(member):
    client = Client()
    client.force_login(member.user)
    return client


def test_publishing_locks_the_rule_and_tells_every_eligible_member(world, unpublished):
    services.set_rule(contract=unpublished, rule="equal", actor=world["board"])
    published = services.publish_rule(contract=unpublished, actor=world["board"])
    assert published.rule == "equal" and published.rule_published_at is not None
    told = Notice.objects.filter(topic=notices.CAPACITY_OPEN)
    assert {n.user_id for n in told} == {m.user_id for m in world["members"]}
    assert told.first().params["quantity"] == "2.000 kg"
    with pytest.raises(DomainError):
        services.set_rule(contract=unpublished, rule="rotation", actor=world["board"])
    with pytest.raises(DomainError):
        services.publish_rule(contract=unpublished, actor=world["board"], rule="rotation")
    unpublished.refresh_from_db()
    assert unpublished.rule == "equal"
    assert AuditLog.objects.filter(action="contract.rule_published").count() == 1


def test_a_member_not_eligible_is_not_told(world, unpublished):
    siti = world["members"][2]
    GradeApproval.objects.filter(product=siti.coffee).delete()
    services.publish_rule(contract=unpublished, actor=world["board"])
    told = set(Notice.objects.filter(topic=notices.CAPACITY_OPEN).values_list("user_id",
                                                                               flat=True))
    assert siti.user_id not in told and len(told) == 2


def test_a_declined_contract_cannot_be_published(world, unpublished):
    Contract.objects.filter(pk=unpublished.pk).update(status=Contract.Status.DECLINED)
    with pytest.raises(DomainError):
        services.publish_rule(contract=unpublished, actor=world["board"])


def test_no_capacity_before_the_rule_is_published(world, unpublished):
    sri = world["members"][0]
    with pytest.raises(DomainError) as refused:
        services.declare_capacity(contract=unpublished, member=sri, product=sri.coffee,
                                  quantity=500, actor=sri.user)
    assert "aturan pembagian" in str(refused.value.message)
    page = member_client(sri).get(reverse("contracts:member_capacity",
                                          args=[world["coop"].slug, unpublished.pk]))
    assert page.status_code == 404


def test_declaring_and_declaring_again_replaces(world):
    contract, sri = world["contract"], world["members"][0]
    services.declare_capacity(contract=contract, member=sri, product=sri.coffee,
                              quantity=800, unavailable=[2, "3", 2], actor=sri.user)
    capacity = Capacity.objects.get(contract=contract, member=sri)
    assert capacity.quantity == 800 and capacity.unavailable == [2, 3]
    assert Capacity.objects.filter(contract=contract).count() == 3


@pytest.mark.parametrize("quantity", [0, -5, 100_000_001, True, "12"])
def test_impossible_quantities_are_refused(world, quantity):
    contract, sri = world["contract"], world["members"][0]
    with pytest.raises(DomainError) as refused:
        services.declare_capacity(contract=contract, member=sri, product=sri.coffee,
                                  quantity=quantity, actor=sri.user)
    assert refused.value.field == "quantity"
    assert Capacity.objects.get(contract=contract, member=sri).quantity == 1000


def test_an_unknown_delivery_is_refused(world):
    contract, sri = world["contract"], world["members"][0]
    with pytest.raises(DomainError):
        services.declare_capacity(contract=contract, member=sri, product=sri.coffee,
                                  quantity=800, unavailable=[9], actor=sri.user)


def test_an_ineligible_product_is_refused_with_the_reason(world):
    contract, sri = world["contract"], world["members"][0]
    GradeApproval.objects.filter(product=sri.coffee).delete()
    with pytest.raises(DomainError) as refused:
        services.declare_capacity(contract=contract, member=sri, product=sri.coffee,
                                  quantity=800, actor=sri.user)
    assert "belum lolos uji mutu" in str(refused.value.message)


def test_another_members_product_is_refused(world):
    contract, sri, bambang = world["contract"], *world["members"][:2]
    with pytest.raises(DomainError) as refused:
        services.declare_capacity(contract=contract, member=sri, product=bambang.coffee,
                                  quantity=800, actor=sri.user)
    assert refused.value.field == "product"


def test_a_completed_contract_takes_no_capacity(world):
    contract, sri = world["contract"], world["members"][0]
    Contract.objects.filter(pk=contract.pk).update(status=Contract.Status.COMPLETED)
    with pytest.raises(DomainError):
        services.declare_capacity(contract=contract, member=sri, product=sri.coffee,
                                  quantity=800, actor=sri.user)


def test_the_declaration_page_saves_and_refuses_bad_input(world):
    contract, sri = world["contract"], world["members"][0]
    client = member_client(sri)
    url = reverse("contracts:member_capacity", args=[world["coop"].slug, contract.pk])
    assert client.get(url).status_code == 200
    for bad in ["999999999999999999999999", "100000001", "-1", "abc", "1e5"]:
        page = client.post(url, {"product": sri.coffee.pk, "quantity": bad})
        assert page.status_code == 200
        assert page.context["form"].errors
    # A NUL byte is refused by the site's input guard before the form, with its page.
    assert client.post(url, {"product": sri.coffee.pk, "quantity": "12\x00"}).status_code == 400
    assert Capacity.objects.get(contract=contract, member=sri).quantity == 1000
    page = client.post(url, {"product": sri.coffee.pk, "quantity": "750",
                             "unavailable": ["4"]})
    assert page.status_code == 302
    capacity = Capacity.objects.get(contract=contract, member=sri)
    assert (capacity.quantity, capacity.unavailable) == (750, [4])


def test_the_page_shows_an_ineligible_member_what_is_missing(world):
    contract, sri = world["contract"], world["members"][0]
    GradeApproval.objects.filter(product=sri.coffee).delete()
    client = member_client(sri)
    url = reverse("contracts:member_capacity", args=[world["coop"].slug, contract.pk])
    page = client.get(url)
    assert "belum lolos uji mutu Arabika grade 1" in page.content.decode()
    page = client.post(url, {"product": sri.coffee.pk, "quantity": "750"})
    assert "belum lolos uji mutu" in str(page.context["form"].errors)


def test_officers_publish_from_the_capacity_page(world, unpublished, board_client):
    slug = world["coop"].slug
    page = board_client.get(reverse("contracts:capacity_overview", args=[slug, unpublished.pk]))
    assert "Umumkan aturan" in page.content.decode()
    board_client.post(reverse("contracts:allocation_rule", args=[slug, unpublished.pk]),
                      {"rule": "rotation", "publish": "1"})
    unpublished.refresh_from_db()
    assert unpublished.rule == "rotation" and unpublished.rule_published_at is not None
    board_client.post(reverse("contracts:allocation_rule", args=[slug, unpublished.pk]),
                      {"rule": "equal"})
    unpublished.refresh_from_db()
    assert unpublished.rule == "rotation"
