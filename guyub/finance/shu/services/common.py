"""What the SHU services share: the plan row lock, the pages' links, the board."""

from django.urls import NoReverseMatch, reverse

from guyub.core.models import Cooperative, CoopRole
from guyub.core.roles import Role

from ..models import ShuPlan


def lock_cooperative(cooperative_id: int) -> None:
    """The cooperative row, as the year-end close, its adjustments and post_entry take
    it (NO KEY: other transactions' foreign-key checks on it pass). Taken LAST, after
    the plan's, share's or simpanan account's row, as everywhere else (post_entry and
    the simpanan receipts take it last): taken first, a path holding it would wait for
    a row that a posting holds while the posting waits for it."""
    Cooperative.objects.select_for_update(no_key=True).filter(pk=cooperative_id).first()


def locked(plan: ShuPlan) -> ShuPlan:
    """The plan row, locked: every step on a plan (propose, withdraw, post, the
    unclaimed job) queues here and then reads its status afresh."""
    return (ShuPlan.objects.select_related("cooperative")
            .select_for_update(of=("self",)).get(pk=plan.pk))


def plan_url(plan: ShuPlan) -> str:
    return reverse("finance:shu_plan", args=[plan.cooperative.slug, plan.pk])


def member_url(cooperative) -> str:
    """The member's own SHU page (the member pages' package), for the notices."""
    try:
        return reverse("finance:my_shu", args=[cooperative.slug])
    except NoReverseMatch:  # the member pages are not mounted: a notice without a link
        return ""


def board(cooperative) -> list[int]:
    return list(CoopRole.objects.filter(cooperative=cooperative, role=Role.BOARD)
                .values_list("user_id", flat=True))
