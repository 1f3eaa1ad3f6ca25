"""The allocation pages for officers: a contract's capacities (who declared what,
who is eligible and why not, the shortfall) with the rule to publish, its delivery
schedule with each delivery's split, and one delivery's allotments, where an officer
splits it or records that a member cannot deliver."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view

from ..negotiation.models import Contract
from . import selectors, services
from .forms import RuleForm, WithdrawForm
from .models import Allotment, Delivery


def _contract(pk) -> Contract:
    return get_object_or_404(Contract.objects.select_related("grade__category", "channel",
                                                             "buyer"), pk=pk)


@coop_view("contracts.view")
def capacity_overview(request, pk):
    contract = _contract(pk)
    capacities = selectors.contract_capacities(contract)
    counting = [c for c in capacities if c.counts]
    declared = {c.member_id for c in capacities}
    return render(request, "contracts/allocation/capacity.html", {
        "contract": contract, "capacities": capacities,
        "total": sum(c.quantity for c in counting),
        "shortfall": selectors.capacity_shortfall(contract),
        "silent": [m for m in selectors.eligible_members(contract) if m.pk not in declared],
        "can_manage": request.access.can("contracts.manage"),
        "rule_form": RuleForm(initial={"rule": contract.rule}),
        "publishable": (contract.rule_published_at is None
                        and contract.status in services.PUBLISHABLE)})


@require_POST
@coop_view("contracts.manage")
def rule(request, pk):
    """Save the rule (still unpublished), or publish it (then it is locked)."""
    contract = _contract(pk)
    form = RuleForm(request.POST)
    chosen = form.cleaned_data["rule"] if form.is_valid() else request.POST.get("rule", "")
    if request.POST.get("publish"):
        attempt(request, lambda: services.publish_rule(contract=contract, actor=request.user,
                                                       rule=chosen),
                success=_("Aturan pembagian diumumkan; anggota yang memenuhi syarat diberi "
                          "tahu dan dapat menyatakan kapasitasnya."))
    else:
        attempt(request, lambda: services.set_rule(contract=contract, rule=chosen,
                                                   actor=request.user),
                success=_("Aturan pembagian disimpan (belum diumumkan)."))
    return redirect("contracts:capacity_overview", request.coop.slug, contract.pk)


@coop_view("contracts.view")
def allocation_schedule(request, pk):
    contract = _contract(pk)
    return render(request, "contracts/allocation/schedule.html", {
        "contract": contract, "deliveries": selectors.contract_deliveries(contract),
        "can_manage": request.access.can("contracts.manage"),
        "allocatable": contract.status in selectors.IN_FORCE
        and contract.rule_published_at is not None})


@coop_view("contracts.view")
def delivery_allotments(request, pk, delivery_pk):
    contract = _contract(pk)
    delivery = selectors.get_delivery(contract, delivery_pk)
    allotments = list(selectors.delivery_allotments(delivery))
    standing = [a for a in allotments if a.status != Allotment.Status.WITHDRAWN]
    return render(request, "contracts/allocation/delivery.html", {
        "contract": contract, "delivery": delivery, "allotments": allotments,
        "allotted": sum(a.quantity for a in standing),
        "can_manage": request.access.can("contracts.manage"),
        "can_withdraw": delivery.status == Delivery.Status.ALLOCATED,
        "withdraw_form": WithdrawForm()})


@require_POST
@coop_view("contracts.manage")
def allocate(request, pk, delivery_pk):
    contract = _contract(pk)
    delivery = selectors.get_delivery(contract, delivery_pk)
    attempt(request, lambda: services.allocate_delivery(delivery=delivery, actor=request.user),
            success=lambda done: _("Pengiriman ke-%(n)s dibagi ke anggota.")
            % {"n": done.sequence} + (_(" Kekurangan: %(short)s.") % {
                "short": selectors.amount(done.shortfall, contract.unit)}
                if done.shortfall else ""))
    return redirect("contracts:delivery_allotments", request.coop.slug, contract.pk,
                    delivery.pk)


@require_POST
@coop_view("contracts.manage")
def record_withdrawal(request, pk, delivery_pk, allotment_pk):
    """An officer records that a member cannot deliver (they phoned, they said so at
    the meeting): the same withdrawal as the member's own."""
    contract = _contract(pk)
    delivery = selectors.get_delivery(contract, delivery_pk)
    allotment = get_object_or_404(Allotment, delivery=delivery, pk=allotment_pk)
    # The service checks the reason (required, at most 255 characters).
    attempt(request, lambda: services.withdraw(allotment=allotment, actor=request.user,
                                               reason=request.POST.get("reason", "")),
            success=_("Dicatat: anggota tidak bisa mengirim. Bagiannya dibagi ulang ke anggota "
                      "cadangan."))
    return redirect("contracts:delivery_allotments", request.coop.slug, contract.pk,
                    delivery.pk)
