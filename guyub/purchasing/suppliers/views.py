"""Suppliers, the items bought together, the suppliers' price lists, and the supplier's
own portal (its purchase orders, nothing of other suppliers)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import DomainError, add_to_form, attempt
from guyub.core.tenancy import coop_view

from ..distribution.selectors import supplier_orders
from . import selectors, services
from .forms import ItemForm, PriceListForm, SupplierForm, TierFormSet, tier_rows
from .models import Item, PriceList, Supplier

# --- suppliers ---------------------------------------------------------------------------


@coop_view("purchasing.view")
def supplier_list(request):
    return render(request, "purchasing/supplier_list.html", {
        "suppliers": selectors.suppliers(),
        "can_manage": request.access.can("purchasing.manage")})


@coop_view("purchasing.view")
def supplier_detail(request, pk):
    supplier = get_object_or_404(Supplier.objects.select_related("user"), pk=pk)
    price_lists = selectors.supplier_price_lists(supplier)
    for price_list in price_lists:
        price_list.in_use = selectors.price_list_in_use(price_list)
    return render(request, "purchasing/supplier_detail.html", {
        "supplier": supplier, "price_lists": price_lists,
        "orders": supplier_orders([supplier])[:20],
        "can_manage": request.access.can("purchasing.manage")})


def _save_supplier(request, supplier):
    form = SupplierForm(request.POST or None, instance=supplier, cooperative=request.coop)
    if request.method == "POST" and form.is_valid():
        saved = attempt(request, lambda: services.save_supplier(
            supplier=form.save(commit=False), actor=request.user), form=form,
            success=lambda saved: _("Pemasok %(name)s disimpan.") % {"name": saved.name})
        if saved:
            return redirect("purchasing:supplier", request.coop.slug, saved.pk)
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
    name = supplier.name
    deleted = attempt(request, lambda: services.delete_supplier(supplier=supplier,
                                                                 actor=request.user),
                      success=_("Pemasok %(name)s dihapus.") % {"name": name})
    if not deleted:
        return redirect("purchasing:supplier", request.coop.slug, supplier.pk)
    return redirect("purchasing:suppliers", request.coop.slug)


# --- items -------------------------------------------------------------------------------


@coop_view("purchasing.view")
def item_list(request):
    return render(request, "purchasing/item_list.html", {
        "items": selectors.items(), "can_manage": request.access.can("purchasing.manage")})


def _save_item(request, item):
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        saved = attempt(request, lambda: services.save_item(item=form.save(commit=False),
                                                            actor=request.user), form=form,
                        success=lambda saved: _("Barang %(name)s disimpan.")
                        % {"name": saved.name})
        if saved:
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
            # The tiers are a formset, not a field of the form: their refusal goes on top
            # of the tier table.
            if error.field == "tiers":
                tiers.non_form_errors().append(error.message)
            else:
                add_to_form(form, error)
        else:
            messages.success(request, _("Daftar harga %(pl)s disimpan.") % {"pl": price_list})
            return redirect("purchasing:supplier", request.coop.slug, price_list.supplier_id)
    return render(request, "purchasing/pricelist_form.html", {
        "form": form, "tiers": tiers, "supplier": price_list.supplier,
        "price_list": price_list if price_list.pk else None,
        "in_use": price_list.pk and selectors.price_list_in_use(price_list)})


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
    attempt(request, lambda: services.delete_price_list(price_list=price_list,
                                                         actor=request.user),
            success=_("Daftar harga dihapus."))
    return redirect("purchasing:supplier", request.coop.slug, price_list.supplier_id)


# --- the supplier's portal ---------------------------------------------------------------


@coop_view("supplier.portal")
def supplier_portal(request):
    suppliers = list(selectors.own_suppliers(request.user))
    return render(request, "purchasing/supplier_portal.html", {
        "suppliers": suppliers, "orders": supplier_orders(suppliers),
        "price_lists": selectors.price_lists_of(suppliers)})
