"""Certificates (PIRT, BPOM MD, halal, SNI): the officers' overview, a member's own."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.catalog import selectors, services
from guyub.catalog.access import certificate_for, is_curator, require_own_member
from guyub.catalog.models import Certificate, Product
from guyub.core.errors import run_form
from guyub.core.tenancy import coop_view

from .forms import CertificateForm


def _add(certificate, *, actor):
    return services.add_certificate(certificate=certificate, actor=actor)


def _update(certificate, *, actor):
    return services.update_certificate(certificate=certificate, actor=actor)


def _after_save(request, certificate):
    messages.success(request, _("Sertifikat %(c)s disimpan.") % {"c": certificate})
    if certificate.product_id:
        return redirect("catalog:product", request.coop.slug, certificate.product_id)
    if is_curator(request):
        return redirect("catalog:certificates", request.coop.slug)
    return redirect("catalog:my_certificates", request.coop.slug)


def _product_from_query(request, products):
    """The product named by ?produk=<id> (the product page's "add" link), if allowed."""
    value = request.GET.get("produk", "")
    if not (value.isascii() and value.isdigit()):
        return None
    return products.filter(pk=int(value)).first()


@coop_view("catalog.view")
def certificate_list(request):
    today = timezone.localdate()
    everything = Certificate.objects.select_related("member", "product").order_by(
        "member__business_name", "kind", "id")
    page = Paginator(everything, 50).get_page(request.GET.get("page"))
    page.object_list = selectors.with_status(page.object_list, today)
    return render(request, "catalog/certificate_list.html", {
        "expiring": selectors.with_status(selectors.expiring_certificates(today=today), today),
        "expired": selectors.with_status(selectors.expired_certificates(today=today), today),
        "page": page, "days": selectors.EXPIRY_WARNING_DAYS,
        "can_curate": is_curator(request),
    })


@coop_view("catalog.curate")
def certificate_create(request):
    product = _product_from_query(request, Product.objects.all())
    initial = {"product": product, "member": product.member_id} if product else {}
    form = CertificateForm(request.POST or None, instance=Certificate(cooperative=request.coop),
                           initial=initial)
    certificate = run_form(request, form, _add)
    if certificate is not None:
        return _after_save(request, certificate)
    return render(request, "catalog/certificate_form.html", {"form": form})


@coop_view("catalog.own")
def my_certificates(request):
    member = require_own_member(request)
    product = _product_from_query(request, Product.objects.filter(member=member))
    form = CertificateForm(request.POST or None, member=member,
                           instance=Certificate(cooperative=request.coop, member=member),
                           initial={"product": product} if product else {})
    certificate = run_form(request, form, _add)
    if certificate is not None:
        return _after_save(request, certificate)
    return render(request, "catalog/my_certificates.html", {
        "form": form, "member": member,
        "certificates": selectors.with_status(selectors.member_certificates(member)),
        "days": selectors.EXPIRY_WARNING_DAYS,
    })


@coop_view()
def certificate_edit(request, pk):
    certificate = certificate_for(request, pk, write=True)
    form = CertificateForm(request.POST or None, instance=certificate,
                           member=certificate.member)
    saved = run_form(request, form, _update)
    if saved is not None:
        return _after_save(request, saved)
    return render(request, "catalog/certificate_form.html",
                  {"form": form, "certificate": certificate})
