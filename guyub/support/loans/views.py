"""The officers' loan pages: the list (by status and collectibility), the portfolio,
the by-law settings, an application entered for a member, and a loan with its
schedule, repayments and the steps its status allows (assess, decide, disburse,
repay, settle early, restructure)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import attempt, run_form
from guyub.core.tenancy import coop_view

from . import collectibility, selectors, services
from .forms import (
    ApplyForm,
    AssessForm,
    DecideForm,
    DisburseForm,
    PayForm,
    RestructureForm,
    SettingsForm,
)
from .models import Instalment, Loan


def _loan(pk) -> Loan:
    found = selectors.loan(pk)
    if found is None:
        raise Http404
    return found


def _back(request, loan):
    return redirect("support:loan", request.coop.slug, loan.pk)


@require_safe
@coop_view("loans.view")
def loan_list(request):
    status = request.GET.get("status", "")
    grade = request.GET.get("grade", "")
    status = status if status in selectors.STATUS_FILTERS else ""
    grade = grade if grade in collectibility.GRADES else ""
    limits = selectors.settings_of(request.coop)
    loans = selectors.loan_list(status=status, grade=grade, as_of=timezone.localdate(),
                                grace_days=limits.grace_days)
    page = Paginator(loans, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for loan in page:
        loan.days_overdue = max((today - loan.oldest_due).days, 0) \
            if loan.status == Loan.Status.ACTIVE and loan.oldest_due else 0
        loan.grade = collectibility.grade(loan.days_overdue, limits.grace_days)
        loan.grade_label = collectibility.LABELS[loan.grade]
    query = "&".join(f"{k}={v}" for k, v in (("status", status), ("grade", grade)) if v)
    return render(request, "support/loans/list.html", {
        "page": page, "status": status, "grade": grade, "query": query,
        "statuses": [("", _("Semua")), ("open", _("Belum selesai")), *Loan.Status.choices],
        "grades": [("", _("Semua")), *collectibility.LABELS.items()],
        "can_manage": request.access.can("loans.manage"),
        "can_approve": request.access.can("loans.approve"),
    })


@require_safe
@coop_view("loans.view")
def portfolio(request):
    limits = selectors.settings_of(request.coop)
    rows = selectors.portfolio(request.coop, as_of=timezone.localdate(),
                               grace_days=limits.grace_days)
    return render(request, "support/loans/portfolio.html", {
        "rows": rows, "limits": limits,
        "loans": sum(r.loans for r in rows), "outstanding": sum(r.outstanding for r in rows),
        "arrears": sum(r.arrears for r in rows),
    })


@coop_view("loans.approve")
def loan_settings(request):
    form = SettingsForm(request.POST or None, instance=selectors.settings_of(request.coop))
    if run_form(request, form, lambda obj, actor: services.save_settings(
            cooperative=request.coop, actor=actor, ceiling_multiple=obj.ceiling_multiple,
            max_term_months=obj.max_term_months, monthly_rate_pct=obj.monthly_rate_pct,
            default_method=obj.default_method, grace_days=obj.grace_days)):
        messages.success(request, _("Batas pinjaman disimpan."))
        return redirect("support:loan_settings", request.coop.slug)
    return render(request, "support/loans/settings.html", {"form": form})


@coop_view("loans.manage")
def loan_new(request):
    limits = selectors.settings_of(request.coop)
    form = ApplyForm(request.POST or None, with_member=True,
                     initial={"method": limits.default_method})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        loan = attempt(request, lambda: services.apply(
            member=data["member"], actor=request.user, amount=data["amount"],
            term_months=data["term_months"], purpose=data["purpose"], method=data["method"]),
            form=form, success=_("Pengajuan pinjaman dicatat; pengurus diberi tahu."))
        if loan:
            return redirect("support:loan", request.coop.slug, loan.pk)
    return render(request, "support/loans/new.html", {"form": form, "limits": limits})


@require_safe
@coop_view("loans.view")
def loan_detail(request, pk):
    loan = _loan(pk)
    return render(request, "support/loans/detail.html", {
        **selectors.loan_page(loan), "portal": "officer",
        "can_manage": request.access.can("loans.manage"),
        "can_approve": request.access.can("loans.approve"),
        "assess_form": AssessForm(initial={"note": loan.assessment}),
        "decide_form": DecideForm(), "pay_form": PayForm(),
    })


@require_POST
@coop_view("loans.manage")
def loan_assess(request, pk):
    loan = _loan(pk)
    form = AssessForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.assess(loan=loan, actor=request.user,
                                                 note=form.cleaned_data["note"]),
                success=_("Catatan penilaian disimpan."))
    else:
        _form_error(request, form)
    return _back(request, loan)


def _form_error(request, form) -> None:
    """A step posted from a button on the loan page: its form's errors as a message."""
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))


