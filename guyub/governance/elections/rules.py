"""Who takes the seats of an election: pure, counts in, seats out.

The top `seats` candidates by votes are elected. A tie for the last seat(s) is
reported, not resolved: the candidates tied at the cut-off are all named, none of them
is seated, and the seats left are counted as unfilled (the meeting decides them again,
by the by-laws' rule). Candidates above the tie are seated."""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Seating:
    elected: tuple          # (key, votes) of the seated, most votes first
    tied: tuple             # (key, votes) of those tied for the remaining seats
    unfilled: int           # seats left for the tie

    @property
    def tie(self) -> bool:
        return bool(self.tied)


def seat(candidates: Sequence[tuple[Hashable, int]], seats: int) -> Seating:
    """`candidates`: (key, votes) in ballot order; the order only keeps the result
    stable for equal votes (it never decides a seat)."""
    if seats < 1:
        raise ValueError("an election has at least one seat")
    ranked = sorted(candidates, key=lambda c: -c[1])
    if len(ranked) <= seats:
        return Seating(elected=tuple(ranked), tied=(), unfilled=seats - len(ranked))
    cutoff = ranked[seats - 1][1]
    above = tuple(c for c in ranked if c[1] > cutoff)
    at_cutoff = tuple(c for c in ranked if c[1] == cutoff)
    room = seats - len(above)
    if len(at_cutoff) <= room:
        return Seating(elected=above + at_cutoff, tied=(), unfilled=room - len(at_cutoff))
    return Seating(elected=above, tied=at_cutoff, unfilled=room)
