"""Checkouts at the same moment (PostgreSQL: parallel connections and row locks).

Each thread has its own database connection and its own tenant scope, as two
requests served at the same moment would, and closes its connection at the end.
"""

import time
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from guyub.catalog.models import Product
from guyub.sales import services
from guyub.sales.models import Buyer, FulfilmentLine, Order
from guyub.testing.concurrency import at_once

from .store_helpers import bundle, product

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def checkout(coop, *items):
    """A guest checkout, the way the storefront makes one."""
    def job():
        order = services.checkout(
            cooperative=coop, items=[services.Item(*i) for i in items],
            destination={"address": "Jl. Malioboro 1", "city": "Kota Yogyakarta",
                         "province": "34", "country": "ID"},
            buyer_data={"name": "Pembeli", "email": "p@contoh.id", "phone": "+6281234567890"})
        return order.number
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
    """Hold each checkout a moment after it picked its order number: without a lock,
    rivals would pick the same one right there."""
    original = services._next_number

    def slow(model, cooperative):
        number = original(model, cooperative)
        time.sleep(0.3)
        return number

    monkeypatch.setattr(services, "_next_number", slow)


def test_checkouts_of_different_products_at_the_same_moment_get_their_own_numbers(
        coop, slow_numbering):
    items = [product(coop, f"Produk {i}", stock=5) for i in range(6)]

    results = at_once(coop, [checkout(coop, ("product", item.pk, 1)) for item in items])

    assert [kind for kind, _value in results] == ["ok"] * 6, results
    assert sorted(value for _kind, value in results) == [1, 2, 3, 4, 5, 6]
    with scopes_disabled():
        assert sum(Order.objects.values_list("total", flat=True)) == Decimal(6 * 50_000)
