"""Goods rejected at the quality check go to the standby producers by the contract's
rule: the rejected member is not asked again, the delivery stays open until the
stand-ins' goods are checked, and what nobody can bring is recorded as short."""

import pytest
from django_scopes import scope

from guyub.contracts.allocation import services as allocation
from guyub.contracts.deliveries.services import check_goods
from guyub.contracts.models import Allotment, Capacity, Delivery
from guyub.testing.contracts import contract_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def split(coop, board):
    """Capacities 1,000 / 600 / 900 kg for 2,000 kg: split 800 / 480 / 720, so Bambang
    and Siti have 120 and 180 kg to spare."""
    world = contract_world(coop, board)
    with scope(cooperative=coop):
        Capacity.objects.filter(member=world["members"][2]).update(quantity=900)
        delivery = allocation.allocate_delivery(
            delivery=world["contract"].schedule.get(sequence=1))
    return world, delivery


def _row(delivery, member):
    return delivery.allotments.get(member=member, kind=Allotment.Kind.ORIGINAL)


def test_a_rejection_is_reallocated_to_members_with_spare_capacity(coop, board, split):
    world, delivery = split
    sri, bambang, siti = world["members"]
    with scope(cooperative=coop):
        assert [_row(delivery, m).quantity for m in (sri, bambang, siti)] == [800, 480, 720]
        check_goods(allotment=_row(delivery, sri), received=800, accepted=700, rejected=100,
                    reason="Biji pecah di atas 5 %", actor=board)
        standby = list(delivery.allotments.filter(kind=Allotment.Kind.REALLOCATED))
        assert sum(a.quantity for a in standby) == 100
        assert sri.pk not in {a.member_id for a in standby}
        # Each within what they can still bring.
        spare = {bambang.pk: 120, siti.pk: 180}
        assert all(a.quantity <= spare[a.member_id] for a in standby)
        # The original two and the stand-ins still to check: not yet in the warehouse.
        for member in (bambang, siti):
            row = _row(delivery, member)
            check_goods(allotment=row, received=row.quantity, accepted=row.quantity,
                        rejected=0, actor=board)
        assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.ALLOCATED
        for row in standby:
            check_goods(allotment=row, received=row.quantity, accepted=row.quantity,
                        rejected=0, actor=board)
        assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.RECEIVED


def test_what_nobody_can_bring_is_recorded_short(coop, board):
    world = contract_world(coop, board)  # 1,000 / 600 / 400 for 2,000: nobody has spare
    with scope(cooperative=coop):
        delivery = allocation.allocate_delivery(
            delivery=world["contract"].schedule.get(sequence=1))
        row = _row(delivery, world["members"][1])
        check_goods(allotment=row, received=600, accepted=450, rejected=150,
                    reason="Kadar air 14 %", actor=board)
        delivery.refresh_from_db()
        assert delivery.shortfall == 150
        assert not delivery.allotments.filter(kind=Allotment.Kind.REALLOCATED).exists()
