"""Rupiah: rounded in one place, shown the Indonesian way, split without losing any."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guyub.core.money import format_rupiah, split_largest_remainder, to_rupiah


@pytest.mark.parametrize(("amount", "shown"), [
    (Decimal("1250000"), "Rp1.250.000"),
    (1250000, "Rp1.250.000"),
    ("1250000", "Rp1.250.000"),
    (Decimal("0"), "Rp0"),
    (Decimal("999"), "Rp999"),
    (Decimal("1000"), "Rp1.000"),
    (Decimal("10000000000"), "Rp10.000.000.000"),
    (Decimal("-5000"), "-Rp5.000"),
    (Decimal("-1250000"), "-Rp1.250.000"),
])
def test_it_formats_rupiah_the_indonesian_way(amount, shown):
    assert format_rupiah(amount) == shown


@pytest.mark.parametrize(("amount", "shown"), [
    (Decimal("0.5"), "Rp1"),
    (Decimal("2.5"), "Rp3"),       # half up, not to even (which would give Rp2)
    (Decimal("1249999.5"), "Rp1.250.000"),
    (Decimal("1249999.49"), "Rp1.249.999"),
    (Decimal("-2.5"), "-Rp3"),     # half away from zero: a refund rounds like a charge
    (Decimal("-0.4"), "Rp0"),      # nothing left to owe: no minus sign on zero
])
def test_it_rounds_half_up_to_whole_rupiah(amount, shown):
    assert format_rupiah(amount) == shown


def test_nothing_is_shown_as_a_dash():
    assert format_rupiah(None) == "–"


def test_to_rupiah_rounds_half_up():
    assert to_rupiah(Decimal("10.5")) == Decimal("11")
    assert to_rupiah(Decimal("11.5")) == Decimal("12")
    assert to_rupiah(Decimal("10.49")) == Decimal("10")


# --- largest remainder -----------------------------------------------------------------

totals = st.integers(min_value=-10**12, max_value=10**12).map(Decimal)
weights = st.lists(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    min_size=1, max_size=40,
).filter(lambda ws: sum(ws) > 0)


@given(total=totals, ws=weights)
def test_the_parts_always_add_up_to_the_total(total, ws):
    parts = split_largest_remainder(total, ws)
    assert len(parts) == len(ws)
    assert sum(parts) == total
    assert all(p == p.to_integral_value() for p in parts)


@given(total=totals, ws=weights)
def test_each_part_is_within_one_rupiah_of_its_exact_share(total, ws):
    weight_sum = sum(ws)
    for part, w in zip(split_largest_remainder(total, ws), ws, strict=True):
        assert abs(part - total * w / weight_sum) < 1


@given(total=st.integers(min_value=0, max_value=10**12).map(Decimal), ws=weights)
def test_a_zero_weight_gets_nothing_and_no_part_is_negative(total, ws):
    for part, w in zip(split_largest_remainder(total, ws), ws, strict=True):
        assert part >= 0
        if w == 0:
            assert part == 0


@given(total=totals, ws=weights)
def test_the_same_split_gives_the_same_parts(total, ws):
    assert split_largest_remainder(total, ws) == split_largest_remainder(total, list(ws))


def test_a_tie_goes_to_the_earlier_part():
    assert split_largest_remainder(Decimal("10"), [1, 1, 1]) == [4, 3, 3]
    assert split_largest_remainder(Decimal("1"), [Decimal("1"), Decimal("1")]) == [1, 0]
    assert split_largest_remainder(Decimal("2"), [1, 1, 1]) == [1, 1, 0]
    # Shares 4/3, 1/3, 1/3: all three remainders are exactly a third, so the one
    # rupiah left goes to the first part. Inexact Decimal remainders gave [1, 1, 0].
    assert split_largest_remainder(Decimal("2"), [4, 1, 1]) == [2, 0, 0]
    assert split_largest_remainder(Decimal("2"), [Decimal("4"), Decimal("1"),
                                                  Decimal("1")]) == [2, 0, 0]


@given(total=totals, ws=weights)
def test_left_over_rupiah_go_by_exact_remainder_then_to_the_earlier_part(total, ws):
    # The promise checked against exact arithmetic: a part that got the extra rupiah has a
    # remainder at least as large as any part that did not, and strictly larger than any
    # earlier part that did not.
    from fractions import Fraction

    parts = split_largest_remainder(total, ws)
    weight_sum = Fraction(sum(ws))
    exact = [Fraction(int(total)) * Fraction(w) / weight_sum for w in ws]
    remainders = [e - (e.numerator // e.denominator) for e in exact]
    bumped = [Fraction(int(p)) > e for p, e in zip(parts, exact, strict=True)]
    for i, got in enumerate(bumped):
        for j, other in enumerate(bumped):
            if got and not other:
                assert remainders[i] > remainders[j] or (remainders[i] == remainders[j] and i < j)


@given(n=st.integers(min_value=1, max_value=30), repeat=st.integers(min_value=1, max_value=8),
       total=st.integers(min_value=0, max_value=10**6))
def test_equal_weights_give_the_left_over_to_the_first_parts(n, repeat, total):
    # Weights k:1:1…: the 1-weights tie exactly; the left-over rupiah never skip ahead.
    ws = [Decimal(repeat)] + [Decimal(1)] * n
    parts = split_largest_remainder(Decimal(total), ws)
    tail = parts[1:]
    assert tail == sorted(tail, reverse=True)


def test_the_largest_remainder_gets_the_left_over_rupiah():
    # Exact shares 3.3, 3.6, 3.1: floors 3+3+3 = 9, the one rupiah left goes to 3.6.
    assert split_largest_remainder(Decimal("10"), [Decimal("33"), Decimal("36"),
                                                   Decimal("31")]) == [3, 4, 3]


def test_an_amount_with_sen_is_rounded_before_it_is_split():
    parts = split_largest_remainder(Decimal("100.50"), [1, 1])
    assert parts == [51, 50]


def test_weights_that_sum_to_nothing_are_refused():
    with pytest.raises(ValueError):
        split_largest_remainder(Decimal("100"), [Decimal("0"), Decimal("0")])


def test_a_negative_weight_is_refused():
    # A share of the surplus cannot be negative; silently taking money from one member
    # to give another would still "add up".
    with pytest.raises(ValueError):
        split_largest_remainder(Decimal("100"), [Decimal("3"), Decimal("-1")])


def test_an_amount_cannot_be_split_among_nobody():
    with pytest.raises(ValueError):
        split_largest_remainder(Decimal("100"), [])
    assert split_largest_remainder(Decimal("0"), []) == []
