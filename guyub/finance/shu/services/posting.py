"""Posting an approved SHU plan: ONE balanced entry moving the year's SHU out of SHU
tahun berjalan into the reserve, the funds, where the non-member SHU goes, and every
member's SHU payable.

Refused unless the RAT approved the SHU of that year with a decision taken after the
plan was proposed (an older approval was of another proposal), the year is closed and
its SHU is still the plan's (an adjustment after the proposal changed it: propose
again). A deficit year has no SHU to share: no plan of it can be proposed or posted
(the by-laws cover a deficit from the reserve, which is the year-end close's business).
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.money import format_rupiah
from guyub.finance import notices
from guyub.finance.statements.results import year_result
from guyub.ledger.services import Line, post_entry
from guyub.notifications.services import notify_each

from .. import selectors
from ..models import ShuPlan, ShuShare
from ..selectors import MEMBER_PORTIONS, PORTION_ACCOUNT
from . import common

ZERO = Decimal(0)


def _show(date: dt.date) -> str:
    return f"{date.day:02d}-{date.month:02d}-{date.year:04d}"


def check_surplus(surplus: Decimal, year: int) -> None:
    if surplus <= 0:
        raise DomainError(_("Tahun buku %(year)s tidak menghasilkan SHU (defisit %(amount)s): "
                            "tidak ada yang dibagikan kepada anggota.")
                          % {"year": year, "amount": format_rupiah(-surplus)},
                          code="conflict")


def check_closed(cooperative, year: int) -> None:
    if selectors.year_close(cooperative, year) is None:
        raise DomainError(_("Buku tahun %(year)s belum ditutup; SHU-nya belum final.")
                          % {"year": year}, code="transition")


def _check_approval(plan: ShuPlan):
    decision = selectors.rat_approval(plan.cooperative, plan.year)
    if decision is None:
        raise DomainError(_("RAT belum menyetujui pembagian SHU tahun buku %(year)s; SHU baru "
                            "dapat dibukukan setelah keputusan RAT.") % {"year": plan.year},
                          code="transition")
    if plan.proposed_at is None or decision.decided_at <= plan.proposed_at:
        raise DomainError(_("Keputusan RAT %(number)s menyetujui usulan lain, yang diajukan "
                            "sebelum rencana ini: ajukan rencana ini ke RAT.")
                          % {"number": decision.number}, code="conflict")
    return decision


def _check_books(plan: ShuPlan) -> None:
    surplus = year_result(plan.cooperative, plan.year).surplus
    if surplus != plan.surplus:
        raise DomainError(_("Buku tahun %(year)s berubah setelah rencana ini diajukan (ada "
                            "penyesuaian): SHU sekarang %(now)s, rencana %(plan)s. Ajukan "
                            "rencana baru.")
                          % {"year": plan.year, "now": format_rupiah(surplus),
                             "plan": format_rupiah(plan.surplus)}, code="conflict")


def _check_date(plan: ShuPlan, date) -> None:
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise DomainError(_("Tanggal tidak valid."), field="date")
    year_end = dt.date(plan.year, 12, 31)
    if date <= year_end:
        raise DomainError(_("Tanggal pembukuan SHU setelah tahun buku berakhir (%(end)s).")
                          % {"end": _show(year_end)}, field="date")
    today = timezone.localdate()
    if date > today:
        raise DomainError(_("Tanggal %(d)s ada di masa depan; hari ini %(today)s.")
                          % {"d": _show(date), "today": _show(today)}, field="date")


def entry_lines(plan: ShuPlan, shares: list[ShuShare], non_member_to: str) -> list[Line]:
    """The posting's lines: Dr SHU tahun berjalan; Cr each portion's account (the reserve
    also takes what nobody qualified for), the non-member SHU's destination, and one
    payable per member with a share. Raises ValueError if the plan does not add up."""
    amounts = {key: Decimal(value) for key, value in plan.amounts.items()}
    to_members = sum((amounts.get(k, ZERO) for k in MEMBER_PORTIONS), ZERO) - plan.undistributed
    if (sum(amounts.values(), ZERO) != plan.member_surplus
            or plan.member_surplus + plan.non_member_surplus != plan.surplus
            or sum((s.amount for s in shares), ZERO) != to_members):
        raise ValueError(f"SHU plan {plan.pk} does not add up")
    credits: dict[str, Decimal] = {}
    for key, amount in amounts.items():
        account = PORTION_ACCOUNT[key]
        if account:
            credits[account] = credits.get(account, ZERO) + amount
    credits["reserve"] = credits.get("reserve", ZERO) + plan.undistributed
    credits[non_member_to] = credits.get(non_member_to, ZERO) + plan.non_member_surplus
    return [Line(account="shu_current", debit=plan.surplus),
            *(Line(account=role, credit=amount) for role, amount in credits.items() if amount),
            *(Line(account="shu_payable", credit=s.amount, member=s.member) for s in shares)]


@transaction.atomic
def post_plan(*, plan: ShuPlan, actor, date: dt.date) -> ShuPlan:
    """Post a proposed plan the RAT approved (see the module's rules) on `date`."""
    plan = common.locked(plan)
    # The cooperative's lock before the books are read: an adjustment of the year (it
    # takes the same lock) either committed before, and the check below sees the new
    # surplus, or waits until this posting committed and then finds the SHU posted.
    common.lock_cooperative(plan.cooperative_id)
    if plan.status == ShuPlan.Status.POSTED:
        raise DomainError(_("SHU tahun buku %(year)s sudah dibukukan.") % {"year": plan.year},
                          code="conflict")
    if plan.status != ShuPlan.Status.PROPOSED:
        raise DomainError(_("Hanya rencana yang diajukan ke RAT yang dapat dibukukan."),
                          code="transition")
    cooperative = plan.cooperative
    check_surplus(plan.surplus, plan.year)
    check_closed(cooperative, plan.year)
    decision = _check_approval(plan)
    _check_books(plan)
    _check_date(plan, date)
    shares = list(plan.shares.select_related("member").filter(amount__gt=0)
                  .order_by("member__number", "id"))
    non_member_to = (plan.policy or {}).get("non_member_to") \
        or selectors.policy(cooperative).non_member_to
    entry = post_entry(
        cooperative=cooperative, date=date, actor=actor, source=plan,
        source_url=common.plan_url(plan), lines=entry_lines(plan, shares, non_member_to),
        description=_("Pembagian SHU tahun buku %(year)s (keputusan RAT %(number)s)")
        % {"year": plan.year, "number": decision.number})
    plan.move_to(ShuPlan.Status.POSTED)
    plan.decision, plan.entry, plan.posted_at = decision, entry, timezone.now()
    plan.posted_by = actor if getattr(actor, "is_authenticated", False) else None
    plan.save(update_fields=["status", "decision", "entry", "posted_at", "posted_by"])
    log_action(cooperative=cooperative, actor=actor, action="shu.posted", obj=plan,
               amount=plan.surplus, entry=entry.number, decision=decision.number,
               members=len(shares), date=date)
    _tell_members(plan, shares)
    return plan


def _tell_members(plan: ShuPlan, shares: list[ShuShare]) -> None:
    personal = {s.member.user_id: {"year": str(plan.year), "amount": format_rupiah(s.amount)}
                for s in shares if s.member.user_id}
    notify_each(cooperative=plan.cooperative, topic=notices.SHU_POSTED,
                event_id=f"shu:{plan.pk}:posted", personal=personal,
                link=common.member_url(plan.cooperative))
