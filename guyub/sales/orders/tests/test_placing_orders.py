"""Placing an order, one rule at a time: quantities, stock, prices, VAT, bundle shares
and order numbers."""

from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.catalog.models import Bundle, Category, PriceTier, Product
from guyub.catalog.services import save_bundle
from guyub.core.errors import DomainError
from guyub.sales.models import Buyer, Order
from guyub.sales.orders import services as ordering
from guyub.sales.tests.consignment import (
    order,
    stock,
)
from guyub.testing.factories import MemberFactory

# Every test body runs inside the cooperative's tenant scope, as a request would.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_coop")]



def test_it_refuses_less_than_the_minimum_order_quantity(coop, shop, buyer):
    Product.objects.filter(pk=shop.coffee.pk).update(min_order_qty=6)

    with pytest.raises(DomainError, match="minimal pembelian 6") as refused:
        order(coop, buyer, ("product", shop.coffee, 5))

    assert refused.value.field == "items"
    assert not Order.objects.exists()
    assert stock(shop.coffee) == (20,)
    assert order(coop, buyer, ("product", shop.coffee, 6)).lines.get().quantity == 6


def test_it_refuses_a_product_not_yet_approved(coop, shop, buyer):
    Product.objects.filter(pk=shop.batik.pk).update(status=Product.Status.SUBMITTED)

    with pytest.raises(DomainError, match="Produk tidak tersedia"):
        order(coop, buyer, ("product", shop.coffee, 1), ("product", shop.batik, 1))

    assert not Order.objects.exists()
    assert stock(shop.coffee, shop.batik) == (20, 5)


def test_it_refuses_a_bundle_whose_component_went_back_to_curation(coop, shop, buyer):
    Product.objects.filter(pk=shop.batik.pk).update(status=Product.Status.CHANGES)

    with pytest.raises(DomainError, match="dalam paket tidak tersedia"):
        order(coop, buyer, ("bundle", shop.hamper, 1))

    assert not Order.objects.exists()


def test_it_refuses_an_inactive_bundle(coop, shop, buyer):
    Bundle.objects.filter(pk=shop.hamper.pk).update(active=False)

    with pytest.raises(DomainError, match="Paket tidak tersedia"):
        order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))

    assert not Order.objects.exists()
    assert stock(shop.coffee, shop.batik) == (20, 5)


def test_it_reserves_exactly_the_units_ordered_alone_and_inside_bundles(coop, shop, buyer):
    placed = order(coop, buyer, ("product", shop.coffee, 3), ("bundle", shop.hamper, 2),
                   ("product", shop.batik, 1))

    # Coffee: 3 alone + 2 hampers x 2; batik: 1 alone + 2 hampers x 1.
    assert stock(shop.coffee, shop.batik) == (20 - 7, 5 - 3)
    handed = {}
    for line in placed.fulfilment.all():
        handed[line.product_id] = handed.get(line.product_id, 0) + line.quantity
    assert handed == {shop.coffee.pk: 7, shop.batik.pk: 3}
    assert placed.subtotal == 3 * Decimal(45000) + 2 * Decimal(380000) + Decimal(350000)
    assert placed.weight_grams == 7 * 250 + 3 * 400


def test_it_counts_a_product_alone_and_in_a_bundle_together_against_its_stock(coop, shop,
                                                                             buyer):
    Product.objects.filter(pk=shop.coffee.pk).update(stock=6)

    # 3 alone + 2 hampers x 2 = 7 coffees, one more than there are; each part fits alone.
    with pytest.raises(DomainError, match="Stok Kopi Merapi 250 g tinggal 6"):
        order(coop, buyer, ("product", shop.coffee, 3), ("bundle", shop.hamper, 2))

    assert stock(shop.coffee, shop.batik) == (6, 5)
    assert not Order.objects.exists()
    order(coop, buyer, ("product", shop.coffee, 2), ("bundle", shop.hamper, 2))
    assert stock(shop.coffee, shop.batik) == (0, 3)


