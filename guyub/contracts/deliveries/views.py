"""The officers' delivery pages: the deliveries split among members, the quality check
of each member's goods, the consolidated delivery to the buyer, the buyers' open
invoices by age, the members' payments due, and the by-law payment setting."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from guyub.core.errors import attempt, run_form
from guyub.core.tenancy import coop_view

from ..allocation.models import Allotment, Delivery
from . import selectors, services
from .forms import CheckForm, MemberPayForm, PaidForm, SettingsForm
from .models import BuyerInvoice


def flash_errors(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@coop_view("contracts.pay")
def payment_settings(request):
    form = SettingsForm(request.POST or None, instance=selectors.settings_of(request.coop))
    if run_form(request, form, lambda settings, *, actor: services.save_settings(
            settings=settings, actor=actor)):
        messages.success(request, _("Pengaturan pembayaran kontrak disimpan."))
        return redirect("contracts:payment_settings", request.coop.slug)
    return render(request, "contracts/deliveries/settings.html", {"form": form})


@coop_view("contracts.view")
def deliveries(request):
    return render(request, "contracts/deliveries/list.html", {
        "deliveries": selectors.deliveries_in_progress(request.coop)[:200]})


@coop_view("contracts.manage")
def delivery_check(request, pk):
    """One form per member's allotment not checked yet; the checked ones with their
    result, and the delivery to the buyer once all are checked."""
    delivery = get_object_or_404(Delivery.objects.select_related("contract__buyer"), pk=pk)
    posted, form = None, None
    if request.method == "POST":
        raw = request.POST.get("allotment", "")
        posted = get_object_or_404(Allotment, delivery=delivery,
                                   pk=int(raw) if raw.isdigit() and len(raw) < 12 else 0)
        form = CheckForm(request.POST, request.FILES, prefix=f"a{posted.pk}")
        data = form.cleaned_data if form.is_valid() else None
        # Checked already (a double submit): its form is gone from the page, so the
        # refusal is a message rather than a form error.
        on_form = form if posted.status == Allotment.Status.ALLOTTED else None
        if data is not None and attempt(
                request, lambda: services.check_goods(
                    allotment=posted, received=data["received"], accepted=data["accepted"],
                    rejected=data["rejected"], reason=data["reason"], photo=data["photo"],
                    returned=data["returned"], actor=request.user), form=on_form,
                success=_("Hasil uji mutu %(name)s dicatat.")
                % {"name": posted.member.owner_name}):
            return redirect("contracts:delivery_check", request.coop.slug, delivery.pk)
    rows = selectors.allotments_of(delivery)
    for row in rows:
        if posted is not None and row.pk == posted.pk:
            row.form = form
        elif row.status == Allotment.Status.ALLOTTED:
            row.form = CheckForm(prefix=f"a{row.pk}", initial={
                "received": row.quantity, "accepted": row.quantity, "rejected": 0,
                "returned": 0})
        else:
            row.form = None
    return render(request, "contracts/deliveries/check.html", {
        "delivery": delivery, "rows": rows, "accepted": selectors.accepted_total(delivery),
        "shortfall": selectors.shortfall_after_check(delivery),
        "invoice": BuyerInvoice.objects.filter(delivery=delivery).first(),
        "can_deliver": delivery.status == Delivery.Status.RECEIVED})


@require_POST
@coop_view("contracts.manage")
def delivery_deliver(request, pk):
    delivery = get_object_or_404(Delivery, pk=pk)
    attempt(request, lambda: services.deliver_to_buyer(delivery=delivery, actor=request.user),
            success=lambda invoice: _("Barang dikirim ke pembeli; faktur %(number)s dibuat.")
            % {"number": selectors.invoice_number(invoice)})
    return redirect("contracts:delivery_check", request.coop.slug, delivery.pk)


@coop_view("contracts.view")
def receivables(request):
    today = timezone.localdate()
    rows = selectors.open_invoices(request.coop, today)
    return render(request, "contracts/deliveries/receivables.html", {
        "rows": rows, "totals": selectors.receivable_totals(rows),
        "total": sum(r.outstanding for r in rows), "form": PaidForm(),
        "paid": selectors.invoices_of(request.coop).filter(
            status=BuyerInvoice.Status.PAID).order_by("-paid_on", "-pk")[:50],
        "can_record": request.access.can("contracts.manage")})


@require_POST
@coop_view("contracts.manage")
def invoice_pay(request, pk):
    invoice = get_object_or_404(BuyerInvoice, pk=pk)
    form = PaidForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
    else:
        attempt(request, lambda: services.record_buyer_payment(
            invoice=invoice, paid_on=form.cleaned_data["paid_on"],
            method=form.cleaned_data["method"], actor=request.user),
            success=_("Pembayaran faktur %(number)s dicatat.")
            % {"number": selectors.invoice_number(invoice)})
    return redirect("contracts:receivables", request.coop.slug)


@coop_view("contracts.pay")
def member_payments(request):
    """The payments the by-laws promise members, earliest due first; pay some or all."""
    form = MemberPayForm(request.POST or None, cooperative=request.coop)
    if request.method == "POST":
        if not form.is_valid():
            flash_errors(request, form)
        else:
            data = form.cleaned_data
            attempt(request, lambda: services.pay_members(
                payment_ids=[p.pk for p in data["payments"]], paid_on=data["paid_on"],
                method=data["method"], cooperative=request.coop, actor=request.user),
                success=lambda paid: ngettext("%(n)s pembayaran anggota dicatat.",
                                              "%(n)s pembayaran anggota dicatat.", len(paid))
                % {"n": len(paid)})
        return redirect("contracts:member_payments", request.coop.slug)
    today = timezone.localdate()
    due = list(selectors.payments_due(request.coop))
    return render(request, "contracts/deliveries/member_payments.html", {
        "due": due, "today": today, "form": form,
        "total": sum(p.amount for p in due),
        "overdue": sum(1 for p in due if p.due_on < today)})
