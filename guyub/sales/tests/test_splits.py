"""The pure money splits of a sale: bundle shares, shipping shares, commission and PPN.

No database: each rule is checked on worked examples and, where it is an invariant
(shares add up, stay within a rupiah of the exact proportion), with Hypothesis.
"""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guyub.sales.splits import bundle_shares, commission, ppn, shipping_shares

D = Decimal

rupiah = st.integers(min_value=0, max_value=10**12).map(Decimal)
agreed_prices = st.lists(st.integers(min_value=1, max_value=10**9).map(Decimal),
                         min_size=1, max_size=12)
weights = st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=30)
percentages = st.decimals(min_value=0, max_value=100, places=2)


def assert_largest_remainder(total: Decimal, parts: list[Decimal], exact: list[Decimal]):
    """Each part is its exact share rounded down or up by less than one rupiah, and the
    rupiah handed out on top go to the largest remainders (ties to the earlier part)."""
    assert sum(parts) == total
    floors = [e.to_integral_value(rounding="ROUND_FLOOR") for e in exact]
    for part, floor in zip(parts, floors, strict=True):
        assert part in (floor, floor + 1)
        assert part == part.to_integral_value()
    bumped = [i for i, (p, f) in enumerate(zip(parts, floors, strict=True)) if p > f]
    kept = [i for i in range(len(parts)) if i not in bumped]
    for b in bumped:
        for k in kept:
            rb, rk = exact[b] - floors[b], exact[k] - floors[k]
            assert rb > rk or (rb == rk and b < k)


# --- bundle shares -----------------------------------------------------------------


@pytest.mark.parametrize(("line_total", "agreed", "expected"), [
    # The worked example of the order flow: 380.000 split 160.000 : 300.000.
    (D(380000), [D(160000), D(300000)], [D(132174), D(247826)]),
    # Exact proportions need no rounding.
    (D(300000), [D(100000), D(200000)], [D(100000), D(200000)]),
    # 100 in thirds: the spare rupiah goes to the first of three equal remainders.
    (D(100), [D(1), D(1), D(1)], [D(34), D(33), D(33)]),
    # 10 split 1:1:1:1:1:1 -> 1.666..: four spare rupiah go to the first four.
    (D(10), [D(1)] * 6, [D(2), D(2), D(2), D(2), D(1), D(1)]),
    # The largest remainder wins even when it comes last: 7 * (1/9, 3/9, 5/9).
    (D(7), [D(1), D(3), D(5)], [D(1), D(2), D(4)]),
    # A bundle sold at a discount to the agreed prices still shares out all of it.
    (D(99999), [D(50000), D(50000), D(50000)], [D(33333), D(33333), D(33333)]),
    (D(0), [D(5), D(7)], [D(0), D(0)]),
    (D(12345), [D(1)], [D(12345)]),
])
def test_bundle_shares_split_by_largest_remainder(line_total, agreed, expected):
    assert bundle_shares(line_total, agreed) == expected


def test_bundle_shares_refuse_a_bundle_without_components():
    with pytest.raises(ValueError):
        bundle_shares(D(1000), [])


@given(line_total=rupiah, agreed=agreed_prices)
def test_bundle_shares_add_up_to_the_line_and_stay_within_a_rupiah(line_total, agreed):
    shares = bundle_shares(line_total, agreed)
    exact = [line_total * a / sum(agreed) for a in agreed]
    assert len(shares) == len(agreed)
    assert all(s >= 0 for s in shares)
    assert all(abs(s - e) < 1 for s, e in zip(shares, exact, strict=True))
    assert_largest_remainder(line_total, shares, exact)


# --- shipping shares ---------------------------------------------------------------


@pytest.mark.parametrize(("cost", "grams", "expected"), [
    (D(30000), [1000, 2000], [D(10000), D(20000)]),
    (D(10000), [1, 1, 1], [D(3334), D(3333), D(3333)]),
    # Orders of no recorded weight share equally.
    (D(10000), [0, 0, 0], [D(3334), D(3333), D(3333)]),
    (D(5), [0, 0], [D(3), D(2)]),
    # A weightless order next to a weighed one carries none of the cost.
    (D(9000), [0, 500], [D(0), D(9000)]),
    (D(0), [250, 750], [D(0), D(0)]),
    (D(25000), [], []),
])
def test_shipping_shares_follow_the_weight(cost, grams, expected):
    assert shipping_shares(cost, grams) == expected


@given(cost=rupiah, grams=weights)
def test_shipping_shares_add_up_to_the_cost(cost, grams):
    shares = shipping_shares(cost, grams)
    basis = [D(g) for g in grams] if sum(grams) else [D(1)] * len(grams)
    exact = [cost * b / sum(basis) for b in basis]
    assert len(shares) == len(grams)
    assert all(abs(s - e) < 1 for s, e in zip(shares, exact, strict=True))
    assert_largest_remainder(cost, shares, exact)


@given(cost=rupiah, count=st.integers(min_value=1, max_value=40))
def test_weightless_orders_share_the_cost_equally_to_the_rupiah(cost, count):
    shares = shipping_shares(cost, [0] * count)
    assert sum(shares) == cost
    assert max(shares) - min(shares) <= 1
    # The spare rupiah go to the earlier orders: never a later one above an earlier one.
    assert shares == sorted(shares, reverse=True)


# --- commission --------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "pct", "expected"), [
    (D(45000), D(10), D(4500)),
    (D(132174), D(10), D(13217)),   # 13.217,4 -> down
    (D(247826), D(15), D(37174)),   # 37.173,9 -> up
    # Exactly half a rupiah goes up, also where banker's rounding would go to even.
    (D(25), D(10), D(3)),
    (D(45), D(10), D(5)),
    (D(5), D(10), D(1)),
    (D(15), D(10), D(2)),
    (D(1), D("12.5"), D(0)),        # 0,125 -> 0
    (D(4), D("12.5"), D(1)),        # 0,5 -> 1
    (D(100000), D(0), D(0)),
    (D(100000), D(100), D(100000)),
])
def test_commission_rounds_half_up_to_whole_rupiah(amount, pct, expected):
    assert commission(amount, pct) == expected


@given(amount=rupiah, pct=percentages)
def test_commission_is_the_exact_fee_rounded_half_up(amount, pct):
    fee = commission(amount, pct)
    exact = amount * pct / 100
    assert fee == fee.to_integral_value()
    assert -D("0.5") < fee - exact <= D("0.5")
    # Never more than the sale: the maker's earning is never negative.
    assert D(0) <= fee <= amount


# --- PPN ---------------------------------------------------------------------------


@pytest.mark.parametrize(("subtotal", "rate", "expected"), [
    (D(425000), D(11), D(46750)),
    (D(45000), D(11), D(4950)),
    (D(50), D(11), D(6)),           # 5,5 -> 6
    (D(49), D(11), D(5)),           # 5,39 -> 5
    (D(1000), D(12), D(120)),
    (D(123457), D(11), D(13580)),   # 13.580,27 -> 13.580
    (D(0), D(11), D(0)),
    (D(425000), D(0), D(0)),
])
def test_ppn_is_rounded_half_up_to_whole_rupiah(subtotal, rate, expected):
    assert ppn(subtotal, rate) == expected


@given(subtotal=rupiah, rate=percentages)
def test_ppn_is_within_half_a_rupiah_of_the_exact_tax(subtotal, rate):
    tax = ppn(subtotal, rate)
    exact = subtotal * rate / 100
    assert tax == tax.to_integral_value()
    assert -D("0.5") < tax - exact <= D("0.5")
