"""The member economic benefit report on a built world: each benefit per member as a
user would work it out by hand, the total equal to the sum of the members, only the
year's records and only this cooperative's; the pages and the Excel."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django_scopes import scope
from openpyxl import load_workbook

from guyub.finance.benefits.selectors import benefit_report
from guyub.members.models import Member
from guyub.purchasing.rounds.models import Round
from guyub.testing.factories import MemberFactory
from guyub.testing.finance_members import (
    YEAR,
    cancelled,
    lent,
    member_login,
    paid_out,
    policy,
    pooled_round,
    posted_plan,
    repaid,
    sold_for,
)

pytestmark = pytest.mark.django_db
D = Decimal


def on(month, day=1, year=YEAR):
    return dt.date(year, month, day)


@pytest.fixture
def world(coop, other_coop):
    ani, budi = member_login(coop, "Ani Lestari"), member_login(coop, "Budi Santoso")
    policy(coop, market_loan_rate=D("18.00"))
    # Pooled buying: the round's own retail reference (11.000/kg) wins over the item's.
    pooled_round(coop, pickup=on(4, 10), item_retail=12_000, round_retail=11_000,
                 shares=[(ani, 100, 900_000, 50_000, 20_000), (budi, 50, 450_000, 25_000,
                                                               10_000)])
    # Not counted: last year's round and a round whose goods are not in yet.
    pooled_round(coop, pickup=on(6, 1, YEAR - 1), item_retail=10_000,
                 shares=[(ani, 10, 50_000, 0, 0)])
    pooled_round(coop, pickup=on(9, 1), item_retail=10_000, status=Round.Status.CLOSED,
                 shares=[(ani, 10, 50_000, 0, 0)])
    # Marketing: two sales and a contract delivery; one sale cancelled; paying her out
    # does not lower what she earned; last year's sale is not this year's.
    sold_for(ani, 400_000, on(3, 5))
    cancelled(sold_for(ani, 100_000, on(3, 6)), on(3, 7))
    sold_for(ani, 250_000, on(8, 20))
    paid_out(ani, 650_000, on(9, 1))
    sold_for(ani, 999_000, on(12, 1, YEAR - 1))
    # A loan of 12.000.000 all year, half repaid on 1 July with 900.000 interest:
    # month-end balances 6 × 12.000.000 and 6 × 6.000.000, average 9.000.000.
    lent(ani, 12_000_000, on(1, 1))
    repaid(ani, 6_000_000, 900_000, on(7, 1))
    posted_plan(coop, {ani: {"jasa_modal": 1_200_000, "jasa_usaha": 1_500_000},
                       budi: {"jasa_modal": 800_000, "jasa_usaha": 1_000_000}})
    # Not in the report: an applicant, a member who joined after the year, another
    # cooperative's member and their sale.
    MemberFactory(cooperative=coop, status=Member.Status.APPLICANT, number=None,
                  join_date=None)
    MemberFactory(cooperative=coop, join_date=on(2, 1, YEAR + 1))
    stranger = MemberFactory(cooperative=other_coop)
    sold_for(stranger, 777_000, on(3, 5))
    return {"ani": ani, "budi": budi}


def report(coop, **kwargs):
    with scope(cooperative=coop):
        return benefit_report(coop, year=YEAR, **kwargs)


def test_each_benefit_per_member_as_worked_out_by_hand(coop, world):
    rows = {r.member_id: r for r in report(coop).rows}
    ani, budi = rows[world["ani"].pk], rows[world["budi"].pk]

    assert (ani.retail, ani.paid, ani.purchase_savings) == (1_100_000, 970_000, 130_000)
    assert ani.marketing == 650_000
    assert (ani.loan_balance, ani.market_interest, ani.interest_paid) == (
        9_000_000, 1_620_000, 900_000)
    assert ani.interest_saved == 720_000
    assert ani.shu == 2_700_000
    assert ani.total == 130_000 + 650_000 + 720_000 + 2_700_000
    assert (budi.purchase_savings, budi.marketing, budi.interest_saved, budi.shu) == (
        65_000, 0, 0, 1_800_000)
    assert budi.total == 1_865_000


def test_the_total_is_the_sum_of_the_members_and_only_the_years_members_count(coop, world):
    built = report(coop)

    assert {r.member_id for r in built.rows} == {world["ani"].pk, world["budi"].pk}
    totals = built.totals
    assert totals.total == sum(r.total for r in built.rows) == 6_065_000
    assert totals.marketing == 650_000 and totals.shu == 4_500_000
    assert not built.shu_projected


def test_a_higher_market_rate_saves_more_interest(coop, world):
    policy(coop, market_loan_rate=D("24.00"))
    ani = report(coop, member_ids=[world["ani"].pk]).rows[0]
    assert ani.market_interest == 2_160_000 and ani.interest_saved == 1_260_000


def test_the_board_page_shows_the_totals_and_the_members(coop, board_client, world):
    response = board_client.get(f"/k/{coop.slug}/keuangan/promosi-anggota/?tahun={YEAR}")

    text = response.content.decode()
    assert response.status_code == 200
    assert "Rp6.065.000" in text and "Rp4.200.000" in text and "Rp1.865.000" in text
    assert "Ani Lestari" in text and "Budi Santoso" in text


def test_the_excel_holds_every_member_and_the_total(coop, board_client, world):
    response = board_client.get(f"/k/{coop.slug}/keuangan/promosi-anggota/excel/?tahun={YEAR}")

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 4  # header, Ani, Budi, total
    assert [r[-1] for r in rows[1:]] == [4_200_000, 1_865_000, 6_065_000]


def test_a_member_sees_only_their_own_benefits(coop, world):
    client = Client()
    client.force_login(world["budi"].user)

    response = client.get(f"/k/{coop.slug}/keuangan/manfaat-saya/?tahun={YEAR}")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Rp1.865.000" in text and "Rp65.000" in text
    assert "Rp4.200.000" not in text and "Rp650.000" not in text
    assert client.get(f"/k/{coop.slug}/keuangan/promosi-anggota/").status_code == 403


def test_a_bad_year_is_answered_with_a_message_not_an_error(coop, board_client, world):
    for bad in ("abc", "0", "-1", "99999999999999999999", "2025%20OR%201=1"):
        response = board_client.get(f"/k/{coop.slug}/keuangan/promosi-anggota/?tahun={bad}")
        assert response.status_code == 200
        assert "Tahun buku tidak dikenal" in response.content.decode()


def test_before_the_shu_is_posted_the_report_uses_the_projection(coop, monkeypatch):
    from types import SimpleNamespace

    from guyub.finance.shu import compute

    ani = member_login(coop, "Ani Lestari")
    row = SimpleNamespace(jasa_modal=D(300_000), jasa_usaha=D(450_000))
    monkeypatch.setattr(compute, "simulate", lambda cooperative, *, year, **kw: SimpleNamespace(
        share_for=lambda member_id: row if member_id == ani.pk else None))

    built = report(coop)
    assert built.shu_projected
    assert [r.shu for r in built.rows] == [750_000]


def test_before_the_posting_the_report_uses_the_shares_proposed_to_the_rat(
        coop, board_client, monkeypatch):
    """What the member's own SHU page shows once a plan is proposed: its frozen shares,
    labelled as the RAT's proposal, not a projection from today's books."""
    from guyub.finance.shu import compute
    from guyub.finance.shu.models import ShuPlan, ShuShare

    ani = member_login(coop, "Ani Lestari")

    def no_projection(*args, **kwargs):
        raise AssertionError("the proposed plan's shares should be used")

    monkeypatch.setattr(compute, "simulate", no_projection)
    with scope(cooperative=coop):
        plan = ShuPlan.objects.create(cooperative=coop, year=YEAR,
                                      status=ShuPlan.Status.PROPOSED, surplus=D(900_000),
                                      member_surplus=D(900_000))
        ShuShare.objects.create(cooperative=coop, plan=plan, member=ani, amount=D(640_000),
                                jasa_modal=D(240_000), jasa_usaha=D(400_000))

    built = report(coop)
    assert not built.shu_projected and built.shu_basis == "proposed"
    assert [r.shu for r in built.rows] == [640_000]
    text = board_client.get(f"/k/{coop.slug}/keuangan/promosi-anggota/?tahun={YEAR}"
                            ).content.decode()
    assert "SHU (usulan RAT)" in text and "Rp640.000" in text
