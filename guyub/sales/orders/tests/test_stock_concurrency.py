"""Checkouts at the same moment (PostgreSQL: parallel connections and row locks).

Each thread has its own database connection and its own tenant scope, as two
requests served at the same moment would, and closes its connection at the end.
"""

import time
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from guyub.catalog.models import Product
from guyub.members import services as members
from guyub.members.models import Member
from guyub.sales.models import Buyer, FulfilmentLine, Order
from guyub.sales.orders import payments, statements
from guyub.sales.orders import services as ordering
from guyub.sales.tests.store_helpers import bundle, product
from guyub.testing.concurrency import at_once
from guyub.testing.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def checkout(coop, *items):
    """A guest checkout, the way the storefront makes one."""
    def job():
        placed = ordering.checkout(
            cooperative=coop, items=[ordering.Item(*i) for i in items],
            destination={"address": "Jl. Malioboro 1", "city": "Kota Yogyakarta",
                         "province": "34", "country": "ID"},
            buyer_data={"name": "Pembeli", "email": "p@contoh.id", "phone": "+6281234567890"})
        return placed.order.number
    return job


def stock_of(item) -> int:
    with scopes_disabled():
        return Product.objects.get(pk=item.pk).stock


def sold(item) -> int:
    with scopes_disabled():
        return sum(FulfilmentLine.objects.filter(product=item).values_list("quantity", flat=True))


def test_eight_buyers_for_the_last_three_units_three_get_one(coop):
    batik = product(coop, "Kain Batik Tulis Parang", price=350_000, stock=3)

    results = at_once(coop, [checkout(coop, ("product", batik.pk, 1))] * 8)

    assert sorted(kind for kind, _value in results) == ["ok"] * 3 + ["refused"] * 5, results
    assert {value for kind, value in results if kind == "refused"} == {
        "Stok Kain Batik Tulis Parang tinggal 0."}
    assert stock_of(batik) == 0 and sold(batik) == 3
    with scopes_disabled():
        # Refused checkouts leave no buyer behind: all or nothing.
        assert Order.objects.count() == Buyer.objects.count() == 3


def test_bundles_and_single_products_competing_for_one_component_never_oversell(coop):
    kopi = product(coop, "Kopi Arabika Merapi", stock=5)
    batik = product(coop, "Kain Batik Tulis", stock=100)
    hamper = bundle(coop, "Hampers Jogja", 420_000, [(kopi, 2, 100_000), (batik, 1, 320_000)])
    jobs = ([checkout(coop, ("bundle", hamper.pk, 1))] * 4
            + [checkout(coop, ("product", kopi.pk, 1))] * 4)

    results = at_once(coop, jobs)

    assert all(kind in ("ok", "refused") for kind, _value in results), results
    assert stock_of(kopi) >= 0
    assert sold(kopi) + stock_of(kopi) == 5  # every unit sold once, none invented
    assert sold(batik) == sum(1 for i, (kind, _v) in enumerate(results) if kind == "ok" and i < 4)


@pytest.fixture
def slow_numbering(monkeypatch):
    """Hold each checkout a moment after it took its order number: were the counter not
    locked until commit, rivals would take the same one right there."""
    original = statements.next_order_number

    def slow(cooperative):
        number = original(cooperative)
        time.sleep(0.3)
        return number

    monkeypatch.setattr(statements, "next_order_number", slow)


@pytest.fixture
def slow_checkout(monkeypatch):
    """Hold each checkout a moment with its products locked, before the order is written."""
    original = ordering._order_lines

    def slow(*args, **kwargs):
        time.sleep(0.5)
        return original(*args, **kwargs)

    monkeypatch.setattr(ordering, "_order_lines", slow)


def test_checkouts_of_different_products_at_the_same_moment_get_their_own_numbers(
        coop, slow_numbering):
    items = [product(coop, f"Produk {i}", stock=5) for i in range(6)]

    results = at_once(coop, [checkout(coop, ("product", item.pk, 1)) for item in items])

    assert [kind for kind, _value in results] == ["ok"] * 6, results
    assert sorted(value for _kind, value in results) == [1, 2, 3, 4, 5, 6]
    with scopes_disabled():
        assert sum(Order.objects.values_list("total", flat=True)) == Decimal(6 * 50_000)


def test_a_checkout_and_cancelling_a_paid_order_of_the_same_product_both_go_through(
        coop, board, slow_checkout):
    # The cancellation takes the cooperative's ledger lock, then waits for the product;
    # the checkout holds the product and, at commit, checks its new rows' keys against
    # the cooperative row. Neither lock may wait for the other (it did: a deadlock).
    kopi = product(coop, "Kopi Arabika Merapi", stock=10)
    with scope(cooperative=coop):
        paid = Order.objects.get(number=checkout(coop, ("product", kopi.pk, 1))())
        payments.record_payment(order=paid, amount=paid.total, method="bank_transfer",
                                reference="TRF-1", actor=board)

    def cancel():
        time.sleep(0.2)  # while the checkout holds the product
        return ordering.cancel_order(order=paid, actor=board, reason="Batal").status

    results = at_once(coop, [checkout(coop, ("product", kopi.pk, 2)), cancel])

    assert [kind for kind, _value in results] == ["ok", "ok"], results
    assert stock_of(kopi) == 10 - 2  # the cancelled unit came back, two are sold


def test_a_checkout_and_the_maker_renaming_their_business_both_go_through(
        coop, board, slow_checkout):
    # Renaming locks the member and refreshes its products' search text (waiting for the
    # product the checkout holds); the checkout's rows name the member.
    maker = MemberFactory(cooperative=coop, business_name="Sekar Jagad")
    batik = product(coop, "Kain Batik Tulis", member=maker, stock=10)

    def rename():
        time.sleep(0.2)
        with scopes_disabled():
            member = Member.objects.get(pk=maker.pk)
        return members.update_member(member=member, actor=board,
                                     profile={"business_name": "Wastra Imogiri"}).business_name

    results = at_once(coop, [checkout(coop, ("product", batik.pk, 1)), rename])

    assert [kind for kind, _value in results] == ["ok", "ok"], results
    assert results[1][1] == "Wastra Imogiri" and stock_of(batik) == 9
