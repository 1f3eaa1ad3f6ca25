"""A periodic job's walk over the cooperatives: each in its own scope and transaction,
so that one cooperative's failure is a failed line in that cooperative (its officers
read it; nobody else does) and the cooperatives after it are still served."""

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from ..models import Cooperative
from . import Done

log = logging.getLogger(__name__)


def cooperatives(cooperative: Cooperative | None = None) -> list[Cooperative]:
    """The one given (a run by hand) or every cooperative (the scheduled run)."""
    if cooperative is not None:
        return [cooperative]
    with scopes_disabled():
        return list(Cooperative.objects.order_by("pk"))


def in_each_cooperative(cooperative: Cooperative | None,
                        work: Callable[[Cooperative], list[Done]]) -> list[Done]:
    done = []
    for coop in cooperatives(cooperative):
        try:
            with scope(cooperative=coop), transaction.atomic():
                done += work(coop)
        except Exception as exc:
            log.exception("periodic work failed in %s", coop.slug)
            done.append(Done(coop.pk, _("Gagal: %(error)s")
                             % {"error": f"{type(exc).__name__}: {exc}"[:250]}, failed=True))
    return done
