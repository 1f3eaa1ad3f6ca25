"""The board's monthly result: income from members and non-members apart, expenses and
the SHU, from the books as the statements read them (closing entries left out), only
this cooperative's."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from guyub.ledger.models import EntryKind
from guyub.ledger.services import Line, post_entry
from guyub.testing import finance_members

pytestmark = pytest.mark.django_db


def _post(coop, day, *lines, kind=EntryKind.REGULAR):
    with scope(cooperative=coop):
        post_entry(cooperative=coop, date=day, description="uji", lines=list(lines),
                   kind=kind)


def _books(coop):
    today = timezone.localdate()
    _post(coop, today, Line("cash", debit=D(700_000)),
          Line("income_members", credit=D(400_000)), Line("loan_interest", credit=D(100_000)),
          Line("income_non_members", credit=D(200_000)))
    _post(coop, today, Line("admin_expense", debit=D(250_000)), Line("cash", credit=D(250_000)))
    # A closing entry is not income of the month it is dated in.
    _post(coop, today, Line("income_members", debit=D(400_000)),
          Line("shu_current", credit=D(400_000)), kind=EntryKind.CLOSING)


def test_the_months_result_separates_members_and_non_members(board_client, coop, other_coop):
    _books(coop)
    _books(other_coop)
    _post(coop, timezone.localdate() - dt.timedelta(days=400), Line("cash", debit=D(9)),
          Line("income_members", credit=D(9)))  # outside this month: not shown
    response = board_client.get(reverse("reports:dashboard", args=[coop.slug]),
                                {"periode": "bulan-ini"})
    table = next(t for t in response.context["tables"] if t.key == "hasil-usaha")
    # One row, this month: members, non-members, other income, expenses, SHU.
    assert [row[1:] for row in table.rows] == [
        [D(500_000), D(200_000), D(0), D(250_000), D(450_000)]]
    assert "Hasil usaha per bulan" in response.content.decode()


def test_a_member_sees_their_own_shu_on_their_dashboard(client, coop, other_coop):
    ani = finance_members.member_login(coop, "Ani Lestari")
    budi = finance_members.member_login(coop, "Budi Santoso")
    finance_members.posted_plan(coop, {
        ani: {"jasa_modal": 120_000, "jasa_usaha": 30_000},
        budi: {"jasa_modal": 777_000, "jasa_usaha": 111_000}}, year=2025)
    client.force_login(ani.user)
    page = client.get(reverse("reports:my_dashboard", args=[coop.slug])).content.decode()
    assert 'id="my-shu"' in page and "Rp150.000" in page and "2025" in page
    assert "Rp888.000" not in page  # Budi's share is his


def test_no_shu_card_before_any_shu_is_posted(client, coop):
    ani = finance_members.member_login(coop, "Ani Lestari")
    client.force_login(ani.user)
    page = client.get(reverse("reports:my_dashboard", args=[coop.slug])).content.decode()
    assert 'id="my-shu"' not in page
