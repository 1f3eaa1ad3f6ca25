"""The maintenance reminder: each morning the board and staff are told of every active
asset whose maintenance has fallen due (assets.selectors.maintenance_due_on). The event
id names the asset and its due date, so the same due date is told once however often
the job runs, and a new due date (after "perawatan selesai") is told afresh."""

import datetime as dt

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guyub.core.jobs import Done
from guyub.core.jobs.each import in_each_cooperative
from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.notifications.services import notify

from . import notices
from .assets.selectors import assets_due_for_maintenance


def remind_maintenance(cooperative=None, *, today: dt.date) -> list[Done]:
    def remind(coop) -> list[Done]:
        due = assets_due_for_maintenance(today=today)
        if not due:
            return []
        officers = list(CoopRole.objects.filter(cooperative=coop,
                                                role__in=[Role.BOARD, Role.STAFF])
                        .values_list("user_id", flat=True).distinct())
        told = 0
        for asset, due_on in due:
            last = (date_format(asset.last_maintained_on, "j F Y")
                    if asset.last_maintained_on else _("belum pernah"))
            if notify(cooperative=coop, topic=notices.MAINTENANCE_DUE,
                      event_id=f"asset:{asset.pk}:maintenance:{due_on.isoformat()}",
                      recipients=officers,
                      link=reverse("resources:asset", args=[coop.slug, asset.pk]),
                      params={"asset": asset.name, "last": last}):
                told += 1
        if not told:
            return []
        return [Done(coop.pk, ngettext("%(n)s aset jatuh tempo perawatan diberitahukan",
                                       "%(n)s aset jatuh tempo perawatan diberitahukan", told)
                     % {"n": told})]

    return in_each_cooperative(cooperative, remind)
