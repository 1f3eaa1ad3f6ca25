"""Product pages: the officers' catalog, a member's own products, curation."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.catalog import selectors, services
from guyub.catalog.access import is_curator, own_member, product_for, require_own_member
from guyub.catalog.models import Product
from guyub.core.errors import DomainError, attempt
from guyub.core.tenancy import coop_view

from .forms import PhotoForm, ProductFilterForm, ProductForm, ReviewForm, TierFormSet, tier_rows

PAGE_SIZE = 25


def flash_form_errors(request, *forms) -> None:
    for form in forms:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)


@coop_view("catalog.view")
def product_list(request):
    form = ProductFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    products = selectors.product_list(**{k: v for k, v in filters.items() if v})
    page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(),
               "can_curate": is_curator(request),
               "queue_count": selectors.curation_queue().count()}
    if request.htmx:
        return render(request, "catalog/_product_table.html", context)
    return render(request, "catalog/product_list.html", context)


@coop_view("catalog.own")
def my_products(request):
    member = require_own_member(request)
    products = list(Product.objects.filter(member=member).select_related("category")
                    .prefetch_related("photos").order_by("name", "id"))
    report = selectors.readiness(products)
    certificates = selectors.with_status(selectors.member_certificates(member))
    return render(request, "catalog/my_products.html", {
        "member": member,
        "rows": [(p, report[p.pk]) for p in products],
        "certificates": certificates,
        "warnings": selectors.needing_attention(certificates),
    })


@coop_view()
def product_detail(request, pk):
    product = product_for(request, pk)
    today = timezone.localdate()
    certificates = selectors.with_status(selectors.certificates_for([product])[product.pk],
                                         today)
    curator = is_curator(request)
    member = own_member(request)
    mine = member is not None and member.pk == product.member_id
    return render(request, "catalog/product_detail.html", {
        "product": product,
        "photos": product.photos.all(),
        "tiers": product.tiers.all(),
        "report": selectors.channel_report(product, today),
        "certificates": certificates,
        "warnings": selectors.needing_attention(certificates),
        "commission": (selectors.commission_pct(product)
                       if request.access.can("catalog.view") else None),
        "mine": mine,
        "can_edit": curator or mine,
        "can_submit": (curator or mine) and product.is_submittable,
        "can_review": curator and product.status == Product.Status.SUBMITTED,
        "photo_form": PhotoForm(),
        "review_form": ReviewForm(),
    })


@coop_view("catalog.curate")
def product_create(request):
    return _product_form(request, Product(cooperative=request.coop))


@coop_view("catalog.own")
def my_product_create(request):
    member = require_own_member(request)
    return _product_form(request, Product(cooperative=request.coop, member=member))


@coop_view()
def product_edit(request, pk):
    return _product_form(request, product_for(request, pk, write=True))


def _product_form(request, product: Product):
    """Create or edit: the product form and its wholesale tiers, one service call."""
    creating = product.pk is None
    form = ProductForm(request.POST or None, instance=product, curator=is_curator(request))
    initial = [] if creating else [{"min_qty": t.min_qty, "price": t.price}
                                   for t in product.tiers.all()]
    tiers = TierFormSet(request.POST or None, prefix="tier", initial=initial)
    if request.method == "POST" and all([form.is_valid(), tiers.is_valid()]):
        # Caught here, not through attempt(): a refusal about the tiers belongs on the
        # tier rows (the formset), which a form error cannot reach.
        try:
            product = services.save_product(
                product=form.save(commit=False), actor=request.user,
                channels=form.cleaned_data["channels"], tiers=tier_rows(tiers))
        except DomainError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            elif error.field == "tiers":
                tiers.non_form_errors().append(error.message)
            else:
                form.add_error(None, error.message)
        else:
            messages.success(request, _("Produk %(name)s disimpan.") % {"name": product.name})
            return redirect("catalog:product", request.coop.slug, product.pk)
    return render(request, "catalog/product_form.html", {
        "form": form, "tiers": tiers, "product": None if creating else product,
        "was_approved": not creating and product.status == Product.Status.APPROVED,
    })


@require_POST
@coop_view()
def product_photo(request, pk):
    product = product_for(request, pk, write=True)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_form_errors(request, form)
    else:
        attempt(request, lambda: services.add_photo(product=product, actor=request.user,
                                                    upload=form.cleaned_data["photo"]),
                success=_("Foto ditambahkan."))
    return redirect("catalog:product", request.coop.slug, product.pk)


@require_POST
@coop_view()
def product_submit(request, pk):
    product = product_for(request, pk, write=True)
    attempt(request, lambda: services.submit(product=product, actor=request.user),
            success=_("Produk diajukan untuk kurasi."))
    return redirect("catalog:product", request.coop.slug, product.pk)


@require_POST
@coop_view("catalog.curate")
def product_review(request, pk):
    product = product_for(request, pk, write=True)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
    else:
        reviewed = attempt(
            request, lambda: services.review(product=product, actor=request.user,
                                             **form.cleaned_data),
            success=lambda reviewed: _("%(name)s: %(status)s.") % {
                "name": reviewed.name, "status": reviewed.get_status_display()})
        if reviewed and request.POST.get("next") == "queue":
            return redirect("catalog:curation", request.coop.slug)
    return redirect("catalog:product", request.coop.slug, product.pk)


@coop_view("catalog.curate")
def curation(request):
    products = list(selectors.curation_queue())
    report = selectors.readiness(products)
    return render(request, "catalog/curation.html", {
        "rows": [(p, [r for r in report[p.pk] if r["requested"]]) for p in products],
    })
