"""Sales' periodic jobs: keep the monthly sales summaries the dashboards read, and
remind each maker the day before their goods are due at the warehouse and once when
they are late (the pick list's due dates; one notice per maker and due date, told
once however often the job runs: the event id)."""

import datetime as dt
from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guyub.core.jobs import Done, Job
from guyub.core.jobs.each import in_each_cooperative
from guyub.core.models import Cooperative
from guyub.notifications.services import notify_each

from . import notices
from .fulfilment import selectors as fulfilment
from .summaries import services as summaries


def refresh_sales_summaries(cooperative=None) -> list[Done]:
    def refresh(coop) -> list[Done]:
        # One rebuild per cooperative at a time (the schedule's and a run by hand):
        # two first builds side by side would each insert every month.
        Cooperative.objects.select_for_update().get(pk=coop.pk)
        months = summaries.refresh(coop)
        if months == 0:
            return []
        return [Done(coop.pk, _("Ringkasan penjualan dibangun ulang untuk semua bulan")
                     if months is None
                     else _("Ringkasan penjualan diperbarui: %(n)s bulan") % {"n": months})]

    return in_each_cooperative(cooperative, refresh)


def remind_handovers(cooperative: Cooperative | None = None, *, today=None) -> list[Done]:
    today = today or timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)

    def remind(coop) -> list[Done]:
        lines = fulfilment.pick_lines(due_to=tomorrow).filter(member__user__isnull=False)
        due, late = defaultdict(list), defaultdict(list)
        for line in lines:
            # Due today: told yesterday that it was due "tomorrow"; late from tomorrow.
            if line.due_date == tomorrow:
                due[line.member.user_id].append(line)
            elif line.due_date < today:
                late[line.member.user_id].append(line)
        told = (_tell(coop, notices.HANDOVER_DUE, due, f"due:{tomorrow}")
                + _tell(coop, notices.HANDOVER_LATE, late, "late"))
        return [Done(coop.pk, _("%(n)s pengingat setor barang dikirim") % {"n": told})
                ] if told else []

    return in_each_cooperative(cooperative, remind)


def _tell(coop, topic: str, by_user: dict, when: str) -> int:
    told = 0
    link = reverse("sales:my_picklist", args=[coop.slug])
    for user_id, lines in by_user.items():
        # Late: told once per set of late lines (a new late line is a new notice).
        event = (f"handover:{user_id}:{when}" if when != "late"
                 else f"handover:{user_id}:late:{max(x.pk for x in lines)}")
        told += notify_each(cooperative=coop, topic=topic, event_id=event, link=link,
                            personal={user_id: {"lines": notices.line_list(lines)}})
    return told


def jobs() -> list[Job]:
    return [
        # Every ten minutes: the dashboards read the months before the current one from
        # the summaries, so a late cancellation shows there within ten minutes.
        Job("refresh_sales_summaries",
            gettext_lazy("Memperbarui ringkasan penjualan bulanan untuk dasbor"),
            refresh_sales_summaries, schedule="*/10 * * * *"),
        Job("remind_handovers", gettext_lazy("Mengingatkan anggota menyetor barang pesanan"),
            remind_handovers, schedule="0 7 * * *"),
    ]
