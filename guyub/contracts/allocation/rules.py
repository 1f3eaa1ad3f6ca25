"""The fair split of one contract delivery among member producers.

Pure: no Django, no database. Quantities are whole numbers in the contract's unit.

The model, in lots (a share is ``lot * x_i``):

* Usable capacity ``u_i = capacity_i // lot`` lots, or 0 when that cannot reach the
  producer's minimum ``m_i = ceil(min_lot / lot)`` lots (a producer who only tops up
  an existing share, ``Producer.tops_up``, has no minimum). ``total_capacity`` is the
  sum of the usable capacities, in units.
* What can be allocated is known in closed form, so no first MILP stage is needed:
  with ``T = quantity // lot`` and the producers that have a minimum (``m > 1``)
  sorted by usable capacity, taking ``k`` of them reaches every whole number of lots
  in ``[m k, U_k + F]`` (``U_k`` the ``k`` largest capacities, ``F`` the flexible
  producers' total), so the most that fits is ``min(T, U_k* + F)`` with
  ``k* = min(#rigid, T // m)``. ``shortfall`` is ``quantity`` minus that, in units.
* The rule's ideal share ``ideal_i`` (an exact ``Fraction``) spreads
  ``min(quantity, total_capacity)`` over the usable capacities: proportionally,
  equally by water-filling, or by rotation (least ``recent_work`` first, ties by key).
* ``scipy.optimize.milp`` (HiGHS) then solves, over the producers with ``u_i > 0``::

      minimise    sum_i |x_i - ideal_i / lot|       (sum of absolute deviations, in lots)
      subject to  sum_i x_i = A                     (A: the closed-form maximum)
                  x_i whole, 0 <= x_i <= u_i, and x_i = 0 or x_i >= m_i

  The sum of absolute deviations, not the maximum: with no minimum (``m <= 1``) every
  L1 optimum keeps each share between floor and ceil of its ideal (moving a lot from
  a share above its ideal to one a whole lot below it lowers the sum), so within one
  lot, and gives the extra lots to the largest remainders, as the largest-remainder
  method does. With minimums a producer may be left out (or given more) when the
  deviations balance that way.

  As a MILP, each share is the sum of segment columns of the piecewise-linear
  ``|x - ideal|`` over whole x: slope -1 down to floor(ideal), the chord ``1 - 2 rest``
  for the lot from floor to ceil, then +1. Convex, so the cheaper segment fills first,
  and with the chord the relaxation already costs what the rounding costs: HiGHS
  closes the gap at the root. A producer with a minimum has a binary ``z_i`` that
  brings ``m_i`` lots at the deviation at ``m_i`` and a row letting the segments above
  ``m_i`` fill only when ``z_i = 1``. With no minimum anywhere the segments are bounded
  to floor..ceil (exact, by the argument above), one 0/1 column per producer. The rows
  are the sum, one per producer with a minimum, and a chain ``x_i >= x_j`` among the
  producers with ideal 0 and a minimum (larger capacity first, then lower key: exact,
  as they are interchangeable, and it spares HiGHS their symmetry). At 2,000 producers
  HiGHS needs ~0.1 s; its presolve (switched off) alone took 1.4 s.
* The solution is then polished in exact integer arithmetic: single-lot exchanges
  between two producers are applied while they lower the exact deviation (HiGHS works
  in floating point with tolerances), and while they are ties that move a lot to a
  lower key; then, among producers with the same ideal and minimum (interchangeable),
  the larger shares go to the larger capacities, at equal capacity to the lower key.
  Ties are so settled toward lower keys; any tie neither step reaches is settled by
  HiGHS, deterministically, since the same input (producers sorted by key, whatever
  their order in the Problem) builds the same model.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .solver import Model, Prepared, build_model, polish, solve_model

__all__ = [
    "RULES", "Allocation", "Model", "Prepared", "Problem", "Producer", "Share", "allocate",
    "build_model", "explain", "prepare", "shortfall", "solve_model", "spare_problem",
]

RULES = ("proportional", "equal", "rotation")


@dataclass(frozen=True)
class Producer:
    key: int  # the member's id
    capacity: int  # what they can supply for this delivery, in the contract's unit
    recent_work: int = 0  # rotation: contract work done recently; less goes first
    # Already holds a share of this delivery (a re-allocation): min_lot does not apply,
    # their total already meets it. Set by spare_problem.
    tops_up: bool = False


@dataclass(frozen=True)
class Problem:
    quantity: int  # the delivery's quantity
    producers: tuple[Producer, ...]
    rule: str = "proportional"
    lot: int = 1  # every share is a whole multiple of this
    min_lot: int = 0  # a producer gets 0 or at least this much


@dataclass(frozen=True)
class Share:
    key: int
    capacity: int  # declared
    quantity: int
    ideal: Fraction  # the rule's ideal (unrounded) share
    usable: int = 0  # capacity that counts: whole lots, 0 when below min_lot
    recent_work: int = 0

    @property
    def rounding(self) -> Fraction:
        return self.quantity - self.ideal


@dataclass(frozen=True)
class Allocation:
    rule: str
    quantity: int  # asked
    allocated: int  # sum of shares
    shortfall: int  # quantity - allocated
    total_capacity: int  # sum of usable capacity
    shares: tuple[Share, ...]  # one per producer, sorted by key, zero shares included

    def share(self, key: int) -> Share:
        for share in self.shares:
            if share.key == key:
                return share
        raise ValueError(f"producer {key} has no share in this allocation")


def _validate(problem: Problem) -> None:
    if problem.rule not in RULES:
        raise ValueError(f"unknown rule {problem.rule!r}: expected one of {', '.join(RULES)}")
    if problem.lot < 1:
        raise ValueError(f"lot must be at least 1, got {problem.lot}")
    if problem.quantity < 0:
        raise ValueError(f"quantity must not be negative, got {problem.quantity}")
    if problem.min_lot < 0:
        raise ValueError(f"min_lot must not be negative, got {problem.min_lot}")
    seen = set()
    for p in problem.producers:
        if p.capacity < 0:
            raise ValueError(f"producer {p.key}: capacity must not be negative, got {p.capacity}")
        if p.recent_work < 0:
            raise ValueError(
                f"producer {p.key}: recent_work must not be negative, got {p.recent_work}")
        if p.key in seen:
            raise ValueError(f"duplicate producer key {p.key}")
        seen.add(p.key)


def _max_lots(units, minimum, limit: int) -> int:
    """The most whole lots, at most ``limit``, that the capacities and minimums allow."""
    flexible = sum(u for u, m in zip(units, minimum, strict=True) if m <= 1)
    rigid = sorted((u for u, m in zip(units, minimum, strict=True) if m > 1 and u), reverse=True)
    if rigid:
        m = max(minimum)  # every producer with a minimum has the problem's one
        flexible += sum(rigid[: min(len(rigid), limit // m)])
    return min(limit, flexible)


def _ideals(rule: str, producers, usable: list[int], quantity: int) -> list[Fraction]:
    """The rule's unrounded shares of min(quantity, total usable capacity), in units."""
    total = sum(usable)
    amount = min(quantity, total)
    if total == 0:
        return [Fraction(0)] * len(usable)
    if rule == "proportional":
        return [Fraction(amount * c, total) for c in usable]
    if rule == "equal":
        # Water-filling: the smallest capacities are filled first; the rest share a level.
        order = sorted((c, i) for i, c in enumerate(usable) if c)
        ideals = [Fraction(0)] * len(usable)
        left, count = Fraction(amount), len(order)
        for c, i in order:
            if c * count <= left:
                ideals[i], left, count = Fraction(c), left - c, count - 1
            else:  # the level is reached: this one and every larger one get it
                ideals[i] = left / count
        return ideals
    ideals = [Fraction(0)] * len(usable)
    left = amount
    for i in sorted(range(len(usable)), key=lambda i: (producers[i].recent_work, producers[i].key)):
        ideals[i] = Fraction(min(left, usable[i]))
        left -= ideals[i]
    return ideals


