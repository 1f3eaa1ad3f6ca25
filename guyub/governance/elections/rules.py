"""Who takes the seats of an election: pure, counts in, seats out.

The top `seats` candidates by votes are elected. A tie for the last seat(s) is
reported, not resolved: the candidates tied at the cut-off are all named, none of them
is seated, and the seats left are counted as unfilled (the meeting decides them again,
by the by-laws' rule). Candidates above the tie are seated.

The rule itself is the ballot box's (`ballots.rules.election`, which gives the vote its
result at the close); this only puts it in the election's terms (candidates with their
votes, and the seats left unfilled), so the vote and the seating can never disagree."""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from ..ballots import rules as ballot_rules


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
    candidates = list(candidates)
    outcome = ballot_rules.election({i: n for i, (_key, n) in enumerate(candidates)}, seats)
    elected = tuple(candidates[i] for i in outcome.winners)
    return Seating(elected=elected, tied=tuple(candidates[i] for i in outcome.tied),
                   unfilled=seats - len(elected))
