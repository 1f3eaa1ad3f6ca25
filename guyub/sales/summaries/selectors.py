"""Reading the monthly summaries: which months they cover completely."""

import datetime as dt

from django.utils import timezone

from .models import SummaryState


def complete_before() -> dt.date | None:
    """The first month the summaries do not hold completely (the month of the last
    run: it went on after it), or None when they were never built."""
    state = SummaryState.objects.first()
    if state is None:
        return None
    return timezone.localdate(state.built_at).replace(day=1)
