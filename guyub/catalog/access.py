"""Who may open which product or certificate.

Officers with the right see every record; a member sees only their own, and someone
else's is 404 to them (the back office does not even confirm it exists). Roles with
neither right get 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from guyub.members.models import Member
from guyub.members.selectors import own_membership

from .models import Certificate, Product


def own_member(request) -> Member | None:
    """The signed-in member's record in this cooperative (None for others)."""
    if not hasattr(request, "_catalog_member"):
        request._catalog_member = (own_membership(request.user)
                                   if request.access.can("catalog.own") else None)
    return request._catalog_member


def require_own_member(request) -> Member:
    request.access.require("catalog.own")
    member = own_member(request)
    if member is None:
        raise Http404
    return member


def _visible(request, queryset, *, write: bool):
    """The rows of `queryset` this user may open, or 403 when they may open none."""
    if request.access.can("catalog.curate" if write else "catalog.view"):
        return queryset
    if request.access.can("catalog.own"):
        return queryset.filter(member=own_member(request))
    raise PermissionDenied


def product_for(request, pk: int, *, write: bool = False) -> Product:
    products = Product.objects.select_related("member", "category")
    return get_object_or_404(_visible(request, products, write=write), pk=pk)


def certificate_for(request, pk: int, *, write: bool = False) -> Certificate:
    certificates = Certificate.objects.select_related("member", "product")
    return get_object_or_404(_visible(request, certificates, write=write), pk=pk)


def is_curator(request) -> bool:
    return request.access.can("catalog.curate")
