"""Cancelling an order: the stock comes back, a paid order is reversed in the books."""


import pytest

from guyub.core.errors import DomainError
from guyub.ledger.models import JournalEntry
from guyub.sales.fulfilment import services as fulfilment
from guyub.sales.models import Order
from guyub.sales.orders import services as ordering
from guyub.sales.tests.consignment import (
    hand_over_all,
    order,
    owed_to,
    pay,
    stock,
    trial_balance,
)

# Every test body runs inside the cooperative's tenant scope, as a request would.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_coop")]



def test_cancelling_an_unpaid_order_returns_its_stock(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 3), ("bundle", shop.hamper, 2))

    ordering.cancel_order(order=placed, actor=board, reason="Pembeli membatalkan")

    assert stock(shop.coffee, shop.batik) == (20, 5)
    placed.refresh_from_db()
    assert placed.status == Order.Status.CANCELLED and placed.cancelled_at is not None
    assert not JournalEntry.objects.exists()


def test_cancelling_a_paid_order_reverses_its_payment_in_the_books(coop, shop, buyer, board):
    coop.is_pkp = True
    coop.save()
    placed = order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))
    payment = pay(placed, actor=board)
    assert owed_to(shop.coffee_maker) > 0

    ordering.cancel_order(order=placed, actor=board, reason="Barang rusak di gudang")

    reversal = JournalEntry.objects.get(reverses=payment.entry)
    assert reversal.lines.count() == payment.entry.lines.count()
    assert owed_to(shop.coffee_maker) == 0
    assert owed_to(shop.batik_maker) == 0
    # Every account is back where it started: the sale left nothing in the books.
    assert [(r.account.role, r.debit - r.credit) for r in trial_balance()
            if r.debit != r.credit] == []
    assert stock(shop.coffee, shop.batik) == (20, 5)


def test_a_shipped_order_cannot_be_cancelled(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    pay(placed)
    hand_over_all(placed, board)
    shipment = fulfilment.create_shipment(cooperative=coop, orders=[placed], actor=board)
    fulfilment.mark_shipped(shipment=shipment, actor=board, tracking_number="JNE0001")

    with pytest.raises(DomainError, match="sudah dikirim") as refused:
        ordering.cancel_order(order=placed, actor=board, reason="Terlambat")

    assert refused.value.code == "transition"
    assert Order.objects.get(pk=placed.pk).status == Order.Status.SHIPPED
    assert stock(shop.coffee) == (18,)
    assert not JournalEntry.objects.filter(reverses__isnull=False).exists()


def test_cancelling_needs_a_reason(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))

    with pytest.raises(DomainError, match="Alasan"):
        ordering.cancel_order(order=placed, actor=board, reason="  ")

    assert Order.objects.get(pk=placed.pk).status == Order.Status.PLACED
    assert stock(shop.coffee) == (18,)
