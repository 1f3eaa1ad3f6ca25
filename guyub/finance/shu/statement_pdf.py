"""The member's SHU statement (PDF, the house style): their posted share explained line
by line and how it was paid. A member opens only their own; a year without a posted
share of theirs does not exist for them (404)."""

from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_safe

from guyub.core.tenancy import coop_view
from guyub.members.pdf import pdf_response
from guyub.members.selectors import own_membership

from . import explain
from .member_views import plan_share, policy_of
from .models import ShuPlan


@require_safe
@coop_view("shu.own")
def my_shu_statement(request, year):
    member = own_membership(request.user)
    share = plan_share(member, year) if member is not None else None
    if share is None or share.plan.status != ShuPlan.Status.POSTED:
        raise Http404
    return pdf_response("finance/shu_member/pdf/statement.html", {
        "explanation": explain.from_share(share, policy_of(request.coop)),
        "member": member, "plan": share.plan, "coop": request.coop,
        "printed": date_format(timezone.localtime(), "d F Y H:i"),
    }, filename=f"shu-{year}-{member.display_number}.pdf", request=request)
