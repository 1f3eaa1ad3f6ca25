"""The pure money splits of a sale: bundle shares, shipping shares, commission and PPN.

No database: each rule is checked on worked examples and, where it is an invariant
(shares add up, stay within a rupiah of the exact proportion), with Hypothesis.
"""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guyub.sales.splits import bundle_shares, commission, ppn, shipping_shares

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
    (Decimal(380000), [Decimal(160000), Decimal(300000)], [Decimal(132174), Decimal(247826)]),
    # Exact proportions need no rounding.
    (Decimal(300000), [Decimal(100000), Decimal(200000)], [Decimal(100000), Decimal(200000)]),
    # 100 in thirds: the spare rupiah goes to the first of three equal remainders.
    (Decimal(100), [Decimal(1), Decimal(1), Decimal(1)], [Decimal(34), Decimal(33), Decimal(33)]),
    # 10 split 1:1:1:1:1:1 -> 1.666..: four spare rupiah go to the first four.
    (Decimal(10), [Decimal(1)] * 6, [Decimal(2)] * 4 + [Decimal(1)] * 2),
    # The largest remainder wins even when it comes last: 7 * (1/9, 3/9, 5/9).
    (Decimal(7), [Decimal(1), Decimal(3), Decimal(5)], [Decimal(1), Decimal(2), Decimal(4)]),
    # A bundle sold at a discount to the agreed prices still shares out all of it.
    (Decimal(99999), [Decimal(50000)] * 3, [Decimal(33333)] * 3),
    (Decimal(0), [Decimal(5), Decimal(7)], [Decimal(0), Decimal(0)]),
    (Decimal(12345), [Decimal(1)], [Decimal(12345)]),
])
def test_bundle_shares_split_by_largest_remainder(line_total, agreed, expected):
    assert bundle_shares(line_total, agreed) == expected


def test_bundle_shares_refuse_a_bundle_without_components():
    with pytest.raises(ValueError):
        bundle_shares(Decimal(1000), [])


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
    (Decimal(30000), [1000, 2000], [Decimal(10000), Decimal(20000)]),
    (Decimal(10000), [1, 1, 1], [Decimal(3334), Decimal(3333), Decimal(3333)]),
    # Orders of no recorded weight share equally.
    (Decimal(10000), [0, 0, 0], [Decimal(3334), Decimal(3333), Decimal(3333)]),
    (Decimal(5), [0, 0], [Decimal(3), Decimal(2)]),
    # A weightless order next to a weighed one carries none of the cost.
    (Decimal(9000), [0, 500], [Decimal(0), Decimal(9000)]),
    (Decimal(0), [250, 750], [Decimal(0), Decimal(0)]),
    (Decimal(25000), [], []),
])
def test_shipping_shares_follow_the_weight(cost, grams, expected):
    assert shipping_shares(cost, grams) == expected


@given(cost=rupiah, grams=weights)
def test_shipping_shares_add_up_to_the_cost(cost, grams):
    shares = shipping_shares(cost, grams)
    basis = [Decimal(g) for g in grams] if sum(grams) else [Decimal(1)] * len(grams)
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
    (Decimal(45000), Decimal(10), Decimal(4500)),
    (Decimal(132174), Decimal(10), Decimal(13217)),   # 13.217,4 -> down
    (Decimal(247826), Decimal(15), Decimal(37174)),   # 37.173,9 -> up
    # Exactly half a rupiah goes up, also where banker's rounding would go to even.
    (Decimal(25), Decimal(10), Decimal(3)),
    (Decimal(45), Decimal(10), Decimal(5)),
    (Decimal(5), Decimal(10), Decimal(1)),
    (Decimal(15), Decimal(10), Decimal(2)),
    (Decimal(1), Decimal("12.5"), Decimal(0)),        # 0,125 -> 0
    (Decimal(4), Decimal("12.5"), Decimal(1)),        # 0,5 -> 1
    (Decimal(100000), Decimal(0), Decimal(0)),
    (Decimal(100000), Decimal(100), Decimal(100000)),
])
def test_commission_rounds_half_up_to_whole_rupiah(amount, pct, expected):
    assert commission(amount, pct) == expected


@given(amount=rupiah, pct=percentages)
def test_commission_is_the_exact_fee_rounded_half_up(amount, pct):
    fee = commission(amount, pct)
    exact = amount * pct / 100
    assert fee == fee.to_integral_value()
    assert -Decimal("0.5") < fee - exact <= Decimal("0.5")
    # Never more than the sale: the maker's earning is never negative.
    assert Decimal(0) <= fee <= amount


# --- PPN ---------------------------------------------------------------------------


@pytest.mark.parametrize(("subtotal", "rate", "expected"), [
    (Decimal(425000), Decimal(11), Decimal(46750)),
    (Decimal(45000), Decimal(11), Decimal(4950)),
    (Decimal(50), Decimal(11), Decimal(6)),           # 5,5 -> 6
    (Decimal(49), Decimal(11), Decimal(5)),           # 5,39 -> 5
    (Decimal(1000), Decimal(12), Decimal(120)),
    (Decimal(123457), Decimal(11), Decimal(13580)),   # 13.580,27 -> 13.580
    (Decimal(0), Decimal(11), Decimal(0)),
    (Decimal(425000), Decimal(0), Decimal(0)),
])
def test_ppn_is_rounded_half_up_to_whole_rupiah(subtotal, rate, expected):
    assert ppn(subtotal, rate) == expected


@given(subtotal=rupiah, rate=percentages)
def test_ppn_is_within_half_a_rupiah_of_the_exact_tax(subtotal, rate):
    tax = ppn(subtotal, rate)
    exact = subtotal * rate / 100
    assert tax == tax.to_integral_value()
    assert -Decimal("0.5") < tax - exact <= Decimal("0.5")
