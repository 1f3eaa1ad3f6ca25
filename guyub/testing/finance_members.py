"""A small world for the member's side of the SHU: members with logins and simpanan, and
a posted SHU plan with their shares. The plan, its shares and its posting entry are
written directly (Dr SHU tahun berjalan / Cr SHU payable per member), as the posting
service would leave them, so payouts and the member pages are tested on their own."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

from guyub.core.roles import Role
from guyub.finance.shu.models import ShuPlan, ShuPolicy, ShuShare
from guyub.ledger.services import Line, post_entry
from guyub.members.models import Member
from guyub.members.simpanan import services as simpanan
from guyub.testing.factories import CoopRoleFactory, MemberFactory, UserFactory

YEAR = 2025
SAVED_ON = dt.date(YEAR, 2, 3)
POSTED_ON = dt.date(YEAR + 1, 3, 20)
PORTIONS = [("reserve", "Dana cadangan", "25"), ("capital", "Jasa modal anggota", "20"),
            ("business", "Jasa usaha anggota", "25"), ("board", "Dana pengurus", "5"),
            ("staff", "Dana karyawan", "5"), ("education", "Dana pendidikan", "10"),
            ("social", "Dana sosial", "5"), ("area", "Dana pembangunan daerah kerja", "5")]


def member_login(cooperative, name: str, **fields) -> Member:
    """An active member with a login holding the member role."""
    user = UserFactory()
    CoopRoleFactory(user=user, cooperative=cooperative, role=Role.MEMBER)
    return MemberFactory(cooperative=cooperative, user=user, owner_name=name, **fields)


def save_sukarela(member, amount) -> None:
    with scope(cooperative=member.cooperative):
        simpanan.deposit_sukarela(member=member, actor=None, date=SAVED_ON, amount=amount)


def posted_plan(cooperative, shares: dict, *, year: int = YEAR,
                posted_on: dt.date = POSTED_ON) -> ShuPlan:
    """A posted plan for `year`. `shares`: member → dict of ShuShare figures (at least
    jasa_modal and jasa_usaha). Its entry credits each member's SHU payable."""
    with scope(cooperative=cooperative):
        rows = {m: {k: Decimal(v) for k, v in f.items()} for m, f in shares.items()}
        member_total = sum(f["jasa_modal"] + f["jasa_usaha"] for f in rows.values())
        plan = ShuPlan.objects.create(
            cooperative=cooperative, year=year, status=ShuPlan.Status.POSTED,
            portions=[{"key": k, "name": n, "percent": p} for k, n, p in PORTIONS],
            policy={"capital_basis": "year_end", "capital_includes_sukarela": False},
            surplus=member_total, member_surplus=member_total,
            total_capital=sum(f.get("capital", 0) for f in rows.values()),
            total_business=sum(f.get("business", 0) for f in rows.values()),
            amounts={"capital": str(sum(f["jasa_modal"] for f in rows.values())),
                     "business": str(sum(f["jasa_usaha"] for f in rows.values()))},
            posted_at=timezone.make_aware(dt.datetime.combine(posted_on, dt.time(10))))
        for member, figures in rows.items():
            ShuShare.objects.create(
                cooperative=cooperative, plan=plan, member=member,
                amount=figures["jasa_modal"] + figures["jasa_usaha"], **figures)
        lines = [Line(account="shu_payable", member=m, credit=f["jasa_modal"] + f["jasa_usaha"])
                 for m, f in rows.items() if f["jasa_modal"] + f["jasa_usaha"] > 0]
        plan.entry = post_entry(cooperative=cooperative, date=posted_on,
                                description=f"SHU {year} dibukukan", source=plan,
                                lines=[Line(account="shu_current", debit=member_total), *lines])
        plan.save(update_fields=["entry"])
        return plan


def share_of(plan: ShuPlan, member) -> ShuShare:
    with scope(cooperative=plan.cooperative):
        return ShuShare.objects.select_related("plan", "member").get(plan=plan, member=member)


def policy(cooperative, **fields) -> ShuPolicy:
    with scope(cooperative=cooperative):
        row, _created = ShuPolicy.objects.update_or_create(cooperative=cooperative,
                                                           defaults=fields)
        return row
