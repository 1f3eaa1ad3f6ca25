"""The member's page of one asset: what it is, its photos, the rules, what it costs them
and the training it needs (and whether they have it). The member's asset list and the
booking calendar link here (the bookings package)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership

from . import selectors


@require_safe
@coop_view("resources.book")
def asset_public(request, pk):
    asset = selectors.public_asset(pk)
    if asset is None:
        raise Http404
    member = own_membership(request.user)
    return render(request, "resources/assets/public.html", {
        "asset": asset, "photos": selectors.photos(asset),
        "qualified": selectors.is_qualified(asset=asset, member=member),
        "portal": "member",
    })
