"""Instalment reminders, run each morning by the `remind_instalments` job: a member is
told of an instalment falling due within three days (once per instalment), and of an
instalment overdue (once when it becomes overdue, again each further 30 days). The event
ids name the instalment (and the overdue month), so a second run tells nobody twice."""

import datetime as dt

from django.db.models import F
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import ngettext

from guyub.core.jobs import Done
from guyub.core.jobs.each import in_each_cooperative
from guyub.core.money import format_rupiah
from guyub.notifications.services import notify
from guyub.support import notices

from .models import Instalment, Loan

DUE_AHEAD_DAYS = 3
OVERDUE_REPEAT_DAYS = 30


def _open_instalments():
    return (Instalment.objects
            .filter(status=Instalment.Status.DUE, version=F("loan__schedule_version"),
                    loan__status=Loan.Status.ACTIVE, loan__member__user__isnull=False)
            .select_related("loan__member").order_by("due", "pk"))


def remind_instalments(cooperative=None, *, today: dt.date) -> list[Done]:
    def remind(coop) -> list[Done]:
        due_told = overdue_told = 0
        soon = _open_instalments().filter(due__gt=today,
                                          due__lte=today + dt.timedelta(days=DUE_AHEAD_DAYS))
        for row in soon:
            due_told += notify(
                cooperative=coop, topic=notices.INSTALMENT_DUE,
                event_id=f"instalment:{row.pk}:due", recipients=[row.loan.member.user_id],
                link=reverse("support:my_loan", args=[coop.slug, row.loan_id]),
                params={"seq": str(row.seq), "number": row.loan.display_number,
                        "amount": format_rupiah(row.total),
                        "due": date_format(row.due, "j F Y")})
        for row in _open_instalments().filter(due__lt=today):
            days = (today - row.due).days
            overdue_told += notify(
                cooperative=coop, topic=notices.INSTALMENT_OVERDUE,
                event_id=f"instalment:{row.pk}:overdue:{(days - 1) // OVERDUE_REPEAT_DAYS}",
                recipients=[row.loan.member.user_id],
                link=reverse("support:my_loan", args=[coop.slug, row.loan_id]),
                params={"seq": str(row.seq), "number": row.loan.display_number,
                        "amount": format_rupiah(row.total), "days": str(days)})
        done = []
        if due_told:
            done.append(Done(coop.pk, ngettext(
                "%(n)s anggota diingatkan angsuran pinjaman jatuh tempo",
                "%(n)s anggota diingatkan angsuran pinjaman jatuh tempo", due_told)
                % {"n": due_told}))
        if overdue_told:
            done.append(Done(coop.pk, ngettext(
                "%(n)s angsuran pinjaman terlambat diberitahukan",
                "%(n)s angsuran pinjaman terlambat diberitahukan", overdue_told)
                % {"n": overdue_told}))
        return done

    return in_each_cooperative(cooperative, remind)
