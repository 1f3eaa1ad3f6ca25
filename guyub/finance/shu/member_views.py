"""The member's own SHU: for a year, their share of the posted (or proposed) plan with
its payment, or before the RAT their projection, with the numbers that make it up; and
taking a posted share into simpanan sukarela. Another member's share does not exist
here (404)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view
from guyub.finance.year_param import chosen_year, year_choices
from guyub.members.models import Member
from guyub.members.selectors import own_membership

from . import explain
from .models import ShuPlan, ShuPolicy, ShuShare
from .payouts import pay_share
from .projection import projected
from .rules import AllocationError


def policy_of(cooperative) -> ShuPolicy:
    # Unsaved defaults when the board has not set a policy yet: a page never writes.
    return (ShuPolicy.objects.filter(cooperative=cooperative).first()
            or ShuPolicy(cooperative=cooperative))


def plan_share(member: Member, year: int) -> ShuShare | None:
    """The member's share of the year's posted plan, else of the proposed one."""
    shares = (ShuShare.objects.filter(member=member, plan__year=year,
                                      plan__status__in=[ShuPlan.Status.POSTED,
                                                        ShuPlan.Status.PROPOSED])
              .select_related("plan", "member", "paid_entry"))
    return min(shares, key=lambda s: s.plan.status != ShuPlan.Status.POSTED, default=None)


def projection(cooperative, member: Member, year: int, policy: ShuPolicy):
    """(explanation or None, a note when there is no projection, when it was computed)."""
    try:
        simulation, computed_at = projected(cooperative, year=year, policy=policy)
    except AllocationError as error:
        return None, _("Pembagian SHU koperasi belum lengkap (jumlah persentase "
                       "%(total)s %%, seharusnya 100 %%); proyeksi belum dapat dihitung.") \
            % {"total": error.total}, None
    explanation = explain.from_simulation(simulation, member.pk)
    if explanation is None:
        return None, _("Anda tidak termasuk anggota yang mendapat SHU tahun buku ini."), None
    return explanation, "", computed_at


@require_safe
@coop_view("shu.own")
def my_shu(request):
    member = own_membership(request.user)
    year = chosen_year(request)
    context = {"member": member, "year": year, "years": year_choices(), "portal": "member"}
    if member is not None:
        policy = policy_of(request.coop)
        share = plan_share(member, year)
        if share is not None:
            context["explanation"] = explain.from_share(share, policy)
        else:
            (context["explanation"], context["note"],
             context["computed_at"]) = projection(request.coop, member, year, policy)
        context["history"] = (ShuShare.objects.filter(member=member,
                                                      plan__status=ShuPlan.Status.POSTED)
                              .select_related("plan").order_by("-plan__year"))
    return render(request, "finance/shu_member/my_shu.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@coop_view("shu.own")
def my_shu_take(request, year):
    """Confirm, then take the year's posted share into simpanan sukarela."""
    member = own_membership(request.user)
    share = plan_share(member, year) if member is not None else None
    if share is None or share.plan.status != ShuPlan.Status.POSTED:
        raise Http404
    if request.method == "POST":
        attempt(request, lambda: pay_share(share=share, method=ShuShare.Payout.SUKARELA,
                                           actor=request.user, date=timezone.localdate()),
                success=_("SHU Anda sudah masuk ke simpanan sukarela."))
        return redirect(f"{reverse('finance:my_shu', args=[request.coop.slug])}?tahun={year}")
    return render(request, "finance/shu_member/take.html", {
        "share": share, "member": member, "year": year, "portal": "member"})
