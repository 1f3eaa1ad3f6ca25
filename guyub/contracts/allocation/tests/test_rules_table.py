"""Hand-checked allocations, one table row each, and the functions around allocate."""

import random
from fractions import Fraction as F

import pytest

from guyub.contracts.allocation import rules
from guyub.contracts.allocation.rules import (
    Problem,
    Producer,
    allocate,
    explain,
    shortfall,
    spare_problem,
)


def producers(*capacities, recent=None):
    recent = recent or [0] * len(capacities)
    return tuple(Producer(key=k + 1, capacity=c, recent_work=r)
                 for k, (c, r) in enumerate(zip(capacities, recent, strict=True)))


# (name, problem, shares by key order, shortfall)
CASES = [
    # Ideals 5/3, 10/3, 5: floors 1, 3, 5 leave one kg for the largest remainder (2/3).
    ("proportional kg", Problem(10, producers(10, 20, 30)), [2, 3, 5], 0),
    ("proportional exact", Problem(30, producers(10, 20, 30)), [5, 10, 15], 0),
    ("everything", Problem(60, producers(10, 20, 30)), [10, 20, 30], 0),
    # 60-kg sacks: the third producer's 45 kg is not a whole sack, so it does not count.
    ("sacks", Problem(240, producers(120, 120, 45), lot=60), [120, 120, 0], 0),
    # Ideals 90 and 90 are 1.5 sacks each: the tie goes to the lower key.
    ("sacks tie", Problem(180, producers(120, 120, 45), lot=60), [120, 60, 0], 0),
    ("sacks proportional", Problem(50, producers(40, 40, 20), lot=10), [20, 20, 10], 0),
    # Ideals 40/3 each = 1 1/3 sacks: one extra sack, to the lowest key on the tie.
    ("sack tie to lowest key", Problem(40, producers(30, 30, 30), lot=10), [20, 10, 10], 0),
    # 7 kg in 2-kg bags: at most 6, ideals 7/3 each.
    ("not a whole lot", Problem(7, producers(10, 10, 10), lot=2), [2, 2, 2], 1),
    ("capacity short", Problem(100, producers(30, 20)), [30, 20], 50),
    # min_lot 25 takes the first producer (20 kg) out; the others split 60.
    ("min lot excludes", Problem(60, producers(20, 40, 40), min_lot=25), [0, 30, 30], 0),
    ("min lot met", Problem(60, producers(40, 40, 40), min_lot=20), [20, 20, 20], 0),
    ("equal water-filling", Problem(25, producers(5, 20, 30), rule="equal"), [5, 10, 10], 0),
    ("equal remainder to lowest key", Problem(10, producers(10, 10, 10), rule="equal"),
     [4, 3, 3], 0),
    ("rotation least recent first",
     Problem(25, producers(10, 20, 30, recent=[0, 5, 1]), rule="rotation"), [10, 0, 15], 0),
    ("rotation tie by key", Problem(15, producers(10, 10), rule="rotation"), [10, 5], 0),
    ("rotation in sacks",
     Problem(30, producers(20, 20, 20, recent=[3, 1, 2]), rule="rotation", lot=10),
     [0, 20, 10], 0),
    ("nothing asked", Problem(0, producers(10, 20)), [0, 0], 0),
    ("no capacity", Problem(10, producers(0, 0)), [0, 0], 10),
    ("no producers", Problem(10, ()), [], 10),
]


@pytest.mark.parametrize("name,problem,expected,short", CASES, ids=[c[0] for c in CASES])
def test_table(name, problem, expected, short):
    result = allocate(problem)
    assert [s.quantity for s in result.shares] == expected
    assert result.shortfall == short == shortfall(problem)
    assert result.allocated == sum(expected) == problem.quantity - short
    assert [s.key for s in result.shares] == sorted(p.key for p in problem.producers)


def test_min_lot_two_of_ten():
    # 100 kg, at least 50 each: two producers at 50 (deviation 160) beat one at 100 (180).
    # Which two is a tie among equals: the lowest keys.
    result = allocate(Problem(100, producers(*[100] * 10), min_lot=50))
    assert [s.quantity for s in result.shares] == [50, 50] + [0] * 8
    assert result.shortfall == 0


def test_min_lot_makes_exact_impossible():
    # 0, 40..50 or 80..100 can be reached: 70 cannot, 50 is the most below it.
    problem = Problem(70, producers(50, 50), min_lot=40)
    result = allocate(problem)
    assert [s.quantity for s in result.shares] == [50, 0]
    assert result.shortfall == shortfall(problem) == 20


