"""Suppliers, the items bought together, the suppliers' price lists, and the supplier's
own portal (its purchase orders, nothing of other suppliers)."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import DomainError
from guyub.core.tenancy import coop_view

from . import selectors
from . import supplier_services as services
from .forms import ItemForm, PriceListForm, SupplierForm, TierFormSet, tier_rows
from .models import Item, PriceList, Supplier


def form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# --- suppliers ---------------------------------------------------------------------------


@coop_view("purchasing.view")
def supplier_list(request):
    suppliers = (Supplier.objects.select_related("user")
                 .annotate(price_list_count=Count("price_lists")).order_by("name"))
    return render(request, "purchasing/supplier_list.html", {
        "suppliers": suppliers, "can_manage": request.access.can("purchasing.manage")})


@coop_view("purchasing.view")
def supplier_detail(request, pk):
    supplier = get_object_or_404(Supplier.objects.select_related("user"), pk=pk)
    price_lists = (supplier.price_lists.select_related("item").prefetch_related("tiers")
                   .order_by("item__name", "-valid_from"))
    for pl in price_lists:
        pl.in_use = services.price_list_in_use(pl)
    return render(request, "purchasing/supplier_detail.html", {
        "supplier": supplier, "price_lists": price_lists,
        "orders": selectors.supplier_orders([supplier])[:20],
        "can_manage": request.access.can("purchasing.manage")})


def _save_supplier(request, supplier):
    form = SupplierForm(request.POST or None, instance=supplier, cooperative=request.coop)
    if request.method == "POST" and form.is_valid():
        try:
            supplier = services.save_supplier(supplier=form.save(commit=False),
                                              actor=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Pemasok %(name)s disimpan.") % {"name": supplier.name})
            return redirect("purchasing:supplier", request.coop.slug, supplier.pk)
    return render(request, "purchasing/supplier_form.html",
                  {"form": form, "supplier": supplier if supplier.pk else None})


@coop_view("purchasing.manage")
def supplier_create(request):
    return _save_supplier(request, Supplier(cooperative=request.coop))


@coop_view("purchasing.manage")
def supplier_edit(request, pk):
    return _save_supplier(request, get_object_or_404(Supplier, pk=pk))


@require_POST
@coop_view("purchasing.manage")
def supplier_delete(request, pk):
    supplier = get_object_or_404(Supplier, pk=pk)
    try:
        services.delete_supplier(supplier=supplier, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("purchasing:supplier", request.coop.slug, supplier.pk)
    messages.success(request, _("Pemasok %(name)s dihapus.") % {"name": supplier.name})
    return redirect("purchasing:suppliers", request.coop.slug)


# --- items -------------------------------------------------------------------------------


@coop_view("purchasing.view")
def item_list(request):
    items = Item.objects.annotate(price_list_count=Count("price_lists")).order_by("name")
    return render(request, "purchasing/item_list.html", {
        "items": items, "can_manage": request.access.can("purchasing.manage")})


def _save_item(request, item):
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.save_item(item=form.save(commit=False), actor=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Barang %(name)s disimpan.") % {"name": item.name})
            return redirect("purchasing:items", request.coop.slug)
    return render(request, "purchasing/item_form.html",
                  {"form": form, "item": item if item.pk else None})


@coop_view("purchasing.manage")
def item_create(request):
    return _save_item(request, Item(cooperative=request.coop))


@coop_view("purchasing.manage")
def item_edit(request, pk):
    return _save_item(request, get_object_or_404(Item, pk=pk))


# --- price lists -------------------------------------------------------------------------


def _save_price_list(request, price_list):
    form = PriceListForm(request.POST or None, instance=price_list)
    initial = [{"from_qty": t.from_qty, "unit_price": t.unit_price}
               for t in price_list.tiers.all()] if price_list.pk else [{"from_qty": 0}]
    tiers = TierFormSet(request.POST or None, prefix="tier", initial=initial)
    if request.method == "POST" and all([form.is_valid(), tiers.is_valid()]):
        try:
            price_list = services.save_price_list(price_list=form.save(commit=False),
                                                  tiers=tier_rows(tiers), actor=request.user)
        except DomainError as error:
            if error.field == "tiers":
                tiers.non_form_errors().append(error.message)
            else:
                form_error(form, error)
        else:
            messages.success(request, _("Daftar harga %(pl)s disimpan.") % {"pl": price_list})
            return redirect("purchasing:supplier", request.coop.slug, price_list.supplier_id)
    return render(request, "purchasing/pricelist_form.html", {
        "form": form, "tiers": tiers, "supplier": price_list.supplier,
        "price_list": price_list if price_list.pk else None,
        "in_use": price_list.pk and services.price_list_in_use(price_list)})


@coop_view("purchasing.manage")
def price_list_create(request, pk):
    supplier = get_object_or_404(Supplier, pk=pk)
    return _save_price_list(request, PriceList(cooperative=request.coop, supplier=supplier))


@coop_view("purchasing.manage")
def price_list_edit(request, pk):
    return _save_price_list(request, get_object_or_404(
        PriceList.objects.select_related("supplier"), pk=pk))


@require_POST
@coop_view("purchasing.manage")
def price_list_delete(request, pk):
    price_list = get_object_or_404(PriceList, pk=pk)
    try:
        services.delete_price_list(price_list=price_list, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Daftar harga dihapus."))
    return redirect("purchasing:supplier", request.coop.slug, price_list.supplier_id)


# --- the supplier's portal ---------------------------------------------------------------


@coop_view("supplier.portal")
def supplier_portal(request):
    suppliers = list(selectors.own_suppliers(request.user))
    price_lists = (PriceList.objects.filter(supplier__in=suppliers)
                   .select_related("item", "supplier").prefetch_related("tiers")
                   .order_by("item__name", "-valid_from"))
    return render(request, "purchasing/supplier_portal.html", {
        "suppliers": suppliers, "orders": selectors.supplier_orders(suppliers),
        "price_lists": price_lists})
