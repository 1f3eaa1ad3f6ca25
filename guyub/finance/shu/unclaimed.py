"""SHU nobody came for: once a posted plan is older than the by-laws' period (the
unclaimed_months of the policy the plan was proposed under, from the posting's date),
every share still unpaid moves in ONE entry per plan: Dr SHU payable (one line per
member) / Cr where that policy sends it (the reserve, a fund or other income). The
shares are marked unclaimed and the board is told. Run daily by the
`settle_unclaimed_shu` job; a plan that has its unclaimed entry is done, so a second
run changes nothing."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.jobs import Done
from guyub.core.jobs.each import in_each_cooperative
from guyub.core.money import format_rupiah
from guyub.ledger.services import Line, post_entry
from guyub.notifications.services import notify
from guyub.support.loans.schedule import add_months

from .. import notices
from . import selectors
from .models import ShuPlan, ShuPolicy, ShuShare
from .services import common

ZERO = Decimal(0)


def due_on(plan: ShuPlan, months: int) -> dt.date:
    """The day a posted plan's unpaid shares count as unclaimed."""
    return add_months(plan.entry.date, months)


def rules(plan: ShuPlan, policy: ShuPolicy) -> tuple[int, str]:
    """(months, destination) for `plan`'s unclaimed shares: those of the policy the plan
    was proposed under (its snapshot), the current policy's for plans proposed before the
    snapshot held them."""
    snapshot = plan.policy or {}
    months = snapshot.get("unclaimed_months", policy.unclaimed_months)
    destination = snapshot.get("unclaimed_to", policy.unclaimed_to)
    if destination not in ShuPolicy.Destination.values:
        destination = policy.unclaimed_to
    return int(months), destination


def _due_plans(cooperative, today: dt.date) -> list[ShuPlan]:
    policy = selectors.policy(cooperative)
    plans = (ShuPlan.objects.filter(cooperative=cooperative, status=ShuPlan.Status.POSTED,
                                    unclaimed_entry__isnull=True, entry__isnull=False)
             .select_related("entry").order_by("year", "id"))
    return [p for p in plans if due_on(p, rules(p, policy)[0]) <= today]


@transaction.atomic
def settle_plan(*, plan: ShuPlan, actor, today: dt.date) -> Decimal:
    """Move a due plan's unpaid shares (see the module); returns the rupiah moved (0 when
    there was nothing to move or another run did it first)."""
    plan = common.locked(plan)
    cooperative = plan.cooperative
    months, destination = rules(plan, selectors.policy(cooperative))
    if (plan.status != ShuPlan.Status.POSTED or plan.unclaimed_entry_id
            or due_on(plan, months) > today):
        return ZERO
    # The shares locked too: a payment at the counter waits, then finds its share moved.
    shares = list(ShuShare.objects.filter(plan=plan, payout=ShuShare.Payout.UNPAID,
                                          amount__gt=0)
                  .select_for_update(of=("self",)).select_related("member")
                  .order_by("member__number", "id"))
    if not shares:
        return ZERO
    total = sum((s.amount for s in shares), ZERO)
    entry = post_entry(
        cooperative=cooperative, date=today, actor=actor, source=plan,
        source_url=common.plan_url(plan),
        description=_("SHU tahun buku %(year)s yang tidak diambil dialihkan")
        % {"year": plan.year},
        lines=[*(Line(account="shu_payable", debit=s.amount, member=s.member) for s in shares),
               Line(account=destination, credit=total)])
    ShuShare.objects.filter(pk__in=[s.pk for s in shares]).update(
        payout=ShuShare.Payout.UNCLAIMED)
    plan.unclaimed_entry = entry
    plan.save(update_fields=["unclaimed_entry"])
    label = dict(ShuPolicy.Destination.choices)[destination]
    log_action(cooperative=cooperative, actor=actor, action="shu.unclaimed", obj=plan,
               amount=total, members=len(shares), entry=entry.number,
               destination=str(label))
    notify(cooperative=cooperative, topic=notices.SHU_UNCLAIMED,
           event_id=f"shu:{plan.pk}:unclaimed", recipients=common.board(cooperative),
           link=common.plan_url(plan),
           params={"year": str(plan.year), "amount": format_rupiah(total),
                   "destination": str(label)})
    return total


def settle_unclaimed(cooperative=None, *, today: dt.date) -> list[Done]:
    def settle(coop) -> list[Done]:
        done = []
        for plan in _due_plans(coop, today):
            moved = settle_plan(plan=plan, actor=None, today=today)
            if moved:
                done.append(Done(coop.pk, _("SHU %(year)s yang tidak diambil (%(amount)s) "
                                            "dialihkan") % {"year": plan.year,
                                                            "amount": format_rupiah(moved)}))
        return done

    return in_each_cooperative(cooperative, settle)
