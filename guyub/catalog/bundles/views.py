"""Bundles (paket): several members' approved products sold as one item."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from guyub.catalog import services
from guyub.catalog.models import Bundle, Product
from guyub.core.errors import DomainError
from guyub.core.tenancy import coop_view

from . import selectors
from .forms import BundleForm, BundleItemFormSet, bundle_rows


@coop_view("catalog.view")
def bundle_list(request):
    return render(request, "catalog/bundle_list.html", {
        "rows": selectors.bundle_overview(),
        "can_curate": request.access.can("catalog.curate"),
    })


@coop_view("catalog.curate")
def bundle_create(request):
    return _bundle_form(request, Bundle(cooperative=request.coop, created_by=request.user))


@coop_view("catalog.curate")
def bundle_edit(request, pk):
    return _bundle_form(request, get_object_or_404(Bundle, pk=pk))


def _bundle_form(request, bundle: Bundle):
    creating = bundle.pk is None
    form = BundleForm(request.POST or None, instance=bundle)
    # Components already in the bundle stay selectable even when no longer approved,
    # so the form shows them; the service then says why they cannot stay.
    products = Product.objects.filter(
        Q(status=Product.Status.APPROVED) | Q(bundle_items__bundle=bundle) if bundle.pk
        else Q(status=Product.Status.APPROVED)
    ).select_related("member").distinct().order_by("member__business_name", "name")
    initial = [] if creating else [
        {"product": i.product_id, "quantity": i.quantity, "agreed_price": i.agreed_price}
        for i in bundle.items.all()]
    items = BundleItemFormSet(request.POST or None, prefix="item", initial=initial,
                              form_kwargs={"products": products})
    if request.method == "POST" and all([form.is_valid(), items.is_valid()]):
        # Caught here, not through attempt(): a refusal about the components belongs
        # on the item rows (the formset), which a form error cannot reach.
        try:
            bundle = services.save_bundle(bundle=form.save(commit=False),
                                          items=bundle_rows(items), actor=request.user)
        except DomainError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                items.non_form_errors().append(error.message)
        else:
            messages.success(request, _("Paket %(name)s disimpan.") % {"name": bundle.name})
            return redirect("catalog:bundles", request.coop.slug)
    return render(request, "catalog/bundle_form.html", {
        "form": form, "items": items, "bundle": None if creating else bundle})
