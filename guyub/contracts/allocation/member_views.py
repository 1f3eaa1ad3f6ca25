"""The member's side of contracts: the contracts open for capacity, their own
declarations, allotments (with "explain my share"), history and withdrawals."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership

from . import selectors, services
from .forms import CapacityForm, WithdrawForm
from .models import Allotment, Delivery


def _member(request):
    member = own_membership(request.user)
    if member is None:
        raise Http404
    return member


def _open_contract(pk):
    contract = selectors.published_contracts().filter(pk=pk).first()
    if contract is None:  # not published (yet), or ended: nothing to declare on
        raise Http404
    return contract


@coop_view("contracts.supply")
def member_contracts(request):
    member = _member(request)
    contracts = list(selectors.published_contracts())
    found = {}
    for contract in contracts:
        found[contract.pk] = selectors.member_eligibility(contract, member)
    declared = {c.contract_id: c for c in selectors.member_capacities(member)}
    rows = [{"contract": c, "eligibility": found[c.pk], "capacity": declared.get(c.pk)}
            for c in contracts]
    today = timezone.localdate()
    allotments = list(selectors.member_allotments(member))
    upcoming = [a for a in allotments if a.status == Allotment.Status.ALLOTTED
                and a.delivery.due_on >= today
                and a.delivery.status == Delivery.Status.ALLOCATED]
    history = [a for a in allotments if a not in upcoming
               and a.status != Allotment.Status.WITHDRAWN][::-1][:50]
    return render(request, "contracts/allocation/my_contracts.html", {
        "member": member, "rows": rows, "upcoming": upcoming, "history": history,
        "withdrawals": list(selectors.withdrawals_of(member)[:50])})


@coop_view("contracts.supply")
def member_capacity(request, pk):
    member = _member(request)
    contract = _open_contract(pk)
    capacity = contract.capacities.filter(member=member).first()
    initial = ({"product": capacity.product_id, "quantity": capacity.quantity,
                "unavailable": capacity.unavailable} if capacity else {})
    form = CapacityForm(request.POST or None, contract=contract, member=member,
                        initial=initial)

    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = attempt(request, lambda: services.declare_capacity(
            contract=contract, member=member, product=data["product"],
            quantity=data["quantity"], unavailable=data["unavailable"], actor=request.user),
            form=form, success=_("Kapasitas Anda untuk %(contract)s disimpan.")
            % {"contract": contract})
        if saved:
            return redirect("contracts:member_contracts", request.coop.slug)
    return render(request, "contracts/allocation/my_capacity.html", {
        "contract": contract, "member": member, "form": form, "capacity": capacity,
        "eligibility": selectors.member_eligibility(contract, member),
        "open": contract.status in selectors.OPEN_FOR_CAPACITY})


def _allotment(request, pk, officer_right: str) -> Allotment:
    """Officers with `officer_right` reach any allotment; a member only their own
    (another's does not exist for them: 404); anyone else is refused."""
    if request.access.can(officer_right):
        return get_object_or_404(
            Allotment.objects.select_related("delivery__contract__grade", "member",
                                             "capacity__product"), pk=pk)
    if request.access.can("contracts.supply"):
        return selectors.own_allotment(_member(request), pk)
    raise PermissionDenied


@coop_view("coop.view")
def my_allotment(request, pk):
    """Explain my share: a member's own allotment (officers may open any, to explain
    it to the member)."""
    allotment = _allotment(request, pk, "contracts.view")
    return render(request, "contracts/allocation/my_allotment.html", {
        "allotment": allotment, "contract": allotment.delivery.contract,
        "sentences": selectors.explain_share(allotment),
        "can_withdraw": (allotment.status == Allotment.Status.ALLOTTED
                         and allotment.delivery.status == Delivery.Status.ALLOCATED
                         and request.access.can("contracts.supply")),
        "withdraw_form": WithdrawForm()})


@require_POST
@coop_view("coop.view")
def withdraw_allotment(request, pk):
    """The member cannot deliver their share (board and staff may record it too)."""
    allotment = _allotment(request, pk, "contracts.manage")
    # The service checks the reason (required, at most 255 characters).
    attempt(request, lambda: services.withdraw(allotment=allotment, actor=request.user,
                                               reason=request.POST.get("reason", "")),
            success=_("Dicatat: bagian ini tidak bisa dikirim. Koperasi membaginya ke "
                      "anggota lain; ini tercatat pada riwayat anggota."))
    return redirect("contracts:my_allotment", request.coop.slug, allotment.pk)
