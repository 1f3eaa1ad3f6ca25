"""Shared resources and mutual support on the dashboards: asset fees per month (members
and non-members apart), each asset's use and how concentrated it is, the loan portfolio
by collectibility, the solidarity fund's money in and out, what waits for the board;
and on a member's dashboard their own loan, instalments and bookings (never another
member's)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from guyub.core.roles import Role
from guyub.reports.dashboards import periods, resources, support
from guyub.testing import loans as loan_world
from guyub.testing import support as fund_world
from guyub.testing.bookings import make_member
from guyub.testing.resources import at, confirmed_booking, roaster, truck

pytestmark = pytest.mark.django_db


def _this_year():
    return periods.resolve(periods.THIS_YEAR, timezone.localdate())[0]


def _day_this_year():
    """A day of this year before today (or today on 1 January), for past bookings."""
    today = timezone.localdate()
    return max(today - dt.timedelta(days=3), today.replace(month=1, day=1))


def test_asset_fees_and_use_per_asset(coop, board):
    day = _day_this_year()
    coffee, lorry = roaster(coop), truck(coop)
    sri, budi = make_member(coop), make_member(coop)
    # Sri roasts 3 h twice, Budi 1 h: Rp50.000 an hour; a guest hires the truck a day.
    confirmed_booking(coffee, member=sri, starts_at=at(day, 8), ends_at=at(day, 11))
    confirmed_booking(coffee, member=sri, starts_at=at(day, 13), ends_at=at(day, 16))
    confirmed_booking(coffee, member=budi, starts_at=at(day, 17), ends_at=at(day, 18))
    confirmed_booking(lorry, starts_at=at(day, 7), ends_at=at(day, 17))
    with scope(cooperative=coop):
        series = resources.board_series(_this_year())
        usage = {row["asset"]: row for row in resources.usage_by_asset(_this_year())}
    members_fees, guests_fees = (sum(v) for v in series.values())
    assert members_fees == D(7) * D(50_000)
    assert guests_fees == D(600_000)
    assert usage[coffee.name]["hours"] == D(7) and usage[coffee.name]["bookings"] == 3
    # Two members use the roaster: the top three take all its hours.
    assert usage[coffee.name]["top3_pct"] == D(100)
    assert usage[lorry.name]["top3_pct"] == D(0)  # a non-member's hire is no member's share


def test_loan_portfolio_and_queues_on_the_board_dashboard(board_client, coop, board):
    loan_world.limits(coop)
    late, fine, waiting = make_member(coop), make_member(coop), make_member(coop)
    for member in (late, fine, waiting):
        loan_world.save(member, 5_000_000)
    # Paid out 92 days ago: two or three instalments past due and unpaid.
    loan_world.running(late, 3_000_000)
    loan_world.running(fine, 1_200_000, on=timezone.localdate())
    loan_world.applied(waiting, 1_000_000)
    response = board_client.get(reverse("reports:dashboard", args=[coop.slug]))
    tables = {t.key: t for t in response.context["tables"]}
    grades = {row[0]: row[1:] for row in tables["pinjaman-kolektibilitas"].rows}
    assert grades["Lancar"][0] == 1 and grades["Lancar"][1] == D(1_200_000)
    assert grades["Kurang lancar"][0] == 1 and grades["Kurang lancar"][2] > 0
    assert tables["pinjaman-kolektibilitas"].foot[1] == 2
    queues = response.context["support_queues"]
    assert queues["loans_to_decide"] == 1
    assert "1 pengajuan pinjaman menunggu keputusan" in response.content.decode()


def test_the_fund_in_and_out_per_month(coop, board):
    people = fund_world.fund_world(coop, board)  # Rp1.000.000 from a donor
    grant = fund_world.approved_grant(coop, people["budi"], requester=people["staff"],
                                      decider=people["other_board"], amount=400_000)
    with scope(cooperative=coop):
        from guyub.support.solidarity.services import pay_grant
        pay_grant(grant=grant, actor=people["staff"], method="cash",
                  date=timezone.localdate())
        series = support.fund_series(_this_year())
        queues = support.work_queues(coop)
    contributed, granted = (sum(v) for v in series.values())
    assert contributed == D(1_000_000)
    assert granted == D(400_000)
    assert queues["fund"] == D(600_000)


def test_a_member_sees_their_own_loan_and_bookings_only(client, coop, board, make_user):
    loan_world.limits(coop)
    mine, other = make_member(coop), make_member(coop)
    user = make_user(coop, Role.MEMBER)
    with scope(cooperative=coop):
        type(mine).objects.filter(pk=mine.pk).update(user=user)
        mine.refresh_from_db()
    for member in (mine, other):
        loan_world.save(member, 5_000_000)
    my_loan = loan_world.running(mine, 1_200_000, on=timezone.localdate())
    loan_world.running(other, 3_000_000, on=timezone.localdate())
    coffee = roaster(coop)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    confirmed_booking(coffee, member=mine, starts_at=at(tomorrow, 9), ends_at=at(tomorrow, 11))
    confirmed_booking(coffee, member=other, starts_at=at(tomorrow, 13),
                      ends_at=at(tomorrow, 15))
    client.force_login(user)
    response = client.get(reverse("reports:my_dashboard", args=[coop.slug]))
    assert response.status_code == 200
    assert response.context["loans"]["owed"] == D(1_200_000)
    texts = [d["text"] for d in response.context["deadlines"]]
    assert any(coffee.name in t and "09:00" in t for t in texts)
    assert not any("13:00" in t for t in texts)  # the other member's booking
    instalments = [d for d in response.context["deadlines"] if d["kind"] == "loan"]
    assert instalments and {d["pk"] for d in instalments} == {my_loan.pk}
    assert "sisa pokok pinjaman saya" in response.content.decode()
