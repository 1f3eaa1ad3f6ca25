"""Reminders of contract deadlines. The day before a delivery each member with goods
allotted for it is told once (the event id names the allotment and its day, so a
second run, or a delivery moved to another day, tells them right). The board is told
each morning of the member payments the by-laws require within two days (the prompt
payment promise), once a day."""

import datetime as dt

from django.db.models import Sum
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import ngettext

from guyub.core.jobs import Done
from guyub.core.jobs.each import in_each_cooperative
from guyub.core.models import CoopRole
from guyub.core.money import format_rupiah
from guyub.core.roles import Role
from guyub.notifications.services import notify, notify_each

from . import notices
from .deliveries.selectors import payments_due_by
from .models import Allotment

PAY_AHEAD_DAYS = 2

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
        return [Done(coop.pk, ngettext("%(n)s anggota diingatkan mengantar barang kontrak besok",
                              "%(n)s anggota diingatkan mengantar barang kontrak besok", told)
                     % {"n": told})] if told else []

    return in_each_cooperative(cooperative, remind)


def remind_member_payments(cooperative=None, *, today: dt.date) -> list[Done]:
    until = today + dt.timedelta(days=PAY_AHEAD_DAYS)

    def remind(coop) -> list[Done]:
        due = payments_due_by(coop, until)
        figures = due.aggregate(amount=Sum("amount"))
        count = due.count()
        if not count:
            return []
        board = CoopRole.objects.filter(cooperative=coop, role=Role.BOARD).values_list(
            "user_id", flat=True)
        first = due.order_by("due_on").values_list("due_on", flat=True).first()
        told = notify(cooperative=coop, topic=notices.MEMBER_PAYMENTS_DUE,
                      event_id=f"member-payments:{today}", recipients=list(board),
                      link=reverse("contracts:member_payments", args=[coop.slug]),
                      params={"count": str(count), "amount": format_rupiah(figures["amount"]),
                              "due": date_format(first, "j F Y")})
        line = ngettext("Pengurus diingatkan %(n)s pembayaran anggota yang jatuh tempo",
                        "Pengurus diingatkan %(n)s pembayaran anggota yang jatuh tempo", count)
        return [Done(coop.pk, line % {"n": count})] if told else []

    return in_each_cooperative(cooperative, remind)
