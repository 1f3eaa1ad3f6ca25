"""Wholesale price tiers (pure validation) and the price a buyer pays."""

from decimal import Decimal

import pytest

from guyub.catalog.services import check_tiers
from guyub.core.errors import DomainError

RETAIL = Decimal("15000")


@pytest.mark.parametrize("tiers", [
    [],
    [(10, Decimal("14000"))],
    [(10, Decimal("14000")), (50, Decimal("13000")), (100, Decimal("12500"))],
    [(100, Decimal("12500")), (10, Decimal("14000"))],   # any order: sorted by quantity
])
def test_tiers_that_get_cheaper_as_quantity_grows_are_accepted(tiers):
    check_tiers(RETAIL, tiers)


@pytest.mark.parametrize("tiers, message", [
    ([(10, Decimal("15000"))], "Harga grosir harus turun ketika jumlah naik."),
    ([(10, Decimal("16000"))], "Harga grosir harus turun ketika jumlah naik."),
    ([(10, Decimal("14000")), (50, Decimal("14000"))],
     "Harga grosir harus turun ketika jumlah naik."),
    ([(10, Decimal("13000")), (50, Decimal("14000"))],
     "Harga grosir harus turun ketika jumlah naik."),
    ([(10, Decimal("14000")), (10, Decimal("13000"))], "Jumlah minimal grosir tidak boleh sama."),
    ([(1, Decimal("14000"))], "Harga grosir berlaku mulai pembelian 2 atau lebih."),
    ([(10, Decimal("0"))], "Harga grosir paling sedikit Rp1."),
])
def test_tiers_that_do_not_get_cheaper_or_repeat_a_quantity_are_refused(tiers, message):
    with pytest.raises(DomainError) as refused:
        check_tiers(RETAIL, tiers)
    assert refused.value.message == message
    assert refused.value.field == "tiers"


def test_set_tiers_refuses_before_deleting_the_old_tiers(
        member_client, food, make_product, in_scope):
    from guyub.catalog import selectors, services

    product = make_product(member_client.member, food)
    with in_scope():
        services.set_tiers(product=product, tiers=[(10, Decimal("14000"))])
        with pytest.raises(DomainError):
            services.set_tiers(product=product, tiers=[(10, Decimal("99000"))])
        assert list(product.tiers.values_list("min_qty", "price")) == [(10, 14000)]
        assert selectors.unit_price(product, 12, business=True) == 14000
        assert selectors.unit_price(product, 12, business=False) == RETAIL
        assert selectors.unit_price(product, 9, business=True) == RETAIL
