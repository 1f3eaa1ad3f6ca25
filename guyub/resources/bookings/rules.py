"""Pure rules of booking time: how long a booking may be, the ISO week it counts in for
the weekly cap, which unit numbers are free, and the day's segments a calendar shows.
No database here: the services and pages hand these functions plain values."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

# A booking is at most a month long and starts at most a year ahead: longer is a typing
# slip (a year in the wrong field), not a plan, and keeps the fee inside its column.
MAX_LENGTH = dt.timedelta(days=31)
MAX_AHEAD = dt.timedelta(days=366)
# A recurring series: the same slot each week, up to a year of weeks more.
MAX_REPEAT_WEEKS = 52


def hours(starts_at: dt.datetime, ends_at: dt.datetime) -> Decimal:
    """The booking's length in hours (exact, for the weekly cap)."""
    return Decimal(int((ends_at - starts_at).total_seconds())) / Decimal(3600)


def iso_week_bounds(moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Monday 00:00 to next Monday 00:00 of `moment`'s ISO week, in its own time zone."""
    day = moment.date() - dt.timedelta(days=moment.weekday())
    start = dt.datetime.combine(day, dt.time(0), tzinfo=moment.tzinfo)
    return start, start + dt.timedelta(days=7)


def free_units(total: int, taken: set[int]) -> list[int]:
    """The unit numbers (1..total) no active slot holds, lowest first."""
    return [n for n in range(1, total + 1) if n not in taken]


@dataclass
class Hold:
    """Something holding some of the asset's units over a time: a booking or a
    maintenance window, as the calendar shows it."""
    starts_at: dt.datetime
    ends_at: dt.datetime
    units: int
    kind: str  # "booking" or "maintenance"
    label: str = ""
    mine: bool = False
    pk: int | None = None


@dataclass
class Segment:
    starts_at: dt.datetime
    ends_at: dt.datetime
    free: int
    holds: list[Hold] = field(default_factory=list)

    @property
    def state(self) -> str:
        """"free", "partly" (a divisible asset with units left), "full" or "maintenance"."""
        if any(h.kind == "maintenance" for h in self.holds):
            return "maintenance"
        if not self.holds:
            return "free"
        return "partly" if self.free > 0 else "full"

    @property
    def mine(self) -> bool:
        return any(h.mine for h in self.holds)


def segments(start: dt.datetime, end: dt.datetime, holds: list[Hold],
             units: int) -> list[Segment]:
    """The time from `start` to `end` cut where any hold begins or ends; consecutive
    pieces held by the same holds are one segment. Each says how many units are free."""
    inside = [h for h in holds if h.starts_at < end and h.ends_at > start]
    cuts = sorted({start, end} | {max(start, min(end, t)) for h in inside
                                  for t in (h.starts_at, h.ends_at)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        over = [h for h in inside if h.starts_at < b and h.ends_at > a]
        free = max(0, units - sum(h.units for h in over))
        if out and out[-1].holds == over:
            out[-1].ends_at = b
        else:
            out.append(Segment(a, b, free, over))
    return out
