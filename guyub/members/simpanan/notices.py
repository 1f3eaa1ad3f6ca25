"""What simpanan tells a member through the notification service: a receipt for each
deposit and withdrawal, this month's simpanan wajib a few days before it is due, and
the arrears once a month after the due day. Event ids are stable (the transaction,
the month), so the daily reminder job run twice tells nobody twice."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guyub.core.jobs import Done
from guyub.core.jobs.each import in_each_cooperative
from guyub.core.models import Cooperative
from guyub.core.money import format_rupiah
from guyub.notifications import Topic
from guyub.notifications.selectors import already_notified
from guyub.notifications.services import notify, notify_each

from ..models import Member
from .models import SimpananTransaction
from .selectors import members_in_arrears

DEPOSIT = "simpanan.deposit"
WITHDRAWAL = "simpanan.withdrawal"
WAJIB_DUE = "simpanan.wajib_due"
ARREARS = "simpanan.arrears"
# The reminder goes out this many days before the due day.
REMIND_DAYS = 3


def topics() -> list[Topic]:
    return [
        Topic(DEPOSIT, gettext_lazy("Setoran simpanan"),
              gettext_lazy("Setoran simpanan %(kind)s %(amount)s tercatat (bukti %(receipt)s). "
                           "Saldo kini %(balance)s.")),
        Topic(WITHDRAWAL, gettext_lazy("Penarikan simpanan"),
              gettext_lazy("Penarikan simpanan %(kind)s %(amount)s tercatat (bukti "
                           "%(receipt)s). Saldo kini %(balance)s.")),
        Topic(WAJIB_DUE, gettext_lazy("Simpanan wajib jatuh tempo"),
              gettext_lazy("Simpanan wajib %(month)s sebesar %(amount)s jatuh tempo "
                           "%(due)s.")),
        Topic(ARREARS, gettext_lazy("Tunggakan simpanan wajib"),
              gettext_lazy("Simpanan wajib Anda tertunggak %(months)s bulan, %(amount)s. "
                           "Mohon segera dilunasi.")),
    ]


def receipt(tx: SimpananTransaction, balance) -> None:
    member = tx.member
    if not member.user_id:
        return
    coop = member.cooperative
    notify(cooperative=coop,
           topic=DEPOSIT if tx.type == SimpananTransaction.Type.DEPOSIT else WITHDRAWAL,
           event_id=f"simpanan:{tx.pk}", recipients=[member.user_id],
           link=reverse("members:receipt_pdf", args=[coop.slug, tx.pk]),
           params={"kind": tx.kind, "amount": format_rupiah(tx.amount),
                   "receipt": tx.receipt_display, "balance": format_rupiah(balance)})


def _due_date(cooperative: Cooperative, today: dt.date) -> dt.date:
    return today.replace(day=min(cooperative.simpanan_wajib_due_day, 28))


def remind_dues(cooperative: Cooperative | None = None, *, today=None) -> list[Done]:
    """The daily job: in each cooperative with simpanan wajib, remind the members who
    have not paid this month REMIND_DAYS before the due day, and tell those in arrears
    once the due day has passed. A cooperative's notices go all or none: a run stopped
    half-way leaves no month half told (the next run tells everyone)."""
    today = today or timezone.localdate()

    def remind(coop: Cooperative) -> list[Done]:
        if not coop.simpanan_wajib_amount:
            return []
        due = _due_date(coop, today)
        if due - dt.timedelta(days=REMIND_DAYS) <= today <= due:
            return _remind_due(coop, due)
        if today > due:
            return _tell_arrears(coop, today)
        return []

    return in_each_cooperative(cooperative, remind)


def _remind_due(coop: Cooperative, due: dt.date) -> list[Done]:
    event = f"wajib-due:{due:%Y-%m}"
    if already_notified(cooperative=coop, event_id=event):
        return []
    day_after = due + dt.timedelta(days=1)
    late = {m.pk for m, _months, _amount in members_in_arrears(day_after)}
    users = list(Member.objects.filter(pk__in=late, user__isnull=False)
                 .values_list("user_id", flat=True))
    told = notify(cooperative=coop, topic=WAJIB_DUE, event_id=event, recipients=users,
                  link=reverse("members:portal", args=[coop.slug]),
                  params={"month": f"{due:%m-%Y}", "due": f"{due:%d-%m-%Y}",
                          "amount": format_rupiah(coop.simpanan_wajib_amount)})
    return [Done(coop.pk, _("Pengingat simpanan wajib %(month)s dikirim ke %(n)s anggota")
                 % {"month": f"{due:%m-%Y}", "n": told})] if told else []


def _tell_arrears(coop: Cooperative, today: dt.date) -> list[Done]:
    event = f"wajib-arrears:{today:%Y-%m}"
    if already_notified(cooperative=coop, event_id=event):
        return []
    told = notify_each(
        cooperative=coop, topic=ARREARS, event_id=event,
        link=reverse("members:portal", args=[coop.slug]),
        personal={member.user_id: {"months": months, "amount": format_rupiah(amount)}
                  for member, months, amount in members_in_arrears(today) if member.user_id})
    return [Done(coop.pk, _("Pemberitahuan tunggakan simpanan wajib dikirim ke %(n)s anggota")
                 % {"n": told})] if told else []

