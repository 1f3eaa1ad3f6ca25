"""Payments one rule at a time: amounts, deposits, references, and their journal
entries."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from guyub.catalog.models import Product
from guyub.core.errors import DomainError
from guyub.ledger.models import JournalEntry
from guyub.sales.models import Order, Payment
from guyub.sales.orders import payments
from guyub.sales.orders import services as ordering
from guyub.sales.tests.consignment import (
    deposits_held,
    entry_by_role,
    order,
    owed_to,
    pay,
    trial_balance,
)

# Every test body runs inside the cooperative's tenant scope, as a request would.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_coop")]



@pytest.mark.parametrize("amount", [90001, 180000])
def test_an_overpayment_is_refused_with_the_balance_shown(coop, shop, buyer, amount):
    placed = order(coop, buyer, ("product", shop.coffee, 2))

    with pytest.raises(DomainError) as refused:
        payments.record_payment(order=placed, amount=Decimal(amount),
                                method="bank_transfer", reference="TRF-77")

    assert refused.value.field == "amount"
    assert "Sisa tagihan Rp90.000." in refused.value.message
    assert not Payment.objects.exists() and not JournalEntry.objects.exists()
    assert Order.objects.get(pk=placed.pk).status == Order.Status.PLACED


@pytest.mark.parametrize("amount", [0, -1, "0.5", "NaN", "Infinity"])
def test_a_payment_of_nothing_or_a_fraction_is_refused(coop, shop, buyer, amount):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    with pytest.raises(DomainError, match="rupiah utuh lebih dari nol"):
        payments.record_payment(order=placed, amount=Decimal(amount), method="cash",
                                reference="KW-1")
    assert not Payment.objects.exists()


def test_a_business_buyer_pays_a_deposit_then_the_rest(coop, shop, business_buyer, board):
    placed = order(coop, business_buyer, ("product", shop.coffee, 2))  # Rp90.000
    deposit, _ = payments.record_payment(order=placed, amount=Decimal(30000),
                                         method="bank_transfer", reference="DP-1", actor=board)

    placed = Order.objects.get(pk=placed.pk)
    assert placed.status == Order.Status.PLACED and placed.paid_at is None
    assert (placed.amount_paid, placed.balance_due) == (30000, 60000)
    # The deposit is owed back to the buyer until the sale is complete: nothing is owed
    # to the maker yet, and the books balance.
    assert deposits_held() == 30000
    assert owed_to(shop.coffee_maker) == 0
    assert deposit.entry.description.startswith("Uang muka PSN-")

    with pytest.raises(DomainError, match="Sisa tagihan Rp60.000"):
        payments.record_payment(order=placed, amount=Decimal(60001), method="bank_transfer",
                                reference="TRF-2")
    payments.record_payment(order=placed, amount=Decimal(20000), method="cash", reference="KW-2")
    rest, _ = payments.record_payment(order=placed, amount=Decimal(40000), method="bank_transfer",
                                      reference="TRF-3", actor=board)

    placed = Order.objects.get(pk=placed.pk)
    assert placed.status == Order.Status.PAID and placed.paid_at == rest.received_at
    assert (placed.amount_paid, placed.balance_due) == (90000, 0)
    assert deposits_held() == 0
    assert owed_to(shop.coffee_maker) == Decimal(81000)
    assert JournalEntry.objects.count() == 3
    totals = trial_balance()
    assert sum(r.debit for r in totals) == sum(r.credit for r in totals)
    with pytest.raises(DomainError, match="tidak sedang menunggu pembayaran"):
        payments.record_payment(order=placed, amount=Decimal(1), method="cash", reference="KW-9")


def test_a_deposit_notified_twice_is_recorded_once(coop, shop, business_buyer):
    placed = order(coop, business_buyer, ("product", shop.coffee, 2))
    payments.record_payment(order=placed, amount=Decimal(30000), method="qris", reference="Q-1")
    _again, created = payments.record_payment(order=placed, amount=Decimal(30000), method="qris",
                                              reference="Q-1")
    assert created is False
    assert Order.objects.get(pk=placed.pk).amount_paid == 30000


def test_cancelling_after_a_deposit_returns_it_in_the_books(coop, shop, business_buyer, board):
    placed = order(coop, business_buyer, ("product", shop.coffee, 2))
    payments.record_payment(order=placed, amount=Decimal(30000), method="cash", reference="DP-7")
    ordering.cancel_order(order=placed, actor=board, reason="Pembeli membatalkan")
    assert deposits_held() == 0
    assert Order.objects.get(pk=placed.pk).balance_due == 0


def test_the_same_reference_twice_records_one_payment_and_one_entry(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))

    first, created = payments.record_payment(order=placed, amount=Decimal(90000), method="qris",
                                             reference="QRIS-555", actor=board)
    again, created_again = payments.record_payment(order=placed, amount=Decimal(90000),
                                                   method="qris", reference=" QRIS-555 ")

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Payment.objects.count() == 1
    assert JournalEntry.objects.count() == 1
    assert owed_to(shop.coffee_maker) == Decimal(81000)


def test_a_reference_already_used_for_another_order_is_refused(coop, shop, buyer):
    first = order(coop, buyer, ("product", shop.coffee, 2))
    second = order(coop, buyer, ("product", shop.coffee, 2))
    pay(first, reference="TRF-1")

    with pytest.raises(DomainError, match="TRF-1 sudah dipakai") as refused:
        payments.record_payment(order=second, amount=second.total, method="bank_transfer",
                                reference="TRF-1")

    assert refused.value.code == "conflict"
    assert Payment.objects.get().order_id == first.pk
    assert JournalEntry.objects.count() == 1
    assert Order.objects.get(pk=second.pk).status == Order.Status.PLACED


def test_a_cancelled_order_cannot_be_paid(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    ordering.cancel_order(order=placed, actor=board, reason="Pembeli membatalkan")

    with pytest.raises(DomainError, match="tidak sedang menunggu pembayaran"):
        pay(placed)

    assert not Payment.objects.exists() and not JournalEntry.objects.exists()


def test_a_payment_is_booked_on_the_day_the_money_came_in(coop, shop, buyer, board):
    friday = timezone.now() - dt.timedelta(days=3)
    placed = order(coop, buyer, ("product", shop.coffee, 1))
    placed.placed_at = friday - dt.timedelta(hours=2)  # ordered on Friday morning
    Order.objects.filter(pk=placed.pk).update(placed_at=placed.placed_at)

    payment, _created = payments.record_payment(order=placed, amount=placed.total,
                                                method="bank_transfer", reference="TRF-JUM",
                                                received_at=friday, actor=board)

    assert payment.entry.date == timezone.localdate(friday)
    assert Order.objects.get(pk=placed.pk).paid_at == friday


@pytest.mark.parametrize("when, error", [
    (dt.timedelta(days=1), "masa depan"),
    (dt.timedelta(days=-1), "sebelum pesanannya dibuat"),
])
def test_a_payment_received_in_the_future_or_before_its_order_is_refused(
        coop, shop, buyer, board, when, error):
    placed = order(coop, buyer, ("product", shop.coffee, 1))
    with pytest.raises(DomainError, match=error) as refused:
        payments.record_payment(order=placed, amount=placed.total, method="cash",
                                reference="KAS-1", actor=board,
                                received_at=timezone.now() + when)
    assert refused.value.field == "received_at"
    assert not Payment.objects.exists() and not JournalEntry.objects.exists()


def test_a_payment_posts_each_makers_earning_commission_and_ppn(coop, shop, buyer, board):
    coop.is_pkp = True
    coop.save()
    placed = order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))

    payment = pay(placed, actor=board, method="cash")

    totals, makers = entry_by_role(payment.entry)
    # Coffee: 45.000 alone + 80.000 of the hamper at 10 %; batik: 300.000 at 15 %.
    assert makers == {shop.coffee_maker.pk: Decimal(45000 - 4500 + 80000 - 8000),
                      shop.batik_maker.pk: Decimal(300000 - 45000)}
    assert totals == {
        "cash": (Decimal(471750), Decimal(0)),
        "payable_members": (Decimal(0), sum(makers.values())),
        "income_commission": (Decimal(0), Decimal(4500 + 8000 + 45000)),
        "vat_payable": (Decimal(0), Decimal(46750)),
    }
    assert payment.entry.source_id == str(payment.pk)


@pytest.mark.parametrize("pkp", [False, True])
def test_every_payment_entry_balances_and_matches_the_fulfilment(coop, shop, buyer, board, pkp):
    coop.is_pkp = pkp
    coop.save()
    Product.objects.filter(pk=shop.coffee.pk).update(commission_pct=Decimal("12.5"), stock=10_000)
    Product.objects.filter(pk=shop.batik.pk).update(stock=10_000)
    rng = random.Random(11)
    for n in range(12):
        items = [(kind, obj, rng.randint(0, 7)) for kind, obj in
                 (("product", shop.coffee), ("product", shop.batik), ("bundle", shop.hamper))]
        if not any(q for _k, _o, q in items):
            continue
        placed = order(coop, buyer, *items)
        payment = pay(placed, reference=f"QRIS-{n}", actor=board)

        totals, makers = entry_by_role(payment.entry)
        assert sum(d for d, _c in totals.values()) == sum(c for _d, c in totals.values())
        earned = {}
        for line in placed.fulfilment.all():
            earned[line.member_id] = earned.get(line.member_id, Decimal(0)) + line.member_earning
        assert makers == {m: e for m, e in earned.items() if e}
        fees = sum(f.commission for f in placed.fulfilment.all())
        assert totals.get("income_commission", (0, 0))[1] == fees
        assert totals.get("vat_payable", (0, 0))[1] == placed.ppn_amount
        assert (placed.ppn_amount > 0) == pkp
        assert totals["bank"] == (placed.total, Decimal(0))
    rows = trial_balance()
    assert sum(r.debit for r in rows) == sum(r.credit for r in rows)
