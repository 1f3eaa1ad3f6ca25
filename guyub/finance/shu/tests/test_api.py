"""/api/v1/cooperatives/<slug>/me/shu: the caller's own SHU, as *SHU saya* shows it:
the posted share with its payment, else the projection; never another member's; a
member who is not one (an officer without membership) gets a 404."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scope

from guyub.core.roles import Role
from guyub.core.services import issue_token
from guyub.testing import finance as books
from guyub.testing.finance_members import YEAR, member_login, posted_plan

pytestmark = pytest.mark.django_db
D = Decimal


def bearer(coop, user):
    with scope(cooperative=coop):
        _token, key = issue_token(cooperative=coop, actor=user, user=user, name="Aplikasi HP")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def url(coop, year=None):
    return f"/api/v1/cooperatives/{coop.slug}/me/shu" + (f"?year={year}" if year else "")


def test_a_member_reads_her_posted_share_and_not_anothers(coop):
    ani, budi = member_login(coop, "Ani Lestari"), member_login(coop, "Budi Santoso")
    posted_plan(coop, {ani: {"jasa_modal": 1_200_000, "jasa_usaha": 1_500_000},
                       budi: {"jasa_modal": 800_000, "jasa_usaha": 1_000_000}})

    response = bearer(coop, ani.user).get(url(coop, YEAR))
    assert response.status_code == 200
    body = response.json()
    assert body["stage"] == "posted" and body["payout"] == "unpaid"
    assert D(body["amount"]) == 2_700_000
    assert (D(body["jasa_modal"]), D(body["jasa_usaha"])) == (1_200_000, 1_500_000)
    assert "1800000" not in response.content.decode()  # Budi's share


def test_before_any_plan_the_member_reads_her_projection(coop):
    ani, budi = member_login(coop, "Ani Lestari"), member_login(coop, "Budi Santoso")
    year = timezone.localdate().year
    books.simpanan(ani, dt.date(year, 2, 1), 3_000_000)
    books.simpanan(budi, dt.date(year, 2, 1), 1_000_000)
    books.sale(ani, dt.date(year, 3, 1), 2_000_000)

    body = bearer(coop, ani.user).get(url(coop, year)).json()
    assert body["stage"] == "projection" and body["computed_at"]
    assert D(body["capital"]) == 3_000_000 and D(body["total_capital"]) == 4_000_000
    assert body["payout"] is None


def test_no_membership_or_a_year_off_the_list_is_a_404(coop, make_user):
    officer = make_user(coop, Role.BOARD)
    assert bearer(coop, officer).get(url(coop)).status_code == 403  # shu.own: members
    # The member role without a membership record behind it: nothing to show.
    assert bearer(coop, make_user(coop, Role.MEMBER)).get(url(coop)).status_code == 404
    ani = member_login(coop, "Ani Lestari")
    assert bearer(coop, ani.user).get(url(coop, 1990)).status_code == 404
    # Without ?year=: last year, the one the RAT decides on.
    assert bearer(coop, ani.user).get(url(coop)).json()["year"] == (
        timezone.localdate().year - 1)
