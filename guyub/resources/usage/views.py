"""The officers' usage report of the shared assets, on the page and as a spreadsheet."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guyub.core.exports import xlsx_response
from guyub.core.tenancy import coop_view

from . import selectors
from .forms import PeriodForm


def _share(value):
    return "" if value is None else float(value)


def _rows(report) -> list[list]:
    yield [_("Aset"), _("Pemesanan"), _("Jam terpakai"), _("Jam tersedia"), _("Jam menganggur"),
           _("Biaya ditagih (Rp)"), _("Dibayar (Rp)"), _("Pendapatan di buku besar (Rp)"),
           _("Bagian 3 anggota teratas (%)")]
    for row in report["assets"]:
        yield [row.label, row.bookings, float(row.hours), float(row.available),
               float(row.idle), int(row.charged), int(row.paid), int(row.income),
               _share(row.top_share)]
    yield []
    yield [_("Anggota"), _("Pemesanan"), _("Jam terpakai"), "", "", _("Biaya ditagih (Rp)"),
           _("Dibayar (Rp)")]
    for row in report["members"]:
        yield [row.label or _("Penyewa non-anggota"), row.bookings, float(row.hours), "", "",
               int(row.charged), int(row.paid)]


@require_safe
@coop_view("resources.view")
def usage(request):
    form = PeriodForm(request.GET if "start" in request.GET else None)
    start, end = form.period()
    report = selectors.usage_report(start=start, end=end)
    if request.GET.get("format") == "xlsx" and not form.errors:
        return xlsx_response(_rows(report), name=f"pemakaian-aset-{start}-{end}",
                             title=_("Pemakaian aset"))
    return render(request, "resources/usage/report.html", {
        "form": form, "report": report,
        "query": f"start={start.isoformat()}&end={end.isoformat()}"})
