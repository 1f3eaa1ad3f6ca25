"""What a booking costs: a pure function of the asset's rate, its basis and the time.
Hours and days started count in full (a 90-minute roast is two hours)."""

import datetime as dt
import math
from decimal import Decimal


def booking_fee(*, basis: str, rate: Decimal, starts_at: dt.datetime, ends_at: dt.datetime,
                units: int) -> Decimal:
    """basis is Asset.FeeBasis's value: "hour", "day" or "unit" (per unit per use)."""
    if ends_at <= starts_at:
        raise ValueError("ends_at must be after starts_at")
    seconds = (ends_at - starts_at).total_seconds()
    if basis == "hour":
        periods = math.ceil(seconds / 3600)
    elif basis == "day":
        periods = math.ceil(seconds / 86400)
    elif basis == "unit":
        periods = 1
    else:
        raise ValueError(f"unknown fee basis {basis!r}")
    return Decimal(rate) * periods * units
