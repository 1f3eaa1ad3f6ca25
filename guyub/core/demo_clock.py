"""The demo loaders' clock: run services as if on a past day.

Services take their dates from the clock (timezone.now()), and much of what they write
is append-only (negotiations, hand-overs, the journal), so a demo that shows history
runs each step on its own day: `on(days_ago)` winds Django's clock back to that day
while the services run (every row, notice, audit line and journal entry then carries
the day it happened, as if done on that day). The clock is back to now when the block
ends. `day(days_ago)` names a day counted from the real today, whatever the clock says.
"""

import datetime as dt
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


@contextmanager
def on(days_ago: int, hour: int = 9, minute: int = 0):
    """Run the services as if it were `days_ago` days ago at `hour`:`minute` (local
    time): the clock behind django.utils.timezone.now() (model defaults included) is
    wound back, and keeps ticking from there."""
    real = dt.datetime
    tz = timezone.get_current_timezone()
    day = real.now(tz).date() - dt.timedelta(days=days_ago)
    offset = real.now(dt.UTC) - real.combine(day, dt.time(hour, minute), tzinfo=tz)

    class Clock(real):
        @classmethod
        def now(cls, tz=None):
            return real.now(tz) - offset

    with mock.patch.object(timezone, "datetime", Clock):
        yield


def day(days_ago: int) -> dt.date:
    """A day counted from the real today (whatever the clock says inside `on`)."""
    today = dt.datetime.now(timezone.get_current_timezone()).date()
    return today - dt.timedelta(days=days_ago)
