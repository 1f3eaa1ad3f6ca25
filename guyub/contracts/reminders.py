"""The day-before reminder of a contract delivery: each member with goods allotted for
a delivery due tomorrow is told once (the event id names the allotment and its day, so
a second run, or a delivery moved to another day, tells them right)."""

import datetime as dt

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from guyub.core.jobs import Done
from guyub.core.jobs.each import in_each_cooperative
from guyub.notifications.services import notify_each

from . import notices
from .models import Allotment

MEMBER_PAGE = "contracts:member_contracts"


def remind_deliveries(cooperative=None, *, today: dt.date) -> list[Done]:
    tomorrow = today + dt.timedelta(days=1)

    def remind(coop) -> list[Done]:
        allotments = (Allotment.objects
                      .filter(status=Allotment.Status.ALLOTTED, delivery__due_on=tomorrow,
                              member__user__isnull=False)
                      .select_related("delivery__contract", "member")
                      .order_by("pk"))
        link = reverse(MEMBER_PAGE, args=[coop.slug])
        told = 0
        for allotment in allotments:
            contract = allotment.delivery.contract
            told += notify_each(
                cooperative=coop, topic=notices.DELIVERY_DUE,
                event_id=f"allotment:{allotment.pk}:due:{tomorrow}", link=link,
                personal={allotment.member.user_id: {
                    "due": date_format(tomorrow, "j F Y"),
                    "quantity": f"{allotment.quantity} {contract.get_unit_display()}",
                    "contract": str(contract)}})
        return [Done(coop.pk, _("%(n)s anggota diingatkan mengantar barang kontrak besok")
                     % {"n": told})] if told else []

    return in_each_cooperative(cooperative, remind)
