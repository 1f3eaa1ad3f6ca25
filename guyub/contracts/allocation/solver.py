"""The MILP behind rules.allocate: the model handed to ``scipy.optimize.milp`` (HiGHS),
the plain call, and the exact polish of its answer. rules.py's docstring explains the
model; this module only builds and solves it. Pure: numpy, scipy, fractions (the
app's Django models live in models.py beside it; nothing here touches them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array, csr_array

if TYPE_CHECKING:
    from .rules import Problem, Producer

# HiGHS proves optimality well within this on the sizes a cooperative has; past it the
# best solution found so far is still a valid allocation, then polished.
TIME_LIMIT_S = 30.0


@dataclass(frozen=True)
class Prepared:
    """A validated problem in lots, producers sorted by key (what the model is built on)."""

    problem: Problem
    producers: tuple[Producer, ...]
    units: tuple[int, ...]  # usable lots
    minimum: tuple[int, ...]  # minimum lots when participating (1 = no minimum)
    target: int  # lots to allocate: the closed-form maximum
    ideals: tuple[Fraction, ...]  # in units


@dataclass(frozen=True)
class Model:
    """The MILP exactly as handed to ``scipy.optimize.milp``. ``active`` are the
    producers (indices into Prepared.producers) that can take a share; their lots are
    ``to_lots @ solution``; the objective plus ``constant`` is the sum of deviations."""

    c: np.ndarray
    integrality: np.ndarray
    bounds: Bounds
    constraints: LinearConstraint
    active: tuple[int, ...]
    to_lots: csr_array
    constant: float


def build_model(prepared: Prepared) -> Model:
    """The segment model of rules.py's docstring, one column at a time."""
    lot = prepared.problem.lot
    active = tuple(i for i, u in enumerate(prepared.units) if u)
    # Without minimums every optimum has floor(ideal) <= x_i <= ceil(ideal): a lot moved
    # from a share above its ideal to one a whole lot below it lowers the sum.
    near = all(prepared.minimum[i] <= 1 for i in active)
    cost, low, high, whole, lots_rows = [], [], [], [], []
    rows, cols, vals, row_low, row_high = [], [], [], [prepared.target], [prepared.target]
    constant = 0.0
    binary = {}

    def column(k, slope, lo, hi, lots=1.0, integer=1):
        """Adds a column to producer k's share (``lots`` each) and the sum row."""
        j = len(cost)
        cost.append(slope)
        low.append(lo)
        high.append(hi)
        whole.append(integer)
        lots_rows.append((k, j, lots))
        rows.append(0)
        cols.append(j)
        vals.append(lots)
        return j

    for k, i in enumerate(active):
        ideal = prepared.ideals[i] / lot
        u, m = prepared.units[i], prepared.minimum[i]
        floor = ideal.numerator // ideal.denominator
        rest = float(ideal - floor)
        constant += float(ideal)
        base = 0 if m <= 1 else m  # a rigid share starts at m lots once z_i = 1
        # |x - ideal| over whole x, above the base: slope -1 down to floor, the chord
        # 1 - 2 rest for the lot from floor to ceil, then +1.
        below = max(0, floor - base)
        segments = [(-1.0, below), (1 - 2 * rest, min(1, u - max(floor, base))),
                    (1.0, max(0, u - max(floor, base) - 1))]
        if base and ideal < base:  # above the minimum the deviation only grows
            segments = [(1.0, u - m)]
        if near:
            segments = [(-1.0, floor, floor), (1 - 2 * rest, 0, min(1, u - floor))]
        else:
            segments = [(slope, 0, size) for slope, size in segments]
        parts = [column(k, slope, lo, hi) for slope, lo, hi in segments if hi > 0]
        if base:
            # z_i: the cost of being in is the deviation at m minus the ideal (paid out).
            at_minimum = float(abs(base - ideal))
            z = column(k, at_minimum - float(ideal), 0, 1, lots=float(m))
            binary[k] = z
            row = len(row_low)
            for j in parts:  # lots above the minimum only when in
                rows.append(row)
                cols.append(j)
                vals.append(1.0)
            rows.append(row)
            cols.append(z)
            vals.append(-float(u - m))
            row_low.append(-np.inf)
            row_high.append(0.0)
    # Producers with ideal 0 and a minimum (a rotation's many not on turn) cost the same
    # for the same share, so any optimum can give the larger share to the larger
    # capacity (at equal capacity, to the lower key) at no cost. Saying so in rows
    # x_i >= x_j is exact, breaks the symmetry HiGHS otherwise spent up to 8 s on, and
    # makes those ties canonical. Not for other ideals: the same rows over groups of
    # equal proportional ideals made HiGHS 2-4 times slower (measured; see bench).
    columns = {}
    for k, j, lots in lots_rows:
        columns.setdefault(k, []).append((j, lots))
    idle = [k for k in binary if prepared.ideals[active[k]] == 0]
    idle.sort(key=lambda k: (-prepared.units[active[k]], prepared.producers[active[k]].key))
    for first, second in zip(idle, idle[1:], strict=False):
        row = len(row_low)
        for k, sign in ((first, 1.0), (second, -1.0)):
            for j, lots in columns[k]:
                rows.append(row)
                cols.append(j)
                vals.append(sign * lots)
        row_low.append(0.0)
        row_high.append(np.inf)
    n_cols = len(cost)
    matrix = coo_array((vals, (rows, cols)), shape=(len(row_low), n_cols)).tocsr()
    producer, col, lots = zip(*lots_rows, strict=True) if lots_rows else ((), (), ())
    to_lots = coo_array((lots, (producer, col)), shape=(len(active), n_cols)).tocsr()
    return Model(np.array(cost), np.array(whole), Bounds(low, high),
                 LinearConstraint(matrix, row_low, row_high), active, to_lots, constant)


