"""Officers' contract pages: the list, a contract entered for a business buyer, a
contract with its negotiation, and the set-up of grades, approvals and floor prices.

Everyone with contracts.view follows; board and staff negotiate (contracts.manage);
the board accepts for the cooperative and sets floor prices (contracts.floor)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import DomainError, add_to_form, attempt, run_form
from guyub.core.tenancy import coop_view

from . import pages, selectors, services
from .forms import (
    ApprovalForm,
    BusinessProfileForm,
    FloorPriceForm,
    GradeForm,
    StaffContractForm,
)
from .models import BusinessProfile, Contract, Grade, GradeApproval

Party = pages.Party
STATUS_FILTERS = [("", gettext_lazy("Semua"))] + list(Contract.Status.choices)


@require_safe
@coop_view("contracts.view")
def contract_list(request):
    status = request.GET.get("status", "")
    if status not in Contract.Status.values:
        status = ""
    page = Paginator(selectors.contract_list(status), 25).get_page(request.GET.get("page"))
    return render(request, "contracts/negotiation/list.html", {
        "page": page, "status": status, "statuses": STATUS_FILTERS,
        "query": f"status={status}" if status else "",
        "can_create": request.access.can("contracts.manage"), "portal": False})


@coop_view("contracts.manage")
def contract_create(request):
    form = StaffContractForm(request.POST or None)
    profile_form = BusinessProfileForm(request.POST or None, prefix="new",
                                       instance=BusinessProfile(cooperative=request.coop))
    if request.method == "POST" and form.is_valid():
        buyer = form.cleaned_data["buyer"]
        if buyer is not None or profile_form.is_valid():
            contract = form.save(commit=False)
            try:
                if buyer is None:
                    buyer = services.enter_business_buyer(profile_form.save(commit=False),
                                                          actor=request.user)
                contract = services.request_contract(contract, actor=request.user,
                                                     buyer=buyer)
            except DomainError as error:
                # Two forms on one page: the refusal goes to the contract's.
                add_to_form(form, error)
            else:
                messages.success(request, _("Kontrak dicatat sebagai permintaan pembeli."))
                return redirect("contracts:detail", request.coop.slug, contract.pk)
    return render(request, "contracts/negotiation/form.html", {
        "form": form, "profile_form": profile_form, "portal": False})


@coop_view("contracts.view")
def contract_detail(request, pk):
    contract = get_object_or_404(selectors.contract_list(), pk=pk)
    forms = {}
    if request.method == "POST":
        done, forms = pages.post_step(request, contract, Party.COOPERATIVE)
        if done:
            return redirect("contracts:detail", request.coop.slug, contract.pk)
        contract.refresh_from_db()
    return render(request, "contracts/negotiation/detail.html",
                  pages.context(request, contract, Party.COOPERATIVE, forms))


# --- set-up: grades, approvals, floor prices ------------------------------------------


@require_safe
@coop_view("contracts.view")
def grade_list(request):
    grades = list(selectors.grades())
    for grade in grades:
        grade.floor = selectors.floor_price(grade)
    return render(request, "contracts/negotiation/grades.html", {
        "grades": grades, "can_manage": request.access.can("contracts.manage")})


@coop_view("contracts.manage")
def grade_create(request):
    form = GradeForm(request.POST or None, instance=Grade(cooperative=request.coop))
    grade = run_form(request, form, services.save_grade)
    if grade:
        messages.success(request, _("Mutu disimpan."))
        return redirect("contracts:grade", request.coop.slug, grade.pk)
    return render(request, "contracts/negotiation/grade_form.html", {"form": form})


@coop_view("contracts.manage")
def grade_edit(request, pk):
    grade = get_object_or_404(Grade, pk=pk)
    form = GradeForm(request.POST or None, instance=grade)
    if run_form(request, form, services.save_grade):
        messages.success(request, _("Mutu disimpan."))
        return redirect("contracts:grade", request.coop.slug, grade.pk)
    return render(request, "contracts/negotiation/grade_form.html",
                  {"form": form, "grade": grade})


def _refused(request, form) -> None:
    """The grade page holds two small forms; a refused one is told as messages on it
    (field label and error), so a POST always returns to the page."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _grade_context(request, grade) -> dict:
    approvals = list(selectors.approvals(grade))
    for approval in approvals:
        approval.valid = selectors.is_approval_valid(approval)
    return {"grade": grade, "approvals": approvals,
            "floor": selectors.floor_price(grade),
            "floor_history": selectors.floor_history(grade)[:50],
            "can_manage": request.access.can("contracts.manage"),
            "can_floor": request.access.can("contracts.floor"),
            "approval_form": ApprovalForm(grade=grade), "floor_form": FloorPriceForm()}


@require_safe
@coop_view("contracts.view")
def grade_detail(request, pk):
    grade = get_object_or_404(selectors.grades(), pk=pk)
    return render(request, "contracts/negotiation/grade.html", _grade_context(request, grade))


@require_POST
@coop_view("contracts.manage")
def grade_approve(request, pk):
    grade = get_object_or_404(selectors.grades(), pk=pk)
    form = ApprovalForm(request.POST, grade=grade)
    if form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.approve_product(
                grade=grade, product=data["product"], valid_until=data["valid_until"],
                note=data["note"], actor=request.user), form=form,
                success=_("Produk dinyatakan memenuhi mutu.")):
            return redirect("contracts:grade", request.coop.slug, grade.pk)
    _refused(request, form)
    return redirect("contracts:grade", request.coop.slug, grade.pk)


@require_POST
@coop_view("contracts.manage")
def approval_end(request, pk):
    approval = get_object_or_404(GradeApproval, pk=pk)
    attempt(request, lambda: services.end_approval(approval=approval, actor=request.user),
            success=_("Persetujuan mutu diakhiri mulai hari ini."))
    return redirect("contracts:grade", request.coop.slug, approval.grade_id)


@require_POST
@coop_view("contracts.floor")
def grade_floor(request, pk):
    grade = get_object_or_404(selectors.grades(), pk=pk)
    form = FloorPriceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.set_floor_price(
                grade=grade, price=data["price"], reference=data["reference"],
                actor=request.user), form=form, success=_("Harga dasar baru berlaku.")):
            return redirect("contracts:grade", request.coop.slug, grade.pk)
    _refused(request, form)
    return redirect("contracts:grade", request.coop.slug, grade.pk)
