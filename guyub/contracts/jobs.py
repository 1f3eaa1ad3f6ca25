"""Contracts' periodic jobs: split the deliveries due within a week among the members
(the allocation), remind members the day before they bring goods, remind the board of
member payments falling due, and tell it of buyers' invoices past due. Each locks and
re-checks its rows or tells under a stable event id, so a second run changes nothing."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guyub.core.jobs import Done, Job

from . import reminders
from .allocation import services as allocation
from .deliveries import services as deliveries


def allocate_due_deliveries(cooperative=None) -> list[Done]:
    failures = []
    done = allocation.allocate_due_deliveries(cooperative=cooperative, failures=failures)
    return ([Done(d.cooperative_id, _("Pengiriman %(contract)s tanggal %(due)s dibagi ke "
                                      "anggota") % {"contract": d.contract, "due": d.due_on})
             for d in done]
            + [Done(d.cooperative_id, _("Pengiriman %(contract)s gagal dibagi: %(error)s")
                    % {"contract": d.contract, "error": f"{type(e).__name__}: {e}"[:200]},
                    failed=True) for d, e in failures])


def remind_contract_deliveries(cooperative=None) -> list[Done]:
    return reminders.remind_deliveries(cooperative, today=timezone.localdate())


def remind_member_payments(cooperative=None) -> list[Done]:
    return reminders.remind_member_payments(cooperative, today=timezone.localdate())


def tell_overdue_invoices(cooperative=None) -> list[Done]:
    told = deliveries.tell_overdue_invoices(cooperative=cooperative,
                                            today=timezone.localdate())
    return [Done(i.cooperative_id, _("Pengurus diberi tahu faktur %(number)s lewat jatuh "
                                     "tempo") % {"number": i.number}) for i in told]


def jobs() -> list[Job]:
    return [
        Job("allocate_due_deliveries",
            gettext_lazy("Membagi pengiriman kontrak sepekan ke depan ke anggota"),
            allocate_due_deliveries, schedule="15 * * * *"),
        Job("remind_contract_deliveries",
            gettext_lazy("Mengingatkan anggota mengantar barang kontrak besok"),
            remind_contract_deliveries, schedule="0 7 * * *"),
        Job("remind_member_payments",
            gettext_lazy("Mengingatkan pengurus membayar anggota tepat waktu"),
            remind_member_payments, schedule="30 7 * * *"),
        Job("tell_overdue_invoices",
            gettext_lazy("Memberi tahu pengurus faktur pembeli yang lewat jatuh tempo"),
            tell_overdue_invoices, schedule="0 8 * * *"),
    ]
