"""Consignment payouts, one rule at a time."""

from decimal import Decimal

import pytest

from guyub.core.errors import DomainError
from guyub.ledger.models import JournalEntry
from guyub.sales.models import FulfilmentLine, Order, PayoutLine
from guyub.sales.orders import services as ordering
from guyub.sales.tests.consignment import (
    entry_by_role,
    order,
    owed_to,
    pay,
    today_payout,
    trial_balance,
)

# Every test body runs inside the cooperative's tenant scope, as a request would.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_coop")]



def test_each_maker_is_paid_their_sales_less_commission(coop, shop, buyer, board):
    pay(order(coop, buyer, ("product", shop.coffee, 2), ("bundle", shop.hamper, 1)))
    pay(order(coop, buyer, ("product", shop.batik, 1)))

    batch = today_payout(coop, board)

    lines = {line.member_id: line for line in batch.lines.all()}
    coffee, batik = lines[shop.coffee_maker.pk], lines[shop.batik_maker.pk]
    assert (coffee.sales, coffee.commission, coffee.amount) == (
        Decimal(90000 + 80000), Decimal(9000 + 8000), Decimal(90000 + 80000 - 9000 - 8000))
    assert (batik.sales, batik.commission, batik.amount) == (
        Decimal(300000 + 350000), Decimal(45000 + 52500), Decimal(300000 + 350000 - 45000 - 52500))
    totals, _makers = entry_by_role(batch.entry)
    assert totals == {"payable_members": (coffee.amount + batik.amount, Decimal(0)),
                      "bank": (Decimal(0), coffee.amount + batik.amount)}


def test_after_a_payout_nothing_is_owed_to_the_makers(coop, shop, buyer, board):
    pay(order(coop, buyer, ("product", shop.coffee, 2), ("bundle", shop.hamper, 1)))
    assert owed_to(shop.coffee_maker) > 0 and owed_to(shop.batik_maker) > 0

    today_payout(coop, board)

    assert owed_to(shop.coffee_maker) == 0
    assert owed_to(shop.batik_maker) == 0
    rows = trial_balance()
    assert sum(r.debit for r in rows) == sum(r.credit for r in rows)


def test_a_sale_is_never_paid_out_twice(coop, shop, buyer, board):
    pay(order(coop, buyer, ("product", shop.coffee, 2)))
    first = today_payout(coop, board)

    with pytest.raises(DomainError, match="Tidak ada hasil penjualan"):
        today_payout(coop, board)
    pay(order(coop, buyer, ("product", shop.coffee, 1)))
    second = today_payout(coop, board)

    assert [(x.member_id, x.amount) for x in first.lines.all()] == [
        (shop.coffee_maker.pk, Decimal(81000))]
    # The second batch, over the same days, pays only the sale made since the first.
    assert [(x.member_id, x.amount) for x in second.lines.all()] == [
        (shop.coffee_maker.pk, Decimal(40500))]
    assert not FulfilmentLine.objects.filter(payout__isnull=True).exists()
    assert owed_to(shop.coffee_maker) == 0


def test_cancelled_and_unpaid_orders_are_left_out_of_the_payout(coop, shop, buyer, board):
    cancelled = order(coop, buyer, ("product", shop.batik, 1))
    pay(cancelled)
    ordering.cancel_order(order=cancelled, actor=board, reason="Pembeli membatalkan")
    order(coop, buyer, ("product", shop.batik, 1))  # placed, never paid
    pay(order(coop, buyer, ("product", shop.coffee, 1)))

    batch = today_payout(coop, board)

    assert [(x.member_id, x.amount) for x in batch.lines.all()] == [
        (shop.coffee_maker.pk, Decimal(40500))]
    assert not PayoutLine.objects.filter(member=shop.batik_maker).exists()
    assert owed_to(shop.batik_maker) == 0
    assert owed_to(shop.coffee_maker) == 0


def test_a_paid_out_order_cannot_be_cancelled(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    pay(placed)
    today_payout(coop, board)

    with pytest.raises(DomainError, match="sudah dibayarkan ke anggota"):
        ordering.cancel_order(order=placed, actor=board, reason="Retur")

    assert Order.objects.get(pk=placed.pk).status == Order.Status.PAID
    assert not JournalEntry.objects.filter(reverses__isnull=False).exists()
