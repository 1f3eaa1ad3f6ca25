"""The closing rule of a collective purchase: whole packs, tolerance, queue order."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guyub.purchasing.closing_rules import (
    Commitment,
    allocate,
    next_tier,
    packs_to_order,
    tier_price,
)


def queue_of(*specs):
    return [Commitment(member_id=m, quantity=D(q), tolerance=D(t), seq=i)
            for i, (m, q, t) in enumerate(specs)]


@pytest.mark.parametrize("total, tolerance, pack, minimum, packs", [
    ("100", "0", "50", "0", 2),      # exactly two sacks
    ("120", "0", "50", "0", 2),      # 20 kg short of a third: not ordered
    ("120", "30", "50", "0", 3),     # the tolerance fills the third sack
    ("120", "29", "50", "0", 2),     # one kilo short
    ("0", "80", "50", "0", 0),       # tolerance alone never opens a pack
    ("100", "0", "50", "150", 0),    # below the supplier's minimum: nothing
    ("140", "10", "50", "150", 3),   # tolerance lifts it to the minimum
    ("49", "1", "50", "0", 1),
])
def test_it_orders_whole_packs_only(total, tolerance, pack, minimum, packs):
    assert packs_to_order(D(total), D(tolerance), D(pack), D(minimum)) == packs


def test_firm_quantities_come_first_in_queue_order_then_tolerances():
    result = allocate(queue_of((1, "30", "20"), (2, "40", "0"), (3, "50", "10")),
                      pack_size=D("50"))
    # 120 firm + 30 tolerance -> 3 sacks = 150: all firm, then 20 + 10 of tolerance.
    assert result.packs == 3
    assert result.firm == {1: D(30), 2: D(40), 3: D(50)}
    assert result.from_tolerance == {1: D(20), 3: D(10)}


def test_latecomers_lose_out_when_packs_run_short():
    result = allocate(queue_of((1, "40", "0"), (2, "40", "0"), (3, "30", "0")), pack_size=D("50"))
    # 110 -> 2 sacks: the first two in the queue are served, the third gets 10.
    assert result.ordered == D(100)
    assert result.firm == {1: D(40), 2: D(40), 3: D(20)}


def test_tier_price_is_the_best_tier_reached_and_the_next_tier_is_reported():
    tiers = [(D(0), D(9800)), (D(1000), D(9300)), (D(5000), D(8900))]
    assert tier_price(tiers, D(999)) == D(9800)
    assert tier_price(tiers, D(1000)) == D(9300)
    assert tier_price(tiers, D(7000)) == D(8900)
    assert next_tier(tiers, D(800)) == (D(1000), D(9300))
    assert next_tier(tiers, D(6000)) is None


commitments = st.lists(
    st.tuples(st.integers(1, 8), st.integers(0, 300), st.integers(0, 60)),
    min_size=0, max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(commitments, st.sampled_from([D(5), D(25), D(50)]), st.integers(0, 400))
def test_allocation_invariants(specs, pack, minimum):
    queue = queue_of(*[(m, str(q), str(t)) for m, q, t in specs])
    result = allocate(queue, pack_size=pack, min_order=D(minimum))
    allocated = sum(result.firm.values(), D(0)) + sum(result.from_tolerance.values(), D(0))
    total = sum((r.quantity for r in queue), D(0))
    # Never more than the ordered packs, and every ordered unit goes to someone.
    assert allocated == result.ordered == result.packs * pack
    # Tolerance never opens a pack on its own.
    assert result.ordered < total + pack
    for member in {r.member_id for r in queue}:
        mine = [r for r in queue if r.member_id == member]
        wanted = sum((r.quantity for r in mine), D(0))
        willing = sum((r.tolerance for r in mine), D(0))
        assert result.firm.get(member, D(0)) <= wanted
        assert result.total_for(member) <= wanted + willing
    # Firm before tolerance: if anyone got tolerance, every firm quantity was met.
    if any(result.from_tolerance.values()):
        assert sum(result.firm.values(), D(0)) == total


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 300), st.integers(0, 60)), max_size=25),
       st.sampled_from([D(5), D(25), D(50)]))
def test_nobody_later_in_the_queue_is_served_before_an_earlier_firm_quantity(specs, pack):
    # One row per member, so each member's share is that row's share.
    queue = [Commitment(member_id=i, quantity=D(q), tolerance=D(t), seq=i)
          for i, (q, t) in enumerate(specs)]
    result = allocate(queue, pack_size=pack)
    short = [r.seq for r in queue if result.firm.get(r.member_id, D(0)) < r.quantity]
    if short:
        first_short = short[0]
        assert all(result.firm.get(r.member_id, D(0)) == 0 for r in queue if r.seq > first_short)
