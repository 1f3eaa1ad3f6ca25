"""Sales reports for officers (the whole cooperative) and members (their own sales)."""

from django.http import Http404
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from guyub.core.exports import xlsx_response
from guyub.core.tenancy import coop_view
from guyub.ledger.selectors import member_balance
from guyub.members.selectors import own_membership
from guyub.sales.payouts.selectors import member_payouts

from . import selectors
from .forms import ReportForm

CHART_ROWS = 12
MEMBER_BREAKDOWNS = ("product", "channel", "region", "month")


def _report(request, *, member=None) -> dict:
    """The report's context; without "by" in it when the period was refused."""
    choices = MEMBER_BREAKDOWNS if member is not None else tuple(selectors.BREAKDOWNS)
    # The period shown in the date fields is the one reported on, defaults included.
    data = request.GET.copy()
    start, end = selectors.default_period()
    data.setdefault("start", start.isoformat())
    data.setdefault("end", end.isoformat())
    form = ReportForm(data, default_by=choices[0], choices=choices)
    context = {"form": form, "member": member, "tabs": [], "rows": [], "chart": []}
    if not form.is_valid():
        return context
    start, end, by = form.cleaned_data["start"], form.cleaned_data["end"], form.cleaned_data["by"]
    measure = "earning" if member is not None else "sales"
    rows = selectors.breakdown(by, start=start, end=end, member=member, measure=measure)
    period = {"start": start.isoformat(), "end": end.isoformat()}
    context.update(
        start=start, end=end, by=by, by_label=selectors.BREAKDOWNS[by], rows=rows,
        measure=measure, totals=selectors.totals(start=start, end=end, member=member),
        # The month chart shows every month; the others their largest rows.
        chart=rows if by == "month" else rows[:CHART_ROWS],
        tabs=[(key, selectors.BREAKDOWNS[key], urlencode({**period, "by": key}))
              for key in choices],
        export=urlencode({**period, "by": by, "format": "xlsx"}),
    )
    return context


def _export(context, *, member=None):
    by = context["by"]
    header = [str(context["by_label"]), _("Keterangan"), _("Jumlah barang"),
              _("Pesanan"), _("Penjualan (Rp)"), _("Komisi koperasi (Rp)"),
              _("Hasil anggota (Rp)")]
    rows = [[r.label, r.detail, r.quantity, r.orders, int(r.sales), int(r.commission),
             int(r.earning)] for r in context["rows"]]
    total = context["totals"]
    rows.append([pgettext("total", "Jumlah"), "", total.quantity, total.orders, int(total.sales),
                 int(total.commission), int(total.earning)])
    who = f"-{member.display_number}" if member is not None else ""
    return xlsx_response([header, *rows],
                         name=f"penjualan{who}-{by}-{context['start']}-{context['end']}",
                         title=str(context["by_label"]))


@coop_view("reports.view")
def sales_report(request):
    context = _report(request)
    if request.GET.get("format") == "xlsx" and "by" in context:
        return _export(context)
    return render(request, "reports/sales.html", context)


@coop_view("sales.own")
def my_sales(request):
    member = own_membership(request.user)
    if member is None:
        raise Http404
    context = _report(request, member=member)
    if request.GET.get("format") == "xlsx" and "by" in context:
        return _export(context, member=member)
    context.update(payouts=member_payouts(member),
                   owed=member_balance(member=member, role="payable_members"))
    return render(request, "reports/my_sales.html", context)