def solve_model(model: Model):
    """One plain ``milp`` call (HiGHS) on the model; what the benchmark's baseline times."""
    return milp(model.c, integrality=model.integrality, bounds=model.bounds,
                constraints=model.constraints,
                # The model has no redundancy for presolve to find, and HiGHS's presolve
                # took ten times the solve itself (1.4 s of 1.5 s at 2,000 producers).
                options={"time_limit": TIME_LIMIT_S, "mip_rel_gap": 1e-9, "presolve": False})


def polish(lots: list[int], prepared: Prepared) -> list[int]:
    """Single-lot exchanges in exact arithmetic, applied while they lower the sum of
    absolute deviations, or keep it and move a lot to a lower key."""
    lot = prepared.problem.lot
    scaled = [ideal / lot for ideal in prepared.ideals]
    scale = math.lcm(*(f.denominator for f in scaled)) if scaled else 1
    num = [int(f * scale) for f in scaled]  # exact: ideal_i / lot == num_i / scale
    units, minimum = prepared.units, prepared.minimum
    keys = [p.key for p in prepared.producers]

    def cost(i, v):
        return abs(scale * v - num[i])

    for _ in range(len(lots) + 100):
        ups = sorted((cost(i, v + 1) - cost(i, v), keys[i], i) for i, v in enumerate(lots)
                     if v + 1 <= units[i] and v + 1 >= minimum[i])
        downs = sorted((cost(i, v - 1) - cost(i, v), -keys[i], i) for i, v in enumerate(lots)
                       if v >= 1 and (v - 1 == 0 or v - 1 >= minimum[i]))
        # Separable cost: disjoint exchanges add up, so a whole batch goes per round.
        moved, used, b = False, set(), 0
        for up, key_up, i in ups:
            if i in used:
                continue
            while b < len(downs) and downs[b][2] in used | {i}:
                b += 1
            if b == len(downs):
                break
            down, neg_key_down, j = downs[b]
            if up + down > 0 or (up + down == 0 and key_up >= -neg_key_down):
                break
            lots[i] += 1
            lots[j] -= 1
            used |= {i, j}
            moved = True
            b += 1
        if not moved:
            break
    return canonical(lots, prepared)


def canonical(lots: list[int], prepared: Prepared) -> list[int]:
    """Among producers with the same ideal and minimum the shares are interchangeable
    (same cost for the same share): give the larger shares to the larger capacities,
    at equal capacity to the lower key. Always feasible (if any assignment of these
    shares fits the capacities, the sorted one does) and cost-neutral, so it settles
    ties that single-lot exchanges cannot, such as who is in under a minimum."""
    groups = {}
    for i, units in enumerate(prepared.units):
        if units:
            groups.setdefault((prepared.ideals[i], prepared.minimum[i]), []).append(i)
    for members in groups.values():
        shares = sorted((lots[i] for i in members), reverse=True)
        members.sort(key=lambda i: (-prepared.units[i], prepared.producers[i].key))
        for i, share in zip(members, shares, strict=True):
            lots[i] = share
    return lots
