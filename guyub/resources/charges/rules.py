"""Late returns, as pure arithmetic.

The rule: a return within GRACE_MINUTES of the booking's end is on time. Past that, the
time late is charged like time booked, at the same rate, counting every started period
of the asset's fee basis in full: an hourly roaster back 61 minutes late costs two more
hours; a truck let by the day, one day more per started day; an asset let per use, one
more use. Its units count too (three shelves late are three shelves' worth)."""

import datetime as dt
import math
from decimal import Decimal

from ..assets.rates import booking_fee

GRACE_MINUTES = 15


def late_minutes(*, ends_at: dt.datetime, returned_at: dt.datetime) -> int:
    """Whole minutes past the end, a started minute counting in full."""
    seconds = (returned_at - ends_at).total_seconds()
    return math.ceil(seconds / 60) if seconds > 0 else 0


def late_fee(*, basis: str, rate: Decimal, ends_at: dt.datetime, returned_at: dt.datetime,
             units: int) -> Decimal:
    if late_minutes(ends_at=ends_at, returned_at=returned_at) <= GRACE_MINUTES:
        return Decimal(0)
    return booking_fee(basis=basis, rate=rate, starts_at=ends_at, ends_at=returned_at,
                       units=units)
