"""Splitting one delivery among the producers: the allotments add up, capacities are
respected, the shortfall is recorded, nothing is split twice, each member is told."""

import datetime as dt

import pytest
from django.utils import timezone

from guyub.contracts import notices
from guyub.contracts.allocation import services
from guyub.contracts.models import Allotment, Contract, Delivery
from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.notifications.models import Notice
from guyub.testing.contracts import active_contract, declare

pytestmark = pytest.mark.django_db


def first_delivery(contract):
    return contract.schedule.order_by("sequence").first()


def shares(delivery):
    return {a.member_id: a.quantity
            for a in Allotment.objects.filter(delivery=delivery, status="allotted")}


def test_the_world_is_split_in_proportion_to_the_capacities(world):
    delivery = services.allocate_delivery(delivery=first_delivery(world["contract"]),
                                          actor=world["board"])
    sri, bambang, siti = world["members"]
    assert shares(delivery) == {sri.pk: 1000, bambang.pk: 600, siti.pk: 400}
    assert delivery.status == Delivery.Status.ALLOCATED
    assert delivery.shortfall == 0
    assert delivery.allocated_at is not None


def test_each_allotment_keeps_the_rules_working(world):
    delivery = services.allocate_delivery(delivery=first_delivery(world["contract"]))
    bambang = world["members"][1]
    explanation = Allotment.objects.get(delivery=delivery, member=bambang).explanation
    assert explanation["rule"] == "proportional"
    assert explanation["capacity"] == 600
    assert explanation["total_capacity"] == 2000
    assert explanation["quantity"] == 2000
    assert explanation["ideal"] == "600"
    assert explanation["ideal_display"] == "600.00"
    assert explanation["rounding"] == "0"


def test_a_delivery_larger_than_the_capacities_records_the_shortfall(world, coop, board):
    contract = active_contract(coop, buyer=world["buyer"], grade=world["grade"], actor=board,
                               quantity=2500)
    for member, quantity in zip(world["members"], (1000, 600, 400), strict=True):
        declare(contract, member, quantity)
    delivery = services.allocate_delivery(delivery=first_delivery(contract))
    assert sum(shares(delivery).values()) == 2000
    assert delivery.shortfall == 500
    for allotment in delivery.allotments.select_related("capacity"):
        assert allotment.quantity <= allotment.capacity.quantity


def test_lots_are_respected_and_the_split_still_adds_up(world, coop, board):
    contract = active_contract(coop, buyer=world["buyer"], grade=world["grade"], actor=board,
                               quantity=1000, lot_size=50)
    for member, quantity in zip(world["members"], (700, 333, 120), strict=True):
        declare(contract, member, quantity)
    delivery = services.allocate_delivery(delivery=first_delivery(contract))
    split = shares(delivery)
    assert sum(split.values()) + delivery.shortfall == 1000
    assert delivery.shortfall == 0
    assert all(q % 50 == 0 for q in split.values())


def test_a_member_who_cannot_serve_the_delivery_gets_nothing_of_it(world, coop, board):
    contract = active_contract(coop, buyer=world["buyer"], grade=world["grade"], actor=board)
    sri, bambang, siti = world["members"]
    declare(contract, sri, 1000, unavailable=[1])
    declare(contract, bambang, 1200)
    declare(contract, siti, 800)
    first, second = contract.schedule.order_by("sequence")[:2]
    services.allocate_delivery(delivery=first)
    services.allocate_delivery(delivery=second)
    assert sri.pk not in shares(first)
    assert shares(first) == {bambang.pk: 1200, siti.pk: 800}
    # Everyone serves the second: 2,000 of 3,000 kg declared, two thirds each.
    assert shares(second) == {sri.pk: 667, bambang.pk: 800, siti.pk: 533}


def test_allocating_twice_is_refused_and_writes_nothing_more(world):
    delivery = first_delivery(world["contract"])
    services.allocate_delivery(delivery=delivery)
    with pytest.raises(DomainError) as refused:
        services.allocate_delivery(delivery=delivery)
    assert refused.value.code == "conflict"
    assert Allotment.objects.filter(delivery=delivery).count() == 3


def test_a_contract_not_in_force_is_not_split(world):
    contract = world["contract"]
    Contract.objects.filter(pk=contract.pk).update(status=Contract.Status.COMPLETED)
    with pytest.raises(DomainError):
        services.allocate_delivery(delivery=first_delivery(contract))
    assert not Allotment.objects.exists()


def test_each_member_is_told_their_own_quantity_and_the_split_is_audited(world):
    delivery = services.allocate_delivery(delivery=first_delivery(world["contract"]),
                                          actor=world["board"])
    sri, bambang, _siti = world["members"]
    told = {n.user_id: n for n in Notice.objects.filter(topic=notices.ALLOTTED)}
    assert len(told) == 3
    assert told[sri.user_id].params["quantity"] == "1.000 kg"
    assert told[bambang.user_id].params["quantity"] == "600 kg"
    assert told[sri.user_id].link.endswith("/saya/kontrak/")
    entry = AuditLog.objects.get(action="delivery.allocated")
    assert entry.data["delivery"] == delivery.sequence
    assert entry.data["shortfall"] == 0


def test_the_due_deliveries_are_split_and_later_ones_wait(world):
    done = services.allocate_due_deliveries(cooperative=world["coop"], days_ahead=7)
    assert [d.sequence for d in done] == [1]
    assert services.allocate_due_deliveries(cooperative=world["coop"], days_ahead=7) == []
    later = services.allocate_due_deliveries(cooperative=world["coop"], days_ahead=30)
    assert [d.sequence for d in later] == [2, 3, 4]


def test_rotation_puts_the_members_with_the_least_recent_work_first(world, coop, board):
    # The world's first delivery (in 7 days) gives Sri 1,000, Bambang 600, Siti 400.
    services.allocate_delivery(delivery=first_delivery(world["contract"]))
    contract = active_contract(coop, buyer=world["buyer"], grade=world["grade"], actor=board,
                               quantity=800, rule=Contract.Rule.ROTATION,
                               first_delivery_on=timezone.localdate() + dt.timedelta(days=14))
    for member in world["members"]:
        declare(contract, member, 500)
    delivery = services.allocate_delivery(delivery=first_delivery(contract))
    _sri, bambang, siti = world["members"]
    # Siti (400 kg lately) is filled first, then Bambang (600); Sri (1,000) waits.
    assert shares(delivery) == {siti.pk: 500, bambang.pk: 300}
    assert Allotment.objects.get(delivery=delivery, member=siti).explanation[
        "recent_work"] == 400
