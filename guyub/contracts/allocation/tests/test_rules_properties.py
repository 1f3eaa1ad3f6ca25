"""Properties of allocate on small random problems, checked against an independent
dynamic programme over every feasible share (reachable totals and least deviation)."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from guyub.contracts.allocation.rules import RULES, Problem, Producer, allocate, shortfall

SETTINGS = settings(max_examples=100, deadline=None)


@st.composite
def problems(draw, whole_lots=False):
    lot = draw(st.integers(1, 3))
    min_lot = draw(st.integers(0, lot if whole_lots else 7))
    keys = draw(st.lists(st.integers(-50, 50), max_size=5, unique=True))
    producers = []
    for key in keys:
        capacity = draw(st.integers(0, 12))
        producers.append(Producer(key=key, capacity=capacity * lot if whole_lots else capacity,
                                  recent_work=draw(st.integers(0, 4)),
                                  tops_up=draw(st.booleans()) and not whole_lots))
    quantity = draw(st.integers(0, 40))
    rule = "proportional" if whole_lots else draw(st.sampled_from(RULES))
    return Problem(quantity=quantity * lot if whole_lots else quantity,
                   producers=tuple(producers), rule=rule, lot=lot, min_lot=min_lot)


def choices(problem, producer):
    """Every share this producer may get, found by enumeration (not by the module's rules)."""
    floor = 0 if producer.tops_up else problem.min_lot
    return [v for v in range(0, producer.capacity + 1, problem.lot) if v == 0 or v >= floor]


def best(problem, ideals):
    """{total: least sum of |share - ideal|} over every feasible combination."""
    table = {0: Fraction(0)}
    for producer in sorted(problem.producers, key=lambda p: p.key):
        ideal = ideals[producer.key]
        step = {}
        for total, cost in table.items():
            for v in choices(problem, producer):
                if total + v <= problem.quantity:
                    new = cost + abs(v - ideal)
                    if step.get(total + v, new + 1) > new:
                        step[total + v] = new
        table = step
    return table


@SETTINGS
@given(problems())
def test_feasible_exact_and_optimal(problem):
    result = allocate(problem)
    ideals = {s.key: s.ideal for s in result.shares}
    table = best(problem, ideals)
    most = max(table)
    # The most that can be met, exactly what was asked when possible, and the shortfall.
    assert result.allocated == most == sum(s.quantity for s in result.shares)
    assert result.shortfall == problem.quantity - most == shortfall(problem)
    # The least total deviation from the ideals among allocations of that total.
    assert sum(abs(s.rounding) for s in result.shares) == table[most]


@SETTINGS
@given(problems())
def test_shares_respect_capacity_lot_and_min_lot(problem):
    result = allocate(problem)
    by_key = {p.key: p for p in problem.producers}
    assert [s.key for s in result.shares] == sorted(by_key)
    for share in result.shares:
        producer = by_key[share.key]
        assert 0 <= share.quantity <= producer.capacity
        assert share.quantity % problem.lot == 0
        assert share.quantity in choices(problem, producer)
    assert result.allocated <= problem.quantity


@SETTINGS
@given(problems(whole_lots=True))
def test_proportional_within_one_lot(problem):
    result = allocate(problem)
    total = sum(p.capacity for p in problem.producers)
    assert result.shortfall == max(0, problem.quantity - total)
    for share in result.shares:
        assert share.ideal == (min(problem.quantity, total) * Fraction(share.capacity, total)
                               if total else 0)
        assert abs(share.rounding) < problem.lot


@SETTINGS
@given(problems(), st.randoms(use_true_random=False))
def test_same_input_same_output(problem, rng):
    first = allocate(problem)
    assert allocate(problem) == first
    shuffled = list(problem.producers)
    rng.shuffle(shuffled)
    again = allocate(Problem(problem.quantity, tuple(shuffled), problem.rule, problem.lot,
                             problem.min_lot))
    assert again == first


@SETTINGS
@given(problems())
def test_rules_ideals(problem):
    result = allocate(problem)
    usable = [s.usable for s in result.shares]
    amount = min(problem.quantity, sum(usable))
    assert sum(s.ideal for s in result.shares) == amount
    assert all(0 <= s.ideal <= s.usable for s in result.shares)
    if problem.rule == "equal":
        # Water-filling: whoever is below their capacity gets the highest ideal.
        top = max((s.ideal for s in result.shares), default=0)
        assert all(s.ideal == top for s in result.shares if s.ideal < s.usable)
    if problem.rule == "rotation":
        # Nobody gets work while someone who worked less (or ties with a lower key) has room.
        order = sorted(result.shares, key=lambda s: (s.recent_work, s.key))
        for before, after in zip(order, order[1:], strict=False):
            assert after.ideal == 0 or before.ideal == before.usable
