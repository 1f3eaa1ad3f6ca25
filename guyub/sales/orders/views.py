"""Back office for orders: list, detail, payment, cancellation; a buyer account's orders."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view

from . import payments, selectors, services
from .forms import CancelForm, OrderFilterForm, PaymentForm
from .models import Order


@coop_view("sales.view")
def order_list(request):
    form = OrderFilterForm(request.GET or None)
    if form.is_valid():
        orders = selectors.order_list(status=form.cleaned_data["status"],
                                      q=form.cleaned_data["q"])
    else:
        orders = selectors.order_list()
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


@require_POST
@coop_view("sales.manage")
def order_payment(request, pk):
    order = get_object_or_404(Order, pk=pk)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        attempt(request, lambda: payments.record_payment(order=order, actor=request.user,
                                                         **form.cleaned_data),
                _("Pembayaran dicatat."))
    return redirect("sales:order", request.coop.slug, order.pk)


@require_POST
@coop_view("sales.manage")
def order_cancel(request, pk):
    order = get_object_or_404(Order, pk=pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    attempt(request, lambda: services.cancel_order(order=order, actor=request.user,
                                                   reason=reason),
            _("Pesanan dibatalkan; stok dikembalikan."))
    return redirect("sales:order", request.coop.slug, order.pk)


@coop_view("orders.own")
def my_orders(request):
    page = Paginator(selectors.orders_of(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "sales/store/my_orders.html", {"page": page})
