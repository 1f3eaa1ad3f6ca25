"""The projection members read before the RAT: the whole cooperative's simulation (a
member's share depends on everyone's capital and business), kept in Django's cache for
SHU_PROJECTION_CACHE_SECONDS so that members opening their page one after another do not
each recompute it: in a cooperative of 100,000 members the simulation takes seconds
(bench/finance.py). The key holds the policy and the percentages, so a change to either
is seen at once; the books' movements are seen when the entry expires, which the page
says by showing when the projection was computed."""

import datetime as dt
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.forms.models import model_to_dict
from django.utils import timezone

from . import compute
from .models import ShuPolicy


def _key(cooperative, year: int, policy: ShuPolicy) -> str:
    # Not when it was saved: an unsaved default policy is "now" on every request.
    settings_of = sorted((name, value) for name, value in model_to_dict(policy).items()
                         if name not in ("id", "updated_at"))
    percentages = sorted(compute.cooperative_percentages(cooperative).items())
    digest = hashlib.sha256(repr((settings_of, percentages)).encode()).hexdigest()[:32]
    return f"guyub:shu-projection:{cooperative.pk}:{year}:{digest}"


def projected(cooperative, *, year: int,
              policy: ShuPolicy) -> tuple["compute.Simulation", dt.datetime]:
    """(the simulation with the cooperative's own percentages and weights, when it was
    computed). Raises what compute.simulate raises (an incomplete split before any
    query, so nothing is kept for it)."""
    seconds = settings.SHU_PROJECTION_CACHE_SECONDS
    key = _key(cooperative, year, policy)
    found = cache.get(key) if seconds > 0 else None
    if found is not None:
        return found
    computed = (compute.simulate(cooperative, year=year, policy=policy), timezone.now())
    if seconds > 0:
        cache.set(key, computed, seconds)
    return computed