def test_ideals():
    result = allocate(Problem(10, producers(10, 20, 30)))
    assert [s.ideal for s in result.shares] == [F(5, 3), F(10, 3), F(5)]
    assert result.shares[0].rounding == F(1, 3)
    equal = allocate(Problem(25, producers(5, 20, 30), rule="equal"))
    assert [s.ideal for s in equal.shares] == [5, 10, 10]
    capped = allocate(Problem(100, producers(30, 20)))
    assert [s.ideal for s in capped.shares] == [30, 20]


def test_order_of_producers_does_not_matter():
    many = producers(*[7, 13, 13, 29, 4, 4, 18, 11] * 5)
    problem = Problem(157, many, lot=2, min_lot=6)
    first = allocate(problem)
    rng = random.Random(3)
    for _ in range(3):
        shuffled = list(many)
        rng.shuffle(shuffled)
        assert allocate(Problem(157, tuple(shuffled), lot=2, min_lot=6)) == first


def test_explain():
    result = allocate(Problem(10, producers(10, 20, 30)))
    assert explain(result, 1) == {
        "key": 1, "rule": "proportional", "capacity": 10, "usable_capacity": 10,
        "total_capacity": 60, "recent_work": 0, "quantity": 10, "allocated": 10,
        "shortfall": 0, "ideal": F(5, 3), "share": 2, "rounding": F(1, 3),
    }
    sacks = allocate(Problem(240, producers(120, 120, 45), lot=60))
    data = explain(sacks, 3)
    assert (data["capacity"], data["usable_capacity"], data["total_capacity"]) == (45, 0, 240)
    assert (data["ideal"], data["share"]) == (0, 0)
    with pytest.raises(ValueError, match="producer 9"):
        explain(result, 9)


def test_spare_problem_redistributes_withdrawn_share():
    problem = Problem(30, producers(10, 20, 30))
    first = allocate(problem)
    spare = spare_problem(problem, first, {3})
    assert spare.quantity == 15
    assert [(p.key, p.capacity, p.tops_up) for p in spare.producers] == [
        (1, 5, True), (2, 10, True)]
    assert [s.quantity for s in allocate(spare).shares] == [5, 10]


def test_spare_problem_min_lot_does_not_apply_to_top_ups():
    problem = Problem(60, producers(40, 40, 40, 40), min_lot=20)
    first = allocate(problem)
    assert sorted(s.quantity for s in first.shares) == [0, 20, 20, 20]
    holder = next(s.key for s in first.shares if s.quantity)
    idle = next(s.key for s in first.shares if not s.quantity)
    # Part of one delivery rejected: 10 kg, less than min_lot, split among the rest.
    spare = spare_problem(problem, first, {holder}, missing=10)
    assert spare.quantity == 10 and spare.min_lot == 20
    again = allocate(spare)
    assert again.shortfall == 0
    assert again.share(idle).quantity == 0  # a newcomer would need 20
    assert sum(s.quantity for s in again.shares) == 10
    for share in again.shares:
        assert share.quantity <= share.capacity


def test_spare_problem_checks_keys():
    problem = Problem(30, producers(10, 20, 30))
    with pytest.raises(ValueError, match=r"\[7\]"):
        spare_problem(problem, allocate(problem), {7})
    with pytest.raises(ValueError, match="missing"):
        spare_problem(problem, allocate(problem), {1}, missing=-1)


@pytest.mark.parametrize("problem,message", [
    (Problem(-1, producers(10)), "quantity"),
    (Problem(10, producers(-5)), "capacity"),
    (Problem(10, producers(5, recent=[-1])), "recent_work"),
    (Problem(10, producers(5), lot=0), "lot"),
    (Problem(10, producers(5), min_lot=-2), "min_lot"),
    (Problem(10, producers(5), rule="lottery"), "unknown rule"),
    (Problem(10, (Producer(1, 5), Producer(1, 6))), "duplicate producer key 1"),
])
def test_invalid(problem, message):
    with pytest.raises(ValueError, match=message):
        allocate(problem)
    with pytest.raises(ValueError, match=message):
        shortfall(problem)


@pytest.mark.parametrize("problem", [
    Problem(0, producers(10, 20)),
    Problem(10, ()),
    Problem(10, producers(0, 3), lot=5),
    Problem(10, producers(10, 20), min_lot=11, lot=11),
], ids=["nothing asked", "no producers", "no whole lot", "below one lot"])
def test_trivial_cases_do_not_call_the_solver(problem, monkeypatch):
    def refuse(model):
        raise AssertionError("milp called")

    monkeypatch.setattr(rules, "solve_model", refuse)
    result = allocate(problem)
    assert result.allocated == 0
    assert result.shortfall == problem.quantity
