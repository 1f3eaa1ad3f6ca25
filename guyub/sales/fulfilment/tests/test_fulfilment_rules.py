"""Hand-over and consolidated shipments, one rule at a time."""

from decimal import Decimal

import pytest

from guyub.core.errors import DomainError
from guyub.ledger.models import JournalEntry
from guyub.sales.fulfilment import services as fulfilment
from guyub.sales.models import FulfilmentLine, Order, Shipment
from guyub.sales.orders import services as ordering
from guyub.sales.tests.consignment import (
    SOLO,
    entry_by_role,
    hand_over_all,
    order,
    owed_to,
    pay,
    today_payout,
)

# Every test body runs inside the cooperative's tenant scope, as a request would.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_coop")]



def test_goods_cannot_be_handed_over_before_the_order_is_paid(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    line = placed.fulfilment.get()

    with pytest.raises(DomainError, match="setelah pesanan dibayar"):
        fulfilment.hand_over(line=line, actor=board)

    assert FulfilmentLine.objects.get(pk=line.pk).handed_over_at is None
    assert Order.objects.get(pk=placed.pk).status == Order.Status.PLACED


def test_handing_over_moves_a_paid_order_to_fulfilling(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    pay(placed)

    fulfilment.hand_over(line=placed.fulfilment.get(), actor=board)

    assert Order.objects.get(pk=placed.pk).status == Order.Status.FULFILLING


def test_a_shipment_goes_to_one_destination_only(coop, shop, buyer, board):
    to_jogja = order(coop, buyer, ("product", shop.coffee, 1))
    to_solo = order(coop, buyer, ("product", shop.coffee, 1), where=SOLO)
    for placed in (to_jogja, to_solo):
        pay(placed)
        hand_over_all(placed, board)

    with pytest.raises(DomainError, match="satu tujuan"):
        fulfilment.create_shipment(cooperative=coop, orders=[to_jogja, to_solo], actor=board,
                                 cost=Decimal(20000))

    assert not Shipment.objects.exists()
    assert not Order.objects.filter(shipment__isnull=False).exists()
    assert JournalEntry.objects.count() == 2  # the two payments, no shipping cost


def test_a_shipment_refuses_an_order_whose_goods_are_not_all_handed_over(coop, shop, buyer,
                                                                        board):
    ready = order(coop, buyer, ("product", shop.coffee, 1))
    waiting = order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))
    for placed in (ready, waiting):
        pay(placed)
    hand_over_all(ready, board)
    first, *rest = waiting.fulfilment.all()
    fulfilment.hand_over(line=first, actor=board)
    assert rest

    with pytest.raises(DomainError, match="belum diserahkan"):
        fulfilment.create_shipment(cooperative=coop, orders=[ready, waiting], actor=board)

    assert not Shipment.objects.exists()


def test_a_shipment_refuses_an_unpaid_order(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 1))

    with pytest.raises(DomainError, match="belum siap dikirim"):
        fulfilment.create_shipment(cooperative=coop, orders=[placed], actor=board)

    assert not Shipment.objects.exists()


def test_a_shipment_shares_its_cost_by_weight_and_books_it(coop, shop, buyer, board):
    light = order(coop, buyer, ("product", shop.coffee, 1))                 # 250 g
    heavy = order(coop, buyer, ("product", shop.batik, 1), ("product", shop.coffee, 1))
    for placed in (light, heavy):
        pay(placed)
        hand_over_all(placed, board)

    shipment = fulfilment.create_shipment(cooperative=coop, orders=[light, heavy], actor=board,
                                        carrier="JNE", cost=Decimal(30001))

    shares = dict(Order.objects.filter(shipment=shipment).values_list("pk", "shipping_cost_share"))
    # 30.001 x 250/900 = 8.333,6 and x 650/900 = 21.667,4: the spare rupiah goes to the
    # larger remainder.
    assert shares == {light.pk: Decimal(8334), heavy.pk: Decimal(21667)}
    totals, _makers = entry_by_role(shipment.cost_entry)
    assert totals == {"shipping_expense": (Decimal(30001), Decimal(0)),
                      "cash": (Decimal(0), Decimal(30001))}


def test_an_order_cancelled_while_its_shipment_is_prepared_is_not_shipped_or_paid_out(
        coop, shop, buyer, board):
    kept = order(coop, buyer, ("product", shop.coffee, 1))
    dropped = order(coop, buyer, ("product", shop.coffee, 2))
    for placed in (kept, dropped):
        pay(placed)
        hand_over_all(placed, board)
    shipment = fulfilment.create_shipment(cooperative=coop, orders=[kept, dropped], actor=board)
    ordering.cancel_order(order=dropped, actor=board, reason="Pembeli membatalkan")

    fulfilment.mark_shipped(shipment=shipment, actor=board, tracking_number="JNE0002")
    fulfilment.mark_delivered(shipment=shipment, actor=board)

    assert Order.objects.get(pk=kept.pk).status == Order.Status.DELIVERED
    assert Order.objects.get(pk=dropped.pk).status == Order.Status.CANCELLED
    # Its refunded sale must not come back into the maker's payout.
    batch = today_payout(coop, board)
    assert [(x.member_id, x.amount) for x in batch.lines.all()] == [
        (shop.coffee_maker.pk, Decimal(40500))]
    assert owed_to(shop.coffee_maker) == 0
