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
from guyub.ledger.services import Line, post_entry, reverse_entry
from guyub.members.models import Member
from guyub.members.simpanan import services as simpanan
from guyub.purchasing.rounds.models import Round, RoundItem, Share
from guyub.purchasing.suppliers.models import Item, PriceList, Supplier
from guyub.testing.factories import CoopRoleFactory, MemberFactory, UserFactory

# Last year, as the member's page shows by default; posted on the first day of this year
# (the RAT comes later in real life, but the test must not post in the future).
YEAR = timezone.localdate().year - 1
SAVED_ON = dt.date(YEAR, 2, 3)
POSTED_ON = dt.date(YEAR + 1, 1, 1)
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


def _amounts(rows: dict, member_surplus) -> dict:
    if member_surplus is None:
        return {"capital": str(sum(f["jasa_modal"] for f in rows.values())),
                "business": str(sum(f["jasa_usaha"] for f in rows.values()))}
    return {key: str(Decimal(member_surplus) * Decimal(pct) / 100) for key, _n, pct in PORTIONS}


def posted_plan(cooperative, shares: dict, *, year: int = YEAR, posted_on: dt.date = POSTED_ON,
                member_surplus=None) -> ShuPlan:
    """A posted plan for `year`. `shares`: member → dict of ShuShare figures (at least
    jasa_modal and jasa_usaha; with `member_surplus`, they should add up to its capital
    and business portions). Its entry credits each member's SHU payable (the reserve and
    the funds are left out: they are not the member's side)."""
    with scope(cooperative=cooperative):
        rows = {m: {k: Decimal(v) for k, v in f.items()} for m, f in shares.items()}
        member_total = sum(f["jasa_modal"] + f["jasa_usaha"] for f in rows.values())
        plan = ShuPlan.objects.create(
            cooperative=cooperative, year=year, status=ShuPlan.Status.POSTED,
            portions=[{"key": k, "name": n, "percent": p} for k, n, p in PORTIONS],
            policy={"capital_basis": "year_end", "capital_includes_sukarela": False},
            surplus=member_surplus or member_total,
            member_surplus=member_surplus or member_total,
            total_capital=sum(f.get("capital", 0) for f in rows.values()),
            total_business=sum(f.get("business", 0) for f in rows.values()),
            amounts=_amounts(rows, member_surplus),
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


# --- the member benefit report's sources ---------------------------------------------


def pooled_round(cooperative, *, pickup: dt.date, shares: list, item_retail, round_retail=None,
                 status=Round.Status.RECEIVED) -> Round:
    """A round of one item with its goods in, written as its close leaves it. `shares`:
    (member, quantity, goods, cost, fee)."""
    at = timezone.make_aware(dt.datetime.combine(pickup - dt.timedelta(days=20), dt.time(8)))
    with scope(cooperative=cooperative):
        supplier = Supplier.objects.create(cooperative=cooperative, name="UD Kedelai Makmur")
        item = Item.objects.create(cooperative=cooperative, name="Kedelai", unit="kg",
                                   retail_reference_price=item_retail)
        price_list = PriceList.objects.create(cooperative=cooperative, supplier=supplier,
                                              item=item, pack_size=1,
                                              valid_from=pickup.replace(day=1))
        round_ = Round.objects.create(
            cooperative=cooperative, title="Kedelai bersama", opens_at=at,
            closes_at=at + dt.timedelta(days=7), pickup_place="Gudang", pickup_date=pickup,
            status=status)
        round_item = RoundItem.objects.create(cooperative=cooperative, round=round_,
                                              price_list=price_list, retail_price=round_retail)
        for member, quantity, goods, cost, fee in shares:
            Share.objects.create(cooperative=cooperative, round_item=round_item, member=member,
                                 committed=quantity, tolerance=0, quantity=quantity,
                                 goods_amount=goods, cost_amount=cost, fee_amount=fee)
        return round_


def post(cooperative, date: dt.date, *lines: Line, description: str = "Uji"):
    with scope(cooperative=cooperative):
        return post_entry(cooperative=cooperative, date=date, description=description,
                          lines=list(lines))


def sold_for(member, amount, date: dt.date):
    """A sale of the member's goods: the cooperative owes them `amount`."""
    return post(member.cooperative, date, Line(account="cash", debit=amount),
                Line(account="payable_members", credit=amount, member=member),
                description="Penjualan")


def cancelled(entry, date: dt.date):
    with scope(cooperative=entry.cooperative):
        return reverse_entry(entry=entry, date=date, reason="Pesanan dibatalkan", actor=None)


def paid_out(member, amount, date: dt.date):
    return post(member.cooperative, date, Line(account="payable_members", debit=amount,
                                               member=member),
                Line(account="bank", credit=amount), description="Pembayaran anggota")


def lent(member, amount, date: dt.date):
    return post(member.cooperative, date, Line(account="loans_receivable", debit=amount,
                                               member=member),
                Line(account="cash", credit=amount), description="Pinjaman dicairkan")


def repaid(member, principal, interest, date: dt.date):
    return post(member.cooperative, date, Line(account="cash", debit=principal + interest),
                Line(account="loans_receivable", credit=principal, member=member),
                Line(account="loan_interest", credit=interest, member=member),
                description="Angsuran")


WALK_YEAR = 2025  # core/tests/urlwalk.py CHOICE_PARAMS: the year in the SHU pages' URLs


def shu_walk_world(cooperative, member) -> dict:
    """`member`'s unpaid share of the posted SHU of WALK_YEAR: their SHU pages open."""
    plan = posted_plan(cooperative, {member: {"capital": 1_000_000, "business": 2_000_000,
                                              "jasa_modal": 100_000, "jasa_usaha": 150_000}},
                       year=WALK_YEAR)
    # Not "shu_plan": that is the proposed plan the board's plan pages walk on.
    return {"shu_posted_plan": plan}
