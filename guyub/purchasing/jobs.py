"""Purchasing's periodic jobs: close the collective purchase rounds whose closing time
has passed, and move the tenders whose deadline has passed to evaluation. Each locks
and re-checks its rows, so a second run (or a second machine) changes nothing."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guyub.core.jobs import Done, Job

from .rounds import schedule as round_schedule
from .tenders import schedule as tender_schedule


def close_due_rounds(cooperative=None) -> list[Done]:
    failures = []
    closed = round_schedule.close_due_rounds(cooperative=cooperative, failures=failures)
    return ([Done(r.cooperative_id, _("Putaran ditutup: %(title)s") % {"title": r.title})
             for r in closed]
            + [Done(r.cooperative_id, _("Putaran %(title)s gagal ditutup: %(error)s")
                    % {"title": r.title, "error": f"{type(e).__name__}: {e}"}, failed=True)
               for r, e in failures])


def close_due_tenders(cooperative=None) -> list[Done]:
    return [Done(t.cooperative_id, _("Tender %(item)s melewati tenggat, kini dievaluasi")
                 % {"item": t.item.name})
            for t in tender_schedule.close_due_tenders(cooperative=cooperative)]


def remind_rounds(cooperative=None) -> list[Done]:
    texts = {"opened": _("Anggota diberi tahu pembelian bersama dibuka: %(title)s"),
             "closing": _("Anggota diingatkan pembelian bersama segera ditutup: %(title)s"),
             "closed": _("Tagihan pembelian bersama diberitahukan ke anggota: %(title)s")}
    failures = []
    told = round_schedule.remind_rounds(cooperative=cooperative, failures=failures)
    return ([Done(r.cooperative_id, texts[what] % {"title": r.title}) for r, what in told]
            + [Done(r.cooperative_id, _("Anggota pembelian bersama %(title)s gagal diberi tahu: "
                                        "%(error)s") % {"title": r.title,
                                                        "error": f"{type(e).__name__}: {e}"},
                    failed=True) for r, e in failures])


def jobs() -> list[Job]:
    return [Job("close_due_rounds", gettext_lazy("Menutup putaran pembelian yang jatuh tempo"),
                close_due_rounds),
            Job("close_due_tenders",
                gettext_lazy("Memindahkan tender yang lewat tenggat ke evaluasi"),
                close_due_tenders),
            Job("remind_rounds",
                gettext_lazy("Memberi tahu anggota pembelian bersama yang dibuka dan yang "
                             "segera ditutup"),
                remind_rounds, schedule="*/5 * * * *")]
