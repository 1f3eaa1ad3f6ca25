"""Members' figures on the platform's home pages (contributed through MembersConfig):
the officers' counts by status, scale and sector; a member's own simpanan and
arrears; an applicant's applications."""

from django.db.models import Count
from django.utils import timezone
from django_scopes import scopes_disabled

from . import selectors
from .models import Member, Scale, Sector
from .simpanan import selectors as simpanan_reads


def dashboard_context(request) -> dict:
    context = {}
    access = request.access
    if access.can("portal.view"):
        context.update(_member_home(request.user))
    if access.can("members.view"):
        by_status = dict(Member.objects.values_list("status").annotate(n=Count("id")))
        active = Member.objects.filter(status=Member.Status.ACTIVE)
        context.update(
            by_status={Member.Status(s).label: n for s, n in by_status.items()},
            active_count=by_status.get(Member.Status.ACTIVE, 0),
            applicant_count=by_status.get(Member.Status.APPLICANT, 0),
            by_scale=_labelled(active, "scale", dict(Scale.choices)),
            by_sector=_labelled(active, "sector", dict(Sector.choices)),
        )
    return context


def own_applications(user) -> dict:
    """A signed-in user with no role yet (an applicant): where their applications stand,
    in every cooperative (hence outside any one cooperative's scope)."""
    with scopes_disabled():
        return {"applications": list(Member.objects.filter(user=user)
                                     .select_related("cooperative"))}


def _member_home(user) -> dict:
    member = selectors.own_membership(user)
    if member is None:
        return {}
    months, amount = simpanan_reads.arrears(member, timezone.localdate())
    return {"member": member, "balances": simpanan_reads.balances(member),
            "arrears_months": months, "arrears_amount": amount}


def _labelled(members, field: str, labels: dict) -> list[dict]:
    """Counts per value of `field`, named as the pages name them (not the stored code)."""
    rows = members.values(field).annotate(n=Count("id")).order_by("-n")
    return [{field: labels.get(row[field], row[field] or "—"), "n": row["n"]} for row in rows]
