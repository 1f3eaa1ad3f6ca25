"""After a close: the ballot table rewritten in random-id order (statements.reorder_ballots),
so the rows' physical order no longer follows the order people voted. The close marks
its vote (`box_to_reorder`) and asks the worker to run this once committed; the periodic
job runs it too, for a close whose request found the table busy or whose task was lost."""

from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from guyub.core.jobs import Done

from .. import statements
from ..models import Vote


def reorder_boxes(cooperative=None) -> list[Done]:
    """One rewrite of the whole table for every vote waiting for it (the rewrite cannot
    be narrower: PostgreSQL clusters a table, not some of its rows)."""
    with scopes_disabled():
        waiting = Vote.objects.filter(box_to_reorder=True)
        if cooperative is not None:
            waiting = waiting.filter(cooperative=cooperative)
        votes = list(waiting.values_list("pk", "cooperative_id", "question"))
        if not votes:
            return []
        if not statements.reorder_ballots():
            return [Done(coop, _("Kotak suara “%(q)s” belum dapat disusun ulang "
                                 "(tabel sedang dipakai); dicoba lagi nanti.") % {"q": q})
                    for _pk, coop, q in votes]
        # Only the votes read before the rewrite: one closed meanwhile waits for the next.
        Vote.objects.filter(pk__in=[pk for pk, _c, _q in votes]).update(box_to_reorder=False)
    return [Done(coop, _("Urutan kertas suara “%(q)s” diacak ulang di basis data "
                         "setelah ditutup.") % {"q": q})
            for _pk, coop, q in votes]
