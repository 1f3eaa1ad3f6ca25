"""Payment notifications under real concurrency (PostgreSQL: parallel connections, row
locks). Banks and QRIS providers retry, so the same notification can arrive twice at the
same moment; each thread here has its own connection and tenant scope, as two requests
served by two workers would."""

import time
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.catalog.models import Category, Product
from guyub.ledger.models import JournalEntry
from guyub.ledger.selectors import member_balance, trial_balance
from guyub.sales.models import Buyer, Order, Payment
from guyub.sales.orders import payments
from guyub.sales.orders import services as ordering
from guyub.testing.concurrency import at_once
from guyub.testing.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_posting(monkeypatch):
    """Hold each payment a moment inside its transaction, after its checks and before its
    journal entry: a rival that was not made to wait would slip in right there."""
    original = payments.post_entry

    def slow(**kwargs):
        time.sleep(0.3)
        return original(**kwargs)

    monkeypatch.setattr(payments, "post_entry", slow)


@pytest.fixture
def maker(coop):
    return MemberFactory(cooperative=coop, owner_name="Bambang Sutrisno")


@pytest.fixture
def place(coop, maker):
    """Place an order of two coffees (Rp90.000; the maker earns Rp81.000)."""
    with scope(cooperative=coop):
        food = Category.objects.create(cooperative=coop, name="Kopi", is_food=True)
        coffee = Product.objects.create(
            cooperative=coop, member=maker, name="Kopi Merapi 250 g", category=food,
            net_weight_grams=250, price=Decimal(45000), stock=100, status="approved")
        buyer = Buyer.objects.create(cooperative=coop, name="Dewi Lestari",
                                     email="dewi@contoh.id", phone="+6281234567890")

    def make():
        with scope(cooperative=coop):
            return ordering.place_order(
                cooperative=coop, buyer=buyer, city="Kota Yogyakarta", province="34",
                address="Jl. Malioboro 1", items=[ordering.Item("product", coffee.pk, 2)]).order

    return make


def notify(order, reference="QRIS-20250602-0001", amount=90000):
    """One delivery of the provider's notification, as the webhook handles it: the order
    is loaded afresh by the request, then the payment recorded."""

    def deliver():
        with scopes_disabled():
            fresh = Order.objects.select_related("cooperative").get(pk=order.pk)
        payment, created = payments.record_payment(order=fresh, amount=Decimal(amount),
                                                   method="qris", reference=reference)
        return payment.pk, created

    return deliver


def test_the_same_notification_twice_at_once_records_one_payment(coop, maker, place,
                                                                 slow_posting):
    order = place()

    results = at_once(coop, [notify(order), notify(order)])

    assert [kind for kind, _value in results] == ["ok", "ok"], results
    (first_pk, first_created), (second_pk, second_created) = (v for _k, v in results)
    assert first_pk == second_pk
    assert sorted([first_created, second_created]) == [False, True]
    with scope(cooperative=coop):
        assert Payment.objects.count() == 1
        assert JournalEntry.objects.count() == 1
        assert Order.objects.get(pk=order.pk).status == Order.Status.PAID
        assert member_balance(member=maker, role="payable_members") == Decimal(81000)
        rows = trial_balance(as_of=timezone.localdate())
        assert sum(r.debit for r in rows) == sum(r.credit for r in rows) == Decimal(90000)


def test_a_burst_of_retries_still_records_one_payment(coop, maker, place):
    order = place()

    results = at_once(coop, [notify(order)] * 5)

    assert [kind for kind, _value in results] == ["ok"] * 5, results
    assert len({pk for _kind, (pk, _created) in results}) == 1
    assert sorted(created for _kind, (_pk, created) in results) == [False] * 4 + [True]
    with scope(cooperative=coop):
        assert Payment.objects.count() == 1
        assert JournalEntry.objects.count() == 1
        assert member_balance(member=maker, role="payable_members") == Decimal(81000)


def test_one_reference_for_two_orders_at_once_pays_only_one(coop, maker, place, slow_posting):
    first, second = place(), place()

    results = at_once(coop, [notify(first, "TRF-777"), notify(second, "TRF-777")])

    assert sorted(kind for kind, _value in results) == ["ok", "refused"], results
    [refusal] = [value for kind, value in results if kind == "refused"]
    assert refusal == "Referensi TRF-777 sudah dipakai untuk pembayaran lain."
    with scope(cooperative=coop):
        assert Payment.objects.count() == 1
        assert JournalEntry.objects.count() == 1
        statuses = sorted(Order.objects.values_list("status", flat=True))
        assert statuses == [Order.Status.PAID, Order.Status.PLACED]


def test_two_part_payments_at_once_cannot_pay_more_than_the_total(coop, maker, place,
                                                                  slow_posting):
    order = place()  # Rp90.000

    results = at_once(coop, [notify(order, "DP-A", 60000), notify(order, "DP-B", 60000)])

    # The order's row lock queues the second: it then sees Rp30.000 left and is refused.
    assert sorted(kind for kind, _value in results) == ["ok", "refused"], results
    [refusal] = [value for kind, value in results if kind == "refused"]
    assert refusal == "Jumlah Rp60.000 melebihi sisa tagihan. Sisa tagihan Rp30.000."
    with scope(cooperative=coop):
        assert Payment.objects.count() == 1
        fresh = Order.objects.get(pk=order.pk)
        assert (fresh.status, fresh.amount_paid, fresh.balance_due) == (
            Order.Status.PLACED, 60000, 30000)
        rows = trial_balance(as_of=timezone.localdate())
        assert sum(r.debit for r in rows) == sum(r.credit for r in rows) == Decimal(60000)