def test_a_business_buyer_pays_the_wholesale_tier_they_reach(coop, shop, buyer,
                                                            business_buyer):
    Product.objects.filter(pk=shop.coffee.pk).update(stock=100)
    PriceTier.objects.bulk_create([
        PriceTier(cooperative=coop, product=shop.coffee, min_qty=5, price=Decimal(40000)),
        PriceTier(cooperative=coop, product=shop.coffee, min_qty=10, price=Decimal(36000)),
    ])

    def unit_price(who, quantity):
        return order(coop, who, ("product", shop.coffee, quantity)).lines.get().unit_price

    assert unit_price(business_buyer, 4) == Decimal(45000)
    assert unit_price(business_buyer, 5) == Decimal(40000)
    assert unit_price(business_buyer, 10) == Decimal(36000)
    # A retail buyer pays the retail price whatever the quantity.
    assert unit_price(buyer, 10) == Decimal(45000)


def test_a_wholesale_price_is_what_the_maker_is_credited_for(coop, shop, business_buyer):
    PriceTier.objects.create(cooperative=coop, product=shop.coffee, min_qty=10,
                             price=Decimal(36000))

    placed = order(coop, business_buyer, ("product", shop.coffee, 10))

    line = placed.fulfilment.get()
    assert (line.sale_amount, line.commission) == (Decimal(360000), Decimal(36000))
    assert placed.total == Decimal(360000)


def test_a_cooperative_that_is_not_pkp_charges_no_ppn(coop, shop, buyer):
    assert not coop.is_pkp

    placed = order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))

    assert (placed.subtotal, placed.ppn_rate, placed.ppn_amount, placed.total) == (
        Decimal(425000), Decimal(0), Decimal(0), Decimal(425000))


def test_a_pkp_cooperative_adds_ppn_on_top_of_the_subtotal(coop, shop, buyer):
    coop.is_pkp = True
    coop.ppn_rate = Decimal(11)
    coop.save()

    placed = order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))

    assert (placed.subtotal, placed.ppn_rate, placed.ppn_amount, placed.total) == (
        Decimal(425000), Decimal(11), Decimal(46750), Decimal(471750))
    # The makers are credited on the price before tax.
    assert sum(f.sale_amount for f in placed.fulfilment.all()) == Decimal(425000)


def test_a_bundle_line_is_shared_by_the_agreed_price_per_bundle(coop, shop, buyer, board):
    # The agreed prices are each maker's price for their part of one bundle (three
    # coffees together: 70.000) and need not add up to the bundle's price.
    gift = save_bundle(bundle=Bundle(cooperative=coop, name="Paket Kopi", price=Decimal(380000)),
                       items=[(shop.coffee, 3, Decimal(70000)), (shop.batik, 1, Decimal(300000))],
                       actor=board)

    placed = order(coop, buyer, ("bundle", gift, 2))

    shares = {f.member_id: (f.quantity, f.sale_amount) for f in placed.fulfilment.all()}
    # 760.000 split 70 : 300 is 143.783,78 and 616.216,22; the rupiah left by rounding
    # down goes to the larger remainder, so the shares add up to the line exactly.
    assert shares == {shop.coffee_maker.pk: (6, Decimal(143784)),
                      shop.batik_maker.pk: (2, Decimal(616216))}


def test_order_numbers_run_per_cooperative_and_are_never_reused(coop, other_coop, shop, buyer,
                                                                board):
    first = order(coop, buyer, ("product", shop.coffee, 1))
    ordering.cancel_order(order=first, actor=board, reason="Salah pesan")
    with pytest.raises(DomainError):
        order(coop, buyer, ("product", shop.coffee, 999))  # refused: takes no number
    second = order(coop, buyer, ("product", shop.coffee, 1))
    with scope(cooperative=other_coop):
        maker = MemberFactory(cooperative=other_coop)
        cat = Category.objects.create(cooperative=other_coop, name="Kopi")
        elsewhere = Product.objects.create(
            cooperative=other_coop, member=maker, name="Kopi Gayo", category=cat,
            net_weight_grams=250, price=Decimal(60000), stock=5, status=Product.Status.APPROVED)
        their_buyer = Buyer.objects.create(cooperative=other_coop, name="Rina",
                                           email="rina@contoh.id", phone="+6281234567891")
        theirs = order(other_coop, their_buyer, ("product", elsewhere, 1))

    assert (first.display_number, second.display_number) == ("PSN-000001", "PSN-000002")
    assert theirs.display_number == "PSN-000001"


def test_an_empty_cart_is_refused(coop, shop, buyer):
    with pytest.raises(DomainError, match="Keranjang kosong"):
        order(coop, buyer, ("product", shop.coffee, 0))
