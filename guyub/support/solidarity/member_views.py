"""A member's fund pages, on their portal: the fund's balance, their own requests and
asking for help. Another member's request does not exist here (404)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership

from . import selectors, services
from .forms import GrantRequestForm


@coop_view("solidarity.own")
def my_fund(request):
    member = own_membership(request.user)
    form = GrantRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and member is not None and form.is_valid():
        data = form.cleaned_data
        grant = attempt(request, lambda: services.request_grant(
            member=member, actor=request.user, category=data["category"],
            amount=data["amount_requested"], reason=data["reason"], photo=data.get("photo")),
            form=form, success=_("Permohonan terkirim; pengurus akan memutuskannya."))
        if grant:
            return redirect("support:my_grant", request.coop.slug, grant.pk)
    return render(request, "support/solidarity/my_fund.html", {
        "balance": selectors.fund_balance(request.coop),
        "grants": selectors.member_grants(member)[:50] if member else [],
        "form": form if member is not None and member.status == "active" else None,
    })


@coop_view("solidarity.own")
def my_grant(request, pk):
    member = own_membership(request.user)
    grant = selectors.member_grant(member, pk) if member is not None else None
    if grant is None:
        raise Http404
    return render(request, "support/solidarity/grant_detail.html", {
        "grant": grant, "portal": "member"})
