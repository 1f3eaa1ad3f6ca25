"""The board's payment list: a posted plan's shares with their payout, the unpaid ones
filtered, and each paid at the office in cash or by bank (shu.payouts.pay_share) by
board or staff; the pengawas and members cannot pay from here."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope

from guyub.core.roles import Role
from guyub.finance.shu.models import ShuShare
from guyub.finance.shu.services import post_plan
from guyub.testing import finance_plans as books
from guyub.testing import governance as world

pytest.importorskip("guyub.finance.shu.payouts")  # the payments package (helper D)


@pytest.fixture
def members(coop):
    return [world.member_with_login(coop, name) for name in ("Ani Lestari", "Budi Santoso")]


@pytest.fixture
def posted(coop, board, members):
    books.book_year(coop)
    books.close_year(coop, board)
    plan = books.proposed_plan(coop, [(members[0], 1_000_000, 2_000_000),
                                      (members[1], 3_000_000, 1_000_000)])
    books.rat_decision(coop, board, members)
    with scope(cooperative=coop):
        return post_plan(plan=plan, actor=board, date=dt.date(2026, 2, 1))


def share_of(coop, plan, member) -> ShuShare:
    with scope(cooperative=coop):
        return ShuShare.objects.get(plan=plan, member=member)


@pytest.mark.parametrize("role", [Role.BOARD, Role.STAFF])
def test_board_and_staff_pay_a_share_and_the_list_shows_it_paid(client, make_user, coop,
                                                                posted, members, role):
    client.force_login(make_user(coop, role))
    share = share_of(coop, posted, members[0])
    plan_url = reverse("finance:shu_plan", args=[coop.slug, posted.pk])
    unpaid = client.get(plan_url, {"unpaid": "1"}).content.decode()
    pay_url = reverse("finance:shu_share_pay", args=[coop.slug, share.pk])
    assert pay_url in unpaid
    response = client.post(pay_url, {"method": "cash", "date": "2026-02-10"})
    assert response.status_code == 302
    share = share_of(coop, posted, members[0])
    assert share.payout == ShuShare.Payout.CASH and share.paid_entry_id
    unpaid = client.get(plan_url, {"unpaid": "1"}).content.decode()
    # Her pay link is gone from the unpaid list (her name may still show in the
    # confirmation message); his is still there.
    other = share_of(coop, posted, members[1])
    assert pay_url not in unpaid
    assert reverse("finance:shu_share_pay", args=[coop.slug, other.pk]) in unpaid


def test_paying_twice_is_refused_on_the_form(board_client, coop, posted, members):
    share = share_of(coop, posted, members[1])
    pay_url = reverse("finance:shu_share_pay", args=[coop.slug, share.pk])
    board_client.post(pay_url, {"method": "bank", "date": "2026-02-10"})
    again = board_client.post(pay_url, {"method": "cash", "date": "2026-02-10"})
    assert again.status_code == 200 and "sudah" in again.content.decode()
    assert share_of(coop, posted, members[1]).payout == ShuShare.Payout.BANK


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.MEMBER])
def test_the_pengawas_and_members_do_not_pay_here(client, make_user, coop, posted, members,
                                                  role):
    client.force_login(make_user(coop, role))
    share = share_of(coop, posted, members[0])
    url = reverse("finance:shu_share_pay", args=[coop.slug, share.pk])
    assert client.post(url, {"method": "cash", "date": "2026-02-10"}).status_code == 403
    assert share_of(coop, posted, members[0]).payout == ShuShare.Payout.UNPAID
