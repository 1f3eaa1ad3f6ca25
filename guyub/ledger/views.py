from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import attempt
from guyub.core.exports import xlsx_response
from guyub.core.tenancy import coop_view

from . import exports, selectors, services
from .forms import AccountForm, AsOfForm, CloseForm, JournalFilterForm, PeriodForm, ReverseForm
from .models import ZERO, Account, JournalEntry


@coop_view("ledger.view")
def trial_balance(request):
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_date()
    rows = selectors.trial_balance(as_of=as_of)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.trial_balance_rows(rows),
                             name=f"neraca-saldo-{as_of}", title=_("Neraca saldo"))
    totals = {
        "debit": sum((r.debit_balance for r in rows), ZERO),
        "credit": sum((r.credit_balance for r in rows), ZERO),
    }
    return render(request, "ledger/trial_balance.html", {
        "form": form, "as_of": as_of, "rows": [r for r in rows if r.debit or r.credit],
        "totals": totals, "query": request.GET.urlencode(),
    })


@coop_view("ledger.view")
def account_list(request):
    form = AccountForm(request.POST or None)
    if request.method == "POST":
        request.access.require("ledger.manage")
        if form.is_valid():
            if attempt(request, lambda: services.add_account(
                    cooperative=request.coop, actor=request.user, **form.cleaned_data),
                    success=_("Akun ditambahkan."), form=form):
                return redirect("ledger:accounts", request.coop.slug)
    return render(request, "ledger/account_list.html", {
        "accounts": Account.objects.order_by("code"), "form": form,
        "can_manage": request.access.can("ledger.manage"),
    })


@require_POST
@coop_view("ledger.manage")
def account_delete(request, pk):
    account = get_object_or_404(Account, pk=pk)
    attempt(request, lambda: services.delete_account(account=account, actor=request.user),
            success=_("Akun dihapus."))
    return redirect("ledger:accounts", request.coop.slug)


@coop_view("ledger.view")
def account_ledger(request, pk):
    account = get_object_or_404(Account, pk=pk)
    form = PeriodForm(request.GET or None)
    period = form.cleaned_data if form.is_valid() else {}
    start, end = period.get("start"), period.get("end")
    opening, rows = selectors.account_ledger(account=account, start=start, end=end)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.account_ledger_rows(account, opening, rows),
                             name=f"buku-besar-{account.code}", title=account.code)
    return render(request, "ledger/account_ledger.html", {
        "account": account, "form": form, "opening": opening, "rows": rows,
        "closing": rows[-1][1] if rows else opening, "query": request.GET.urlencode(),
    })


@coop_view("ledger.view")
def journal(request):
    form = JournalFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.journal(**{k: v for k, v in filters.items() if v})
    if request.GET.get("format") == "xlsx":
        return xlsx_response(exports.journal_rows(entries), name="jurnal", title=_("Jurnal"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "ledger/journal.html", {
        "form": form, "page": Paginator(entries, 30).get_page(request.GET.get("page")),
        "query": query.urlencode(),
    })


@coop_view("ledger.view")
def entry_detail(request, pk):
    entry = get_object_or_404(JournalEntry.objects.select_related("posted_by", "reverses"),
                              pk=pk)
    form = ReverseForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST":
        request.access.require("ledger.manage")
        if form.is_valid():
            reversal = attempt(
                request, lambda: services.reverse_entry(entry=entry, actor=request.user,
                                                        **form.cleaned_data),
                success=lambda reversal: _("Jurnal pembalik %(no)s dicatat.")
                % {"no": reversal.display_number}, form=form)
            if reversal:
                return redirect("ledger:entry", request.coop.slug, reversal.pk)
    return render(request, "ledger/entry_detail.html", {
        "entry": entry, "lines": entry.lines.select_related("account", "member"),
        "reversed_by": JournalEntry.objects.filter(reverses=entry).first(),
        "form": form, "can_manage": request.access.can("ledger.manage"),
    })


@coop_view("ledger.manage")
def close_period(request):
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if attempt(request, lambda: services.close_period(
                cooperative=request.coop, actor=request.user,
                through=form.cleaned_data["through"]),
                success=_("Buku ditutup."), form=form):
            return redirect("ledger:close", request.coop.slug)
    return render(request, "ledger/close.html", {
        "form": form, "closed_through": services.closed_through(request.coop),
    })
