"""Who won: the majority rules applied to counted votes. Pure: counts in, result out;
the close of a vote gathers the counts (one SQL pass over the box) and writes what
this returns. Ties are reported as ties, never resolved silently.

- SIMPLE (a motion): passed when more voted yes than no, rejected when more voted no,
  a tie when as many voted each way (nobody voting included). Abstentions are counted
  and published but are neither for nor against.
- SPECIAL (by-law changes, dissolution): passed when the yes votes reach the by-law
  fraction of ALL ballots cast, abstentions included (`yes >= fraction × (yes + no +
  abstain)`). We chose the stricter reading: the settings call the fraction a share of
  the valid votes ("suara yang sah"), and an abstain ballot is a valid ballot, so
  abstaining counts against a change of the by-laws, as staying silent would. The
  results page says so. No ballots cast: rejected.
- PLURALITY (a choice among proposals): the option with the most votes; a tie when the
  top count is shared (nobody voting included).
- ELECTION: the `seats` candidates with the most votes; a tie when the last seat's
  count is shared by a candidate outside the seats. The winners above the tie are still
  reported (`winners`), and the tied candidates (`tied`) for the meeting to decide."""

from dataclasses import dataclass
from decimal import Decimal

SIMPLE, SPECIAL, PLURALITY = "simple", "special", "plurality"
PASSED, REJECTED, CHOSEN, ELECTED, TIE, INVALID = (
    "passed", "rejected", "chosen", "elected", "tie", "invalid")


@dataclass(frozen=True)
class Outcome:
    result: str
    # Option positions that won (the yes option of a passed motion, the chosen
    # proposal, the elected candidates), best first.
    winners: tuple[int, ...] = ()
    # Option positions sharing the contested place when the result is a tie.
    tied: tuple[int, ...] = ()


def motion(*, yes: int, no: int, abstain: int, majority: str,
           fraction: Decimal | None = None, yes_position: int = 0,
           no_position: int = 1) -> Outcome:
    if majority == SPECIAL:
        if fraction is None:
            raise ValueError("a special majority needs its fraction")
        cast = yes + no + abstain
        if cast > 0 and Decimal(yes) >= Decimal(fraction) * cast:
            return Outcome(PASSED, winners=(yes_position,))
        return Outcome(REJECTED, winners=(no_position,) if cast else ())
    if majority != SIMPLE:
        raise ValueError(f"a motion is decided by a simple or special majority, not {majority!r}")
    if yes > no:
        return Outcome(PASSED, winners=(yes_position,))
    if no > yes:
        return Outcome(REJECTED, winners=(no_position,))
    return Outcome(TIE, tied=(yes_position, no_position))


def plurality(counts: dict[int, int]) -> Outcome:
    """counts: option position → votes."""
    if not counts:
        return Outcome(TIE)
    top = max(counts.values())
    leaders = tuple(sorted(p for p, n in counts.items() if n == top))
    if len(leaders) == 1:
        return Outcome(CHOSEN, winners=leaders)
    return Outcome(TIE, tied=leaders)


def election(counts: dict[int, int], seats: int) -> Outcome:
    """counts: candidate position → votes; the `seats` most voted win."""
    if seats < 1:
        raise ValueError("an election fills at least one seat")
    ranked = sorted(counts.items(), key=lambda pn: (-pn[1], pn[0]))
    if len(ranked) <= seats:
        return Outcome(ELECTED, winners=tuple(p for p, _ in ranked))
    last = ranked[seats - 1][1]
    outside = ranked[seats][1]
    if outside < last:
        return Outcome(ELECTED, winners=tuple(p for p, _ in ranked[:seats]))
    # The last seat's count is shared beyond the seats: everyone above it is elected,
    # everyone at it is tied for what is left.
    return Outcome(TIE, winners=tuple(p for p, n in ranked if n > last),
                   tied=tuple(sorted(p for p, n in ranked if n == last)))


def marks(selection: int) -> tuple[int, ...]:
    """The option positions a ballot's bit mask marks."""
    return tuple(p for p in range(selection.bit_length()) if selection >> p & 1)


def check_selection(positions, *, existing: set[int], kind: str, max_marks: int) -> int:
    """The bit mask of `positions`, or ValueError saying why it is not a valid ballot:
    exactly one mark for a motion or a choice, none up to `max_marks` for an election
    (a blank election ballot is a valid ballot), each an existing option, none twice."""
    positions = list(positions)
    if any(not isinstance(p, int) or isinstance(p, bool) for p in positions):
        raise ValueError("positions are whole numbers")
    if len(set(positions)) != len(positions):
        raise ValueError("twice")
    if not set(positions) <= existing:
        raise ValueError("unknown")
    if kind == "election":
        if len(positions) > max_marks:
            raise ValueError("too many")
    elif len(positions) != 1:
        raise ValueError("exactly one")
    mask = 0
    for p in positions:
        mask |= 1 << p
    return mask