def prepare(problem: Problem) -> Prepared:
    """Validate and reduce to lots; no solving (cheap)."""
    _validate(problem)
    lot = problem.lot
    producers = tuple(sorted(problem.producers, key=lambda p: p.key))
    need = max(1, -(-problem.min_lot // lot))
    minimum = tuple(1 if p.tops_up else need for p in producers)
    units = tuple(0 if p.capacity // lot < m else p.capacity // lot
                  for p, m in zip(producers, minimum, strict=True))
    target = _max_lots(units, minimum, problem.quantity // lot)
    ideals = tuple(_ideals(problem.rule, producers, [u * lot for u in units], problem.quantity))
    return Prepared(problem, producers, units, minimum, target, ideals)


def shortfall(problem: Problem) -> int:
    """How much of the quantity cannot be allocated; closed form, no solver."""
    prepared = prepare(problem)
    return problem.quantity - prepared.target * problem.lot


def allocate(problem: Problem) -> Allocation:
    """Split ``problem.quantity`` among its producers by ``problem.rule``.

    Exact when the lots and minimums allow it, otherwise the most possible below the
    quantity (``shortfall`` > 0); never more than asked, never above a capacity.
    Raises ValueError for an invalid problem, RuntimeError if HiGHS finds no solution.
    """
    prepared = prepare(problem)
    lots = [0] * len(prepared.producers)
    if prepared.target:
        model = build_model(prepared)
        result = solve_model(model)
        if result.x is None:
            raise RuntimeError(f"HiGHS found no allocation: {result.message}")
        for k, v in zip(model.active, model.to_lots @ result.x, strict=True):
            lots[k] = int(round(v))
        if sum(lots) != prepared.target or any(
                not (v == 0 or prepared.minimum[i] <= v <= prepared.units[i])
                for i, v in enumerate(lots)):
            raise RuntimeError("HiGHS returned an allocation outside the constraints")
        lots = polish(lots, prepared)
    lot = problem.lot
    shares = tuple(
        Share(key=p.key, capacity=p.capacity, quantity=v * lot, ideal=ideal,
              usable=u * lot, recent_work=p.recent_work)
        for p, v, u, ideal in zip(prepared.producers, lots, prepared.units, prepared.ideals,
                                  strict=True))
    allocated = prepared.target * lot
    return Allocation(rule=problem.rule, quantity=problem.quantity, allocated=allocated,
                      shortfall=problem.quantity - allocated,
                      total_capacity=sum(prepared.units) * lot, shares=shares)


def spare_problem(problem: Problem, allocation: Allocation, withdrawn: set[int],
                  missing: int | None = None) -> Problem:
    """The re-allocation of what the ``withdrawn`` producers will not bring.

    quantity = their shares' total, or ``missing`` when given (e.g. only part was
    rejected at the quality check); producers = everyone else, capacity = their spare
    (capacity - current share); same rule, lot and min_lot.

    min_lot choice: a producer who already holds a share gets ``tops_up=True``, so any
    whole number of lots up to their spare may be added (their total already meets
    min_lot, and min_lot must not force them above their spare); a producer with no
    share yet must still receive at least min_lot.
    """
    current = {share.key: share.quantity for share in allocation.shares}
    unknown = set(withdrawn) - current.keys()
    if unknown:
        raise ValueError(f"withdrawn producers not in the allocation: {sorted(unknown)}")
    lost = sum(current[key] for key in withdrawn)
    if missing is not None and missing < 0:
        raise ValueError(f"missing must not be negative, got {missing}")
    others = tuple(
        Producer(key=p.key, capacity=max(0, p.capacity - current.get(p.key, 0)),
                 recent_work=p.recent_work, tops_up=current.get(p.key, 0) > 0)
        for p in sorted(problem.producers, key=lambda p: p.key) if p.key not in withdrawn)
    return Problem(quantity=lost if missing is None else missing, producers=others,
                   rule=problem.rule, lot=problem.lot, min_lot=problem.min_lot)


def explain(allocation: Allocation, key: int) -> dict:
    """The data behind "explain my share" for producer ``key``."""
    share = allocation.share(key)
    return {
        "key": key,
        "rule": allocation.rule,
        "capacity": share.capacity,
        "usable_capacity": share.usable,
        "total_capacity": allocation.total_capacity,
        "recent_work": share.recent_work,
        "quantity": allocation.quantity,
        "allocated": allocation.allocated,
        "shortfall": allocation.shortfall,
        "ideal": share.ideal,
        "share": share.quantity,
        "rounding": share.rounding,
    }
