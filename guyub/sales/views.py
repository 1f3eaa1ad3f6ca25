"""Back office for orders: list, detail, payment, cancellation, hand-over."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import DomainError
from guyub.core.tenancy import coop_view

from . import services
from .forms import CancelForm, OrderFilterForm, PaymentForm
from .models import FulfilmentLine, Order


@coop_view("sales.view")
def order_list(request):
    form = OrderFilterForm(request.GET or None)
    orders = Order.objects.select_related("buyer")
    if form.is_valid():
        if form.cleaned_data["status"]:
            orders = orders.filter(status=form.cleaned_data["status"])
        q = form.cleaned_data["q"].strip()
        if q:
            number = q.upper().removeprefix("PSN-").lstrip("0")
            match = Q(buyer__name__icontains=q) | Q(buyer__company__icontains=q)
            if number.isdigit():
                match |= Q(number=int(number))
            orders = orders.filter(match)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "sales/order_list.html", {
        "form": form, "page": Paginator(orders, 30).get_page(request.GET.get("page")),
        "query": query.urlencode(),
    })


@coop_view("sales.view")
def order_detail(request, pk):
    order = get_object_or_404(Order.objects.select_related("buyer", "shipment", "channel"), pk=pk)
    return render(request, "sales/order_detail.html", {
        "order": order,
        "lines": order.lines.select_related("product", "bundle"),
        "fulfilment": order.fulfilment.select_related("member", "product"),
        "payments": order.payments.select_related("entry", "recorded_by"),
        # A deposit may have come in already: what is left is the likely next payment.
        "payment_form": PaymentForm(initial={"amount": order.balance_due}),
        "cancel_form": CancelForm(),
        "can_manage": request.access.can("sales.manage"),
    })


def _run(request, order, action, success):
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("sales:order", request.coop.slug, order.pk)


@require_POST
@coop_view("sales.manage")
def order_payment(request, pk):
    order = get_object_or_404(Order, pk=pk)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("sales:order", request.coop.slug, order.pk)
    return _run(request, order,
                lambda: services.record_payment(order=order, actor=request.user,
                                                **form.cleaned_data),
                _("Pembayaran dicatat."))


@require_POST
@coop_view("sales.manage")
def order_cancel(request, pk):
    order = get_object_or_404(Order, pk=pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _run(request, order,
                lambda: services.cancel_order(order=order, actor=request.user, reason=reason),
                _("Pesanan dibatalkan; stok dikembalikan."))


@require_POST
@coop_view("sales.manage")
def hand_over(request, pk, line_pk):
    order = get_object_or_404(Order, pk=pk)
    line = get_object_or_404(FulfilmentLine, pk=line_pk, order=order)
    return _run(request, order, lambda: services.hand_over(line=line, actor=request.user),
                _("Barang dari %(name)s diterima di gudang.") % {"name": line.member.owner_name})
