"""The board's and the member's dashboards: a period picker, the figures as tables with
their charts, and each table as an Excel file (?tabel=<key>)."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from guyub.core.exports import xlsx_response
from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership

from . import board, contracts, mine, periods, sales, selectors, support
from .forms import PeriodForm


def _period(request) -> tuple[PeriodForm, dict]:
    """The picker and the chosen period; a refused value falls back to the default
    period, with the form's message shown above the figures (never a 500)."""
    form = PeriodForm(request.GET or None)
    choice = form.cleaned_data["periode"] if form.is_valid() else periods.DEFAULT
    compare = form.is_valid() and form.cleaned_data["banding"]
    period, previous = periods.resolve(choice, timezone.localdate())
    query = {"periode": choice, **({"banding": "ya"} if compare else {})}
    if not form.is_bound:
        form = PeriodForm(initial={"periode": choice})
    return form, {"period": period, "previous": previous if compare else None,
                  "choice": choice, "query": urlencode(query)}


def _export(request, tables, name: str, period):
    key = request.GET.get("tabel")
    table = next((t for t in tables if t.key == key), None)
    if table is None:
        raise Http404
    return xlsx_response(table.xlsx_rows(),
                         name=f"{name}-{table.key}-{period.start}-{period.end}",
                         title=table.title)


@coop_view("dashboard.board")
def board_dashboard(request):
    form, chosen = _period(request)
    period = chosen["period"]
    tables = board.board_tables(request.coop, period)
    if "tabel" in request.GET:
        return _export(request, tables, "dasbor", period)
    today = timezone.localdate()
    return render(request, "reports/dashboards/board.html", {
        "form": form, **chosen, "tables": tables,
        "figures": board.headline(request.coop, period, chosen["previous"], tables),
        "queues": selectors.work_queues(),
        "contract_queues": contracts.work_queues(timezone.localdate()),
        "support_queues": support.work_queues(request.coop),
        "certificates": selectors.expiring_certificates(today),
        "certificate_days": selectors.CERTIFICATE_DAYS})


@coop_view("dashboard.member")
def member_dashboard(request):
    member = own_membership(request.user)
    if member is None:
        raise Http404
    form, chosen = _period(request)
    period = chosen["period"]
    tables = mine.member_tables(member, period)
    if "tabel" in request.GET:
        return _export(request, tables, f"dasbor-{member.display_number}", period)
    context = {"form": form, **chosen, "tables": tables, "member": member,
               **mine.member_figures(member, period)}
    if chosen["previous"] is not None:
        context["before_sales"] = sales.sales_total(chosen["previous"], member)
    return render(request, "reports/dashboards/member.html", context)