@require_POST
@coop_view("loans.approve")
def loan_decide(request, pk):
    loan = _loan(pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        approve = data["decision"] == "approve"
        attempt(request, lambda: services.decide(loan=loan, actor=request.user,
                                                 approve=approve, reason=data["reason"]),
                success=_("Pinjaman disetujui.") if approve else _("Pinjaman ditolak."))
    else:
        _form_error(request, form)
    return _back(request, loan)


@coop_view("loans.manage")
def loan_disburse(request, pk):
    loan = _loan(pk)
    form = DisburseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.disburse(
                loan=loan, actor=request.user, date=data["date"], via=data["via"],
                first_due=data["first_due"]), form=form,
                success=_("Pinjaman dicairkan; jadwal angsuran dibuat.")):
            return _back(request, loan)
    return render(request, "support/loans/action.html", {
        "loan": loan, "form": form, "title": _("Cairkan pinjaman"),
        "button": _("Cairkan")})


@coop_view("loans.manage")
def instalment_pay(request, instalment_pk):
    instalment = get_object_or_404(Instalment.objects.select_related("loan__member"),
                                   pk=instalment_pk)
    loan = instalment.loan
    form = PayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.repay(
                instalment=instalment, actor=request.user, date=data["date"],
                via=data["via"]), form=form, success=_("Angsuran dicatat.")):
            return _back(request, loan)
    return render(request, "support/loans/action.html", {
        "loan": loan, "form": form, "instalment": instalment,
        "title": _("Catat angsuran ke-%(seq)s") % {"seq": instalment.seq},
        "button": _("Catat pembayaran")})


@coop_view("loans.manage")
def loan_settle(request, pk):
    loan = _loan(pk)
    form = PayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.settle_early(
                loan=loan, actor=request.user, date=data["date"], via=data["via"]),
                form=form, success=_("Pinjaman dilunasi.")):
            return _back(request, loan)
    context = selectors.loan_page(loan)
    return render(request, "support/loans/action.html", {
        "loan": loan, "form": form, "title": _("Pelunasan dipercepat"),
        "button": _("Catat pelunasan"), "payoff": context["payoff"],
        "payoff_principal": context["payoff_principal"],
        "payoff_interest": context["payoff_interest"]})


@coop_view("loans.approve")
def loan_restructure(request, pk):
    loan = _loan(pk)
    form = RestructureForm(request.POST or None, initial={
        "method": loan.method, "monthly_rate_pct": loan.monthly_rate_pct})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.restructure(
                loan=loan, actor=request.user, term_months=data["term_months"],
                monthly_rate_pct=data["monthly_rate_pct"], method=data["method"],
                first_due=data["first_due"], reason=data["reason"]), form=form,
                success=_("Jadwal baru dibuat; jadwal lama tetap tersimpan.")):
            return _back(request, loan)
    return render(request, "support/loans/action.html", {
        "loan": loan, "form": form, "title": _("Restrukturisasi pinjaman"),
        "button": _("Buat jadwal baru"), "outstanding": selectors.outstanding(loan)})
