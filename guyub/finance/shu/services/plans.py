"""The board's plans: a simulation saved as a draft, proposed to the RAT (frozen: every
member's share written from the closed year's figures), or withdrawn.

Lock order: every plan of the cooperative's year (by id), so two proposals of the same
year, or a proposal and a posting, queue instead of both passing their checks."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative

from .. import selectors
from ..models import ShuPlan
from . import common, snapshot
from .policy import check_sum, check_weights
from .posting import check_closed, check_surplus

MIN_YEAR, MAX_YEAR = 2000, 2100


def _check_year(cooperative, year: int) -> int:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(_("Tahun buku tidak valid."), field="year")
    if year >= timezone.localdate().year:
        raise DomainError(_("Tahun buku %(year)s belum berakhir.") % {"year": year},
                          field="year")
    return year


def _lock_year(cooperative, year: int) -> list[ShuPlan]:
    return list(ShuPlan.objects.filter(cooperative=cooperative, year=year)
                .select_for_update().order_by("id"))


@transaction.atomic
def save_draft(*, cooperative: Cooperative, year: int, actor,
               percentages: dict[str, Decimal], weights: dict[str, Decimal]) -> ShuPlan:
    """The simulation with these percentages and weights, saved as a draft plan."""
    _check_year(cooperative, year)
    percentages = check_sum(percentages)
    weights = check_weights(weights)
    plans = _lock_year(cooperative, year)
    if any(p.status == ShuPlan.Status.POSTED for p in plans):
        raise DomainError(_("SHU tahun buku %(year)s sudah dibukukan.") % {"year": year},
                          code="conflict")
    policy = selectors.policy(cooperative)
    sim = snapshot.simulate(cooperative, year=year, policy=policy, percentages=percentages,
                            weights=weights)
    plan = ShuPlan(cooperative=cooperative, year=year, status=ShuPlan.Status.DRAFT,
                   created_by=actor if getattr(actor, "is_authenticated", False) else None)
    snapshot.fill_plan(plan, sim)
    plan.save()
    log_action(cooperative=cooperative, actor=actor, action="shu.plan_saved", obj=plan,
               amount=plan.member_surplus, number=str(year))
    return plan


@transaction.atomic
def propose(*, plan: ShuPlan, actor) -> ShuPlan:
    """Freeze a draft as the proposal to the RAT: recomputed from the closed year, every
    member's share written. Another proposal of the same year is withdrawn."""
    cooperative = plan.cooperative
    plans = _lock_year(cooperative, plan.year)
    plan = next((p for p in plans if p.pk == plan.pk), None) or common.locked(plan)
    if any(p.status == ShuPlan.Status.POSTED for p in plans):
        raise DomainError(_("SHU tahun buku %(year)s sudah dibukukan.") % {"year": plan.year},
                          code="conflict")
    plan.move_to(ShuPlan.Status.PROPOSED, _("Hanya simulasi yang tersimpan yang dapat "
                                            "diajukan ke RAT."))
    check_closed(cooperative, plan.year)
    policy = selectors.policy(cooperative)
    percentages = {p["key"]: Decimal(str(p["percent"])) for p in plan.portions}
    weights = {k: Decimal(str(v)) for k, v in plan.policy.get("weights", {}).items()}
    sim = snapshot.simulate(cooperative, year=plan.year, policy=policy,
                            percentages=percentages, weights=weights)
    snapshot.fill_plan(plan, sim)
    check_surplus(plan.surplus, plan.year)
    for other in plans:
        if other.pk != plan.pk and other.status == ShuPlan.Status.PROPOSED:
            _withdraw(other, actor, replaced_by=plan)
    plan.proposed_at = timezone.now()
    plan.save()
    snapshot.write_shares(plan, sim)
    log_action(cooperative=cooperative, actor=actor, action="shu.proposed", obj=plan,
               amount=plan.member_surplus, number=str(plan.year),
               members=plan.shares.filter(amount__gt=0).count())
    return plan


def _withdraw(plan: ShuPlan, actor, replaced_by: ShuPlan | None = None) -> None:
    plan.move_to(ShuPlan.Status.WITHDRAWN, _("Rencana yang sudah dibukukan tidak dapat "
                                             "ditarik."))
    plan.save(update_fields=["status"])
    log_action(cooperative=plan.cooperative, actor=actor, action="shu.withdrawn", obj=plan,
               number=str(plan.year),
               reason=(_("diganti rencana #%(pk)s") % {"pk": replaced_by.pk}
                       if replaced_by else ""))


@transaction.atomic
def withdraw(*, plan: ShuPlan, actor) -> ShuPlan:
    """A draft or proposed plan set aside (its record stays)."""
    _lock_year(plan.cooperative, plan.year)
    plan = common.locked(plan)
    if plan.status == ShuPlan.Status.WITHDRAWN:
        raise DomainError(_("Rencana ini sudah ditarik."), code="conflict")
    _withdraw(plan, actor)
    return plan
