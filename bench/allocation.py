"""Benchmark: the fair split of contract deliveries among 2,000 member producers.

Requirement: *one delivery among 2,000 producers well under 2 s; a 26-delivery
schedule under 20 s (2-core machine).* Each figure is printed beside the time of the
plain ``scipy.optimize.milp`` call(s) on the same model (same variables and
constraints, built beforehand), run in the same process: the ratio is what the
validation, the closed-form target, the ideals, the model building and the exact
polish cost on top of HiGHS.

    .venv/bin/python bench/allocation.py            # best of 3 rounds
    .venv/bin/python bench/allocation.py --runs 5

Pure Python and SciPy: no database, no Django.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import say  # noqa: E402

from guyub.contracts.allocation.rules import (  # noqa: E402
    Problem,
    Producer,
    allocate,
    build_model,
    prepare,
    solve_model,
)

PRODUCERS = 2_000
WEEKS = 26
ONE_TARGET_S = 2.0
SCHEDULE_TARGET_S = 20.0


def capacities(rng):
    # Smallholders: mostly 10-60 kg a week, a few larger roasters up to 300 kg.
    return [rng.choice([rng.randint(10, 60)] * 4 + [rng.randint(60, 300)])
            for _ in range(PRODUCERS)]


def one_delivery(rule, lot, min_lot, seed=1):
    rng = random.Random(seed)
    caps = capacities(rng)
    producers = tuple(Producer(key=1000 + k, capacity=c, recent_work=rng.randint(0, 200))
                      for k, c in enumerate(caps))
    # Asked: about 40% of what is declared (the buyer takes 2,000 kg a week of ~70 t
    # declared across the season, scaled to this many producers), not a whole lot.
    quantity = int(sum(caps) * 0.4) + 3
    return Problem(quantity=quantity, producers=producers, rule=rule, lot=lot, min_lot=min_lot)


def schedule(rule, lot, min_lot):
    """26 weekly deliveries, each with fresh capacities; recent_work is last 4 weeks' work."""
    rng = random.Random(26)
    history = {1000 + k: [] for k in range(PRODUCERS)}
    for _week in range(WEEKS):
        caps = capacities(rng)
        producers = tuple(Producer(key=key, capacity=c, recent_work=sum(history[key][-4:]))
                          for key, c in zip(history, caps, strict=True))
        problem = Problem(quantity=int(sum(caps) * 0.25), producers=producers, rule=rule,
                          lot=lot, min_lot=min_lot)
        yield problem, history


def run_schedule(rule, lot, min_lot):
    """Allocate the 26 deliveries in turn (each week's shares feed the next week's
    recent_work); returns (seconds in allocate, seconds in the plain milp calls)."""
    ours = plain = 0.0
    for problem, history in schedule(rule, lot, min_lot):
        model = build_model(prepare(problem))  # the baseline's model, built untimed
        t = time.perf_counter()
        solve_model(model)
        plain += time.perf_counter() - t
        t = time.perf_counter()
        result = allocate(problem)
        ours += time.perf_counter() - t
        for share in result.shares:
            history[share.key].append(share.quantity)
    return ours, plain


def best_of(runs, fn):
    fn()  # warm-up
    times = [fn() for _ in range(runs)]
    return min(times)


def timed_one(problem):
    def ours():
        t = time.perf_counter()
        allocate(problem)
        return time.perf_counter() - t

    model = build_model(prepare(problem))

    def plain():
        t = time.perf_counter()
        solve_model(model)
        return time.perf_counter() - t

    return ours, plain


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    say(f"contract allocation among {PRODUCERS:,} producers, best of {runs} rounds")
    say(f"{'case':44} {'ours ms':>9} {'milp ms':>9} {'ratio':>7}  target")
    cases = [("one delivery, kg, proportional", one_delivery("proportional", 1, 0)),
             ("one delivery, 5-kg bags, min 20 kg", one_delivery("proportional", 5, 20)),
             ("one delivery, kg, equal", one_delivery("equal", 1, 0)),
             ("one delivery, 5-kg bags, min 20, rotation", one_delivery("rotation", 5, 20))]
    for name, problem in cases:
        ours, plain = timed_one(problem)
        ours_s, plain_s = best_of(runs, ours), best_of(runs, plain)
        verdict = "PASS" if ours_s < ONE_TARGET_S else "FAIL"
        say(f"{name:44} {ours_s * 1e3:9.1f} {plain_s * 1e3:9.1f} {ours_s / plain_s:6.2f}x  "
            f"{verdict} < {ONE_TARGET_S:g} s")
    for rule, lot, min_lot in [("rotation", 5, 20), ("proportional", 5, 20), ("equal", 1, 0)]:
        unit = "kg" if lot == 1 else f"{lot}-kg bags, min {min_lot}"
        name = f"{WEEKS} deliveries, {rule}, {unit}"
        best = None
        for _ in range(runs):
            ours_s, plain_s = run_schedule(rule, lot, min_lot)
            if best is None or ours_s < best[0]:
                best = (ours_s, plain_s)
        ours_s, plain_s = best
        verdict = "PASS" if ours_s < SCHEDULE_TARGET_S else "FAIL"
        say(f"{name:44} {ours_s * 1e3:9.1f} {plain_s * 1e3:9.1f} {ours_s / plain_s:6.2f}x  "
            f"{verdict} < {SCHEDULE_TARGET_S:g} s")


if __name__ == "__main__":
    main()
