"""rules.split_whole, the integer largest-remainder split the members' shares use, gives
exactly core.money.split_largest_remainder's parts (ties to the earlier part too)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guyub.core.money import split_largest_remainder
from guyub.finance.shu.rules import split_whole

weights = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                      allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12),
       st.lists(weights, min_size=1, max_size=40).filter(lambda ws: sum(ws) > 0))
def test_the_same_parts_as_the_fraction_split(total, ws):
    assert split_whole(Decimal(total), ws) == split_largest_remainder(Decimal(total), ws)


def test_ties_go_to_the_earlier_part_and_weights_of_any_precision_work():
    assert split_whole(Decimal(2), [Decimal(1)] * 3) == [1, 1, 0]
    third = Decimal(1) / Decimal(3)
    assert split_whole(Decimal(10), [third, third * 2]) == split_largest_remainder(
        Decimal(10), [third, third * 2])


@pytest.mark.parametrize("bad", [[Decimal(0)], [Decimal(-1), Decimal(2)],
                                 [Decimal("NaN")]])
def test_no_positive_weight_or_a_negative_one_is_refused(bad):
    with pytest.raises(ValueError):
        split_whole(Decimal(10), bad)
