"""UMKM scale by PP 7/2021: capital (without land and buildings) and annual sales."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guyub.members.scale import ORDER, umkm_scale

MILIAR = Decimal("1000000000")  # one miliar rupiah
ONE = Decimal(1)


@pytest.mark.parametrize("capital, scale", [
    (Decimal(0), "mikro"),
    (1 * MILIAR, "mikro"),
    (1 * MILIAR + ONE, "kecil"),
    (5 * MILIAR, "kecil"),
    (5 * MILIAR + ONE, "menengah"),
    (10 * MILIAR, "menengah"),
    (10 * MILIAR + ONE, "besar"),
])
def test_it_places_a_business_by_capital_at_the_exact_limits(capital, scale):
    assert umkm_scale(capital, None) == scale


@pytest.mark.parametrize("sales, scale", [
    (Decimal(0), "mikro"),
    (2 * MILIAR, "mikro"),
    (2 * MILIAR + ONE, "kecil"),
    (15 * MILIAR, "kecil"),
    (15 * MILIAR + ONE, "menengah"),
    (50 * MILIAR, "menengah"),
    (50 * MILIAR + ONE, "besar"),
])
def test_it_places_a_business_by_annual_sales_at_the_exact_limits(sales, scale):
    assert umkm_scale(None, sales) == scale


@pytest.mark.parametrize("capital, sales, scale", [
    (Decimal("50000000"), 3 * MILIAR, "kecil"),  # small capital, sales already past micro
    (6 * MILIAR, Decimal("500000000"), "menengah"),  # capital outgrew small, sales did not
    (1 * MILIAR, 2 * MILIAR, "mikro"),  # both exactly at the micro limit
    (Decimal(0), 60 * MILIAR, "besar"),
])
def test_it_takes_the_higher_scale_of_capital_and_sales(capital, sales, scale):
    assert umkm_scale(capital, sales) == scale


def test_it_leaves_the_scale_empty_when_neither_figure_is_known():
    assert umkm_scale(None, None) == ""


rupiah = st.decimals(min_value=0, max_value=100 * MILIAR, places=0, allow_nan=False)


@given(capital=rupiah, sales=rupiah)
def test_the_scale_is_never_lower_than_either_figure_alone(capital, sales):
    both = ORDER.index(umkm_scale(capital, sales))
    assert both >= ORDER.index(umkm_scale(capital, None))
    assert both >= ORDER.index(umkm_scale(None, sales))
    assert umkm_scale(capital, sales) in (umkm_scale(capital, None), umkm_scale(None, sales))


@given(capital=rupiah, sales=rupiah, more=rupiah)
def test_a_business_never_shrinks_in_scale_when_a_figure_grows(capital, sales, more):
    before = ORDER.index(umkm_scale(capital, sales))
    assert ORDER.index(umkm_scale(capital + more, sales)) >= before
    assert ORDER.index(umkm_scale(capital, sales + more)) >= before
