""""Explain my share" in plain Indonesian, and a member sees only their own
allotments (another member's is 404, as if it did not exist)."""

import pytest
from django.test import Client
from django.urls import reverse

from guyub.contracts.allocation import selectors, services
from guyub.contracts.models import Allotment, Contract
from guyub.testing.contracts import active_contract, declare

pytestmark = pytest.mark.django_db


def signed_in(member):
    client = Client()
    client.force_login(member.user)
    return client


def allot(contract):
    return services.allocate_delivery(delivery=contract.schedule.get(sequence=1))


def test_the_proportional_share_explained(world):
    delivery = allot(world["contract"])
    bambang = world["members"][1]
    allotment = Allotment.objects.get(delivery=delivery, member=bambang)
    page = signed_in(bambang).get(reverse("contracts:my_allotment",
                                          args=[world["coop"].slug, allotment.pk]))
    text = page.content.decode()
    assert "Sebanding kapasitas yang dinyatakan" in text
    assert ("Kapasitas Anda 600 kg dari total 2.000 kg (30 %), jadi bagian ideal Anda 30 % "
            "dari 2.000 kg yang diminta, yaitu 600 kg.") in text
    assert "Bagian Anda 600 kg, tepat sama dengan bagian idealnya." in text


def test_the_rounding_is_explained(world, coop, board):
    contract = active_contract(coop, buyer=world["buyer"], grade=world["grade"], actor=board,
                               quantity=1000)
    for member in world["members"]:
        declare(contract, member, 500)
    delivery = allot(contract)
    allotments = list(Allotment.objects.filter(delivery=delivery))
    assert sorted(a.quantity for a in allotments) == [333, 333, 334]
    said = {a.quantity: " ".join(selectors.explain_share(a)) for a in allotments}
    assert "dibulatkan menjadi 334 kg (+0,67 kg dari bagian ideal)" in said[334]
    assert "dibulatkan menjadi 333 kg (−0,33 kg dari bagian ideal)" in said[333]
    assert "333,33 kg" in said[333]


def test_the_rotation_rule_names_the_recent_work(world, coop, board):
    contract = active_contract(coop, buyer=world["buyer"], grade=world["grade"], actor=board,
                               quantity=500, rule=Contract.Rule.ROTATION)
    for member in world["members"]:
        declare(contract, member, 500)
    delivery = allot(contract)
    allotment = Allotment.objects.get(delivery=delivery)
    text = " ".join(selectors.explain_share(allotment))
    assert "bergiliran" in text and "90 hari terakhir: 0 kg" in text


def test_a_shortfall_is_not_the_members_burden(world, coop, board):
    contract = active_contract(coop, buyer=world["buyer"], grade=world["grade"], actor=board,
                               quantity=2500)
    declare(contract, world["members"][0], 1000)
    delivery = allot(contract)
    text = " ".join(selectors.explain_share(Allotment.objects.get(delivery=delivery)))
    assert "kurang 1.500 kg" in text


def test_a_reallocated_share_says_why(world, coop, board):
    contract = active_contract(coop, buyer=world["buyer"], grade=world["grade"], actor=board,
                               quantity=1500)
    for member in world["members"]:
        declare(contract, member, 1000)
    delivery = allot(contract)
    sri = world["members"][0]
    services.withdraw(allotment=Allotment.objects.get(delivery=delivery, member=sri),
                      reason="Panen gagal", actor=sri.user)
    extra = Allotment.objects.filter(delivery=delivery, kind="reallocated").first()
    text = " ".join(selectors.explain_share(extra))
    assert "bagian pengganti" in text and "Panen gagal" in text


def test_another_members_allotment_does_not_exist_for_them(world):
    delivery = allot(world["contract"])
    sri, bambang, _siti = world["members"]
    theirs = Allotment.objects.get(delivery=delivery, member=bambang)
    client = signed_in(sri)
    slug = world["coop"].slug
    assert client.get(reverse("contracts:my_allotment", args=[slug, theirs.pk])).status_code \
        == 404
    assert client.post(reverse("contracts:withdraw_allotment", args=[slug, theirs.pk]),
                       {"reason": "iseng"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Allotment.Status.ALLOTTED


def test_the_portal_lists_only_the_members_own_allotments(world):
    allot(world["contract"])
    sri = world["members"][0]
    page = signed_in(sri).get(reverse("contracts:member_contracts", args=[world["coop"].slug]))
    assert page.status_code == 200
    upcoming = page.context["upcoming"]
    assert [a.member_id for a in upcoming] == [sri.pk]
    assert upcoming[0].quantity == 1000
    assert "Kopi sangrai untuk hotel" in page.content.decode()


def test_officers_see_the_capacities_and_the_split(world, board_client):
    slug, contract = world["coop"].slug, world["contract"]
    page = board_client.get(reverse("contracts:capacity_overview", args=[slug, contract.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Sri Wahyuni" in text
    assert page.context["total"] == 2000 and page.context["shortfall"] == 0
    delivery = contract.schedule.get(sequence=1)
    board_client.post(reverse("contracts:allocate_delivery", args=[slug, contract.pk,
                                                                   delivery.pk]))
    assert Allotment.objects.filter(delivery=delivery).count() == 3
    page = board_client.get(reverse("contracts:delivery_allotments",
                                    args=[slug, contract.pk, delivery.pk]))
    assert page.context["allotted"] == 2000
    page = board_client.get(reverse("contracts:allocation_schedule", args=[slug, contract.pk]))
    assert page.status_code == 200
    # A second press of the button changes nothing.
    board_client.post(reverse("contracts:allocate_delivery", args=[slug, contract.pk,
                                                                   delivery.pk]))
    assert Allotment.objects.filter(delivery=delivery).count() == 3


def test_the_equal_rule_explained(world, coop, board):
    contract = active_contract(coop, buyer=world["buyer"], grade=world["grade"], actor=board,
                               quantity=1500, rule=Contract.Rule.EQUAL)
    for member, quantity in zip(world["members"], (1000, 600, 400), strict=True):
        declare(contract, member, quantity)
    delivery = allot(contract)
    siti = world["members"][2]
    text = " ".join(selectors.explain_share(Allotment.objects.get(delivery=delivery,
                                                                  member=siti)))
    assert "Bagian sama rata" in text
    assert "Bagian ideal Anda 400 kg" in text  # her capacity caps her equal share
