"""The officers' fund pages: the report (balance, contributions and grants per period,
checked against the ledger), recording a contribution, the grant requests, the
board's decision and the payment."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view

from . import selectors, services
from .forms import ContributionForm, DecideForm, GrantRequestForm, PayForm

FILTERS = [("", gettext_lazy("Semua")), ("open", gettext_lazy("Berjalan")),
           ("paid", gettext_lazy("Dibayar")), ("refused", gettext_lazy("Ditolak"))]


def _year(request, years: list[int]) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isascii() and value.isdigit() and int(value) in years \
        else years[0]


@require_safe
@coop_view("solidarity.view")
def fund(request):
    years = selectors.years()
    year = _year(request, years)
    return render(request, "support/solidarity/fund.html", {
        "balance": selectors.fund_balance(request.coop), "report": selectors.report(
            request.coop, year), "years": years,
        "contributions": selectors.recent_contributions(),
        "can_manage": request.access.can("solidarity.manage"),
    })


@coop_view("solidarity.manage")
def contribution_create(request):
    form = ContributionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.record_contribution(
                cooperative=request.coop, actor=request.user, source=data["source"],
                method=data["method"], amount=data["amount"], date=data["date"],
                member=data.get("member"), donor_name=data.get("donor_name", ""),
                note=data.get("note", "")), form=form,
                success=_("Sumbangan dicatat dan dibukukan ke dana sosial.")):
            return redirect("support:fund", request.coop.slug)
    return render(request, "support/solidarity/contribution_form.html", {"form": form})


@require_safe
@coop_view("solidarity.view")
def grant_list(request):
    status = request.GET.get("status", "")
    if status not in selectors.FILTERS:
        status = ""
    page = Paginator(selectors.grants(status), 25).get_page(request.GET.get("page"))
    return render(request, "support/solidarity/grant_list.html", {
        "page": page, "status": status, "filters": FILTERS,
        "query": f"status={status}" if status else "",
        "can_manage": request.access.can("solidarity.manage"),
    })


@coop_view("solidarity.manage")
def grant_create(request):
    form = GrantRequestForm(request.POST or None, request.FILES or None, on_behalf=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        grant = attempt(request, lambda: services.request_grant(
            member=data["member"], actor=request.user, category=data["category"],
            amount=data["amount_requested"], reason=data["reason"], photo=data.get("photo")),
            form=form, success=_("Permohonan dicatat; pengurus diberi tahu."))
        if grant:
            return redirect("support:grant", request.coop.slug, grant.pk)
    return render(request, "support/solidarity/grant_form.html", {
        "form": form, "back": "support:grants"})


def _grant(pk):
    grant = selectors.grant(pk)
    if grant is None:
        raise Http404
    return grant


@require_safe
@coop_view("solidarity.view")
def grant_detail(request, pk):
    grant = _grant(pk)
    return render(request, "support/solidarity/grant_detail.html", {
        "grant": grant, "balance": selectors.fund_balance(request.coop),
        "decide_form": DecideForm() if request.access.can("solidarity.grant") else None,
        "pay_form": PayForm() if request.access.can("solidarity.manage") else None,
        "portal": "officer",
    })


@require_POST
@coop_view("solidarity.grant")
def grant_decide(request, pk):
    grant = _grant(pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        attempt(request, lambda: services.decide_grant(
            grant=grant, actor=request.user, approve=data["decision"] == "approve",
            note=data["note"], amount=data.get("amount")),
            success=_("Keputusan dicatat; anggota diberi tahu."))
    else:
        for errors in form.errors.values():
            for error in errors:
                # The form lives on the detail page; its errors travel as messages.
                messages.error(request, error)
    return redirect("support:grant", request.coop.slug, grant.pk)


@require_POST
@coop_view("solidarity.manage")
def grant_pay(request, pk):
    grant = _grant(pk)
    form = PayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        attempt(request, lambda: services.pay_grant(
            grant=grant, actor=request.user, method=data["method"], date=data["date"]),
            success=_("Bantuan dibayar dan dibukukan."))
    else:
        messages.error(request, _("Periksa cara bayar dan tanggal."))
    return redirect("support:grant", request.coop.slug, grant.pk)
