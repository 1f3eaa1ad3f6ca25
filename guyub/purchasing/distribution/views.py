"""After the close: goods receipt, pick-up checklist, member bills and payments, paying
the supplier, and the savings the round made. Reading is for officers; recording is for
board and staff."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_POST

from guyub.core.errors import DomainError, attempt
from guyub.core.exports import xlsx_response
from guyub.core.money import format_rupiah
from guyub.core.tenancy import coop_view
from guyub.members.models import Member

from ..rounds import services
from ..rounds.models import Round, RoundItem
from ..rounds.pages import get_round, not_cancelled
from ..rounds.selectors import round_items
from ..suppliers import services as payables
from ..suppliers.selectors import round_payables
from . import selectors
from .forms import MemberPaymentForm, PickupForm, ReceiptForm, SupplierPaymentForm


def flash_errors(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


# --- goods receipt -----------------------------------------------------------------------


@coop_view("purchasing.manage")
@not_cancelled
def round_receive(request, pk):
    """One small form per item not received yet; a shortfall needs its reason."""
    round_ = get_round(pk)
    items = list(round_items(round_))
    posted = None
    if request.method == "POST":
        item_pk = request.POST.get("item", "")
        posted = get_object_or_404(RoundItem, round=round_,
                                   pk=int(item_pk) if item_pk.isdigit() else 0)
        form = ReceiptForm(request.POST, prefix=f"i{posted.pk}")
        if form.is_valid() and attempt(
                request, lambda: services.receive_goods(
                    round_item=posted, actor=request.user,
                    received_qty=form.cleaned_data["received_qty"],
                    note=form.cleaned_data["note"]), form=form,
                success=lambda _received: _("Penerimaan %(item)s dicatat.")
                % {"item": posted.price_list.item.name}):
            return redirect("purchasing:round_receive", request.coop.slug, round_.pk)
    receipts = []
    for item in items:
        if posted is not None and item.pk == posted.pk:
            item_form = form
        elif item.received_qty is None:
            item_form = ReceiptForm(prefix=f"i{item.pk}",
                                    initial={"received_qty": item.ordered_qty})
        else:
            item_form = None
        receipts.append({"item": item, "form": item_form,
                         "changes": selectors.shortfall_changes(item)})
    return render(request, "purchasing/receive.html", {
        "round": round_, "rows": receipts, "can_receive": round_.status in Round.RECEIVING})


# --- pick-up -----------------------------------------------------------------------------


def _pick_up_all(shares, actor) -> int:
    for share in shares:
        services.pick_up(share=share, actor=actor)
    return len(shares)


@coop_view("purchasing.view")
@not_cancelled
def round_pickup(request, pk):
    round_ = get_round(pk)
    if request.method == "POST":
        request.access.require("purchasing.manage")
        form = PickupForm(request.POST, round_=round_)
        if form.is_valid():
            attempt(request, lambda: _pick_up_all(form.cleaned_data["shares"], request.user),
                    success=lambda n: ngettext("%(n)s barang sudah diambil anggota.",
                                               "%(n)s barang sudah diambil anggota.", n)
                    % {"n": n})
        else:
            flash_errors(request, form)
        return redirect("purchasing:round_pickup", request.coop.slug, round_.pk)
    return render(request, "purchasing/pickup.html", {
        "round": round_, "bills": selectors.pickup_rows(round_),
        "counts": selectors.counts(round_),
        "can_tick": request.access.can("purchasing.manage")
        and round_.status in Round.FINAL})


# --- member bills and payments ------------------------------------------------------------


@coop_view("purchasing.view")
@not_cancelled
def round_invoices(request, pk):
    round_ = get_round(pk)
    bills = selectors.bills(round_)
    for bill in bills:
        bill.form = MemberPaymentForm(initial={"member": bill.member.pk},
                                      auto_id=f"id_m{bill.member.pk}_%s")
    return render(request, "purchasing/invoices.html", {
        "round": round_, "bills": bills, "totals": {
            "total": sum(b.total for b in bills), "paid": sum(b.paid for b in bills),
            "outstanding": sum(b.outstanding for b in bills)},
        "can_pay": request.access.can("purchasing.manage")
        and round_.status in Round.FINAL})


@require_POST
@coop_view("purchasing.manage")
@not_cancelled
def round_pay(request, pk):
    round_ = get_round(pk)
    form = MemberPaymentForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
    else:
        member = Member.objects.filter(pk=form.cleaned_data["member"]).first()
        if member is None:
            raise Http404
        try:
            services.pay_share(round_=round_, member=member, actor=request.user,
                               method=form.cleaned_data["method"])
        except DomainError as error:
            # The message names the member: the page lists every member's bill.
            messages.error(request, f"{member.owner_name}: {error.message}")
        else:
            messages.success(request, _("Pembayaran %(name)s dicatat.")
                             % {"name": member.owner_name})
    return redirect("purchasing:round_invoices", request.coop.slug, round_.pk)


# --- paying the supplier ------------------------------------------------------------------


@coop_view("purchasing.manage")
@not_cancelled
def supplier_payments(request, pk):
    round_ = get_round(pk)
    owed = round_payables(round_)
    form = SupplierPaymentForm(request.POST or None, payables=owed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        paid = attempt(request, lambda: payables.pay_supplier(
            round_=round_, payee=data["payee"], amount=data["amount"], method=data["method"],
            reference=data["reference"], actor=request.user), form=form,
            success=lambda payment: _("Pembayaran %(amount)s dicatat di jurnal %(no)s.")
            % {"amount": format_rupiah(payment.amount), "no": payment.entry.display_number})
        if paid:
            return redirect("purchasing:supplier_payments", request.coop.slug, round_.pk)
    return render(request, "purchasing/supplier_payments.html", {
        "round": round_, "rows": owed, "form": form,
        "payments": round_.supplier_payments.select_related("supplier", "entry"),
        "open": any(p["outstanding"] > 0 for p in owed)})


# --- the savings the round made -----------------------------------------------------------


@coop_view("purchasing.view")
@not_cancelled
def round_savings(request, pk):
    round_ = get_round(pk)
    bills = selectors.bills(round_)
    totals = selectors.savings_totals(bills)
    if request.GET.get("format") == "xlsx":
        header = [_("No. anggota"), _("Nama"), _("Usaha"), _("Beli sendiri (Rp)"),
                  _("Biaya lewat koperasi (Rp)"), _("Penghematan (Rp)")]
        return xlsx_response(
            [header] + [[b.member.display_number, b.member.owner_name, b.member.business_name,
                         int(b.retail), int(b.total), int(b.gain)] for b in bills]
            + [["", pgettext("total", "Jumlah"), "", int(totals["retail"]), int(totals["paid"]),
                int(totals["gain"])]],
            name=f"penghematan-pembelian-{round_.pk}", title=_("Penghematan"))
    return render(request, "purchasing/savings.html", {
        "round": round_, "rows": bills, "totals": totals,
        "final": round_.status in Round.FINAL})
