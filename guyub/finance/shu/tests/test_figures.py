"""gather() on a built year: each member's capital and five kinds of business from the
records that hold them, who counts (joined mid-year, left per the policy, applicants
never) and another cooperative's records never counted."""

import datetime as dt
from decimal import Decimal

import pytest

from guyub.finance.shu.figures import gather
from guyub.finance.shu.models import ShuPolicy
from guyub.members.models import Member
from guyub.purchasing.models import Round
from guyub.sales.models import Order
from guyub.testing import finance as world

D = Decimal
YEAR = 2025
pytestmark = pytest.mark.django_db


def day(month, dd):
    return dt.date(YEAR, month, dd)


def build(coop):
    """A (all year), B (joined 1 July), C (left 15 June), and those who never count."""
    a = world.member(coop, owner_name="Ani")
    world.simpanan(a, dt.date(2024, 1, 15), 100_000)
    world.simpanan(a, day(6, 30), 120_000, kind="wajib")
    world.simpanan(a, day(3, 1), 500_000, kind="sukarela")
    world.sale(a, day(5, 10), 2_000_000, commission=200_000)
    world.sale(a, dt.date(2024, 12, 31), 999)                    # the year before
    world.sale(a, day(5, 11), 888, status=Order.Status.CANCELLED)
    world.sale(a, day(5, 12), 777, status=Order.Status.PLACED)  # never paid
    world.purchase(a, day(4, 1), 1_000_000, cost=50_000, fee=20_000)
    world.purchase(a, day(4, 2), 666, status=Round.Status.CLOSED)  # goods never came
    world.loan_interest(a, day(8, 1), 300_000, principal=1_000_000)
    world.asset_fee(a, day(9, 9), 150_000)
    world.asset_fee(a, day(9, 10), 80_000, released=True)

    b = world.member(coop, owner_name="Budi", joined=day(7, 1))
    world.simpanan(b, day(7, 1), 100_000)
    world.sale(b, day(8, 1), 500_000)

    c = world.member(coop, owner_name="Citra")
    world.simpanan(c, dt.date(2024, 1, 15), 100_000)
    world.simpanan(c, day(2, 1), 60_000, kind="wajib")
    world.sale(c, day(3, 3), 400_000)
    world.loan_interest(c, day(6, 15), 25_000)
    world.leave(c, day(6, 15))
    world.loan_interest(c, day(7, 1), 5_000)                     # after leaving

    applicant = world.member(coop, status=Member.Status.APPLICANT, number=None, joined=None)
    world.sale(applicant, day(3, 3), 10_000)
    gone = world.member(coop, owner_name="Eko")
    world.simpanan(gone, dt.date(2024, 2, 1), 100_000)
    world.leave(gone, dt.date(2024, 12, 1), status=Member.Status.EXPELLED)
    return a, b, c


def by_name(rows):
    return {r.name: r for r in rows}


@pytest.fixture
def members(coop, other_coop):
    a, b, c = build(coop)
    build(other_coop)  # the same year elsewhere: never counted here
    return a, b, c


def test_year_end_capital_and_every_kind_of_business(coop, members):
    rows = by_name(gather(coop, year=YEAR, policy=ShuPolicy(cooperative=coop)))
    assert set(rows) == {"Ani", "Budi"}   # Citra left (excluded by default), Eko before
    ani, budi = rows["Ani"], rows["Budi"]
    assert ani.capital == D(220_000)      # pokok and wajib, not sukarela
    assert ani.business == {"sales": D(2_000_000), "purchases": D(1_070_000),
                            "contracts": D(0), "loan_interest": D(300_000),
                            "asset_fees": D(150_000)}
    assert (budi.capital, budi.sales, budi.joined_on) == (D(100_000), D(500_000), day(7, 1))


def test_sukarela_counts_as_capital_when_the_policy_says_so(coop, members):
    policy = ShuPolicy(cooperative=coop, capital_includes_sukarela=True)
    assert by_name(gather(coop, year=YEAR, policy=policy))["Ani"].capital == D(720_000)


def test_monthly_average_counts_each_month_end_while_a_member(coop, members):
    policy = ShuPolicy(cooperative=coop, capital_basis=ShuPolicy.CapitalBasis.MONTHLY_AVERAGE,
                       exited_members=ShuPolicy.Exited.INCLUDE)
    rows = by_name(gather(coop, year=YEAR, policy=policy))
    # 100.000 for 12 month-ends, 120.000 more for June to December: 2.040.000 / 12.
    assert rows["Ani"].capital == D(170_000)
    assert rows["Budi"].capital == D(50_000)            # July to December
    assert rows["Citra"].capital == D("61666.67")       # January, February to May
    policy.capital_includes_sukarela = True               # + 500.000 March to December
    assert by_name(gather(coop, year=YEAR, policy=policy))["Ani"].capital == D("586666.67")


def test_a_member_who_left_counts_until_they_left_when_included(coop, members):
    policy = ShuPolicy(cooperative=coop, exited_members=ShuPolicy.Exited.INCLUDE)
    citra = by_name(gather(coop, year=YEAR, policy=policy))["Citra"]
    assert citra.capital == D(160_000)   # the balance the day before they left
    assert (citra.sales, citra.loan_interest) == (D(400_000), D(25_000))
    assert citra.left_on == day(6, 15) and citra.status == Member.Status.EXITED


def test_business_before_joining_does_not_count(coop, members):
    _a, budi, _c = members
    world.sale(budi, day(3, 1), 333)
    rows = by_name(gather(coop, year=YEAR, policy=ShuPolicy(cooperative=coop)))
    assert rows["Budi"].sales == D(500_000)


def test_a_member_who_leaves_after_the_year_counts_the_whole_year(coop, members):
    ani, _b, _c = members
    world.leave(ani, dt.date(YEAR + 1, 1, 10))
    rows = by_name(gather(coop, year=YEAR, policy=ShuPolicy(cooperative=coop)))
    assert rows["Ani"].capital == D(220_000) and rows["Ani"].sales == D(2_000_000)


def test_a_negative_balance_counts_nothing(coop):
    dewi = world.member(coop, owner_name="Dewi")
    world.simpanan(dewi, day(1, 5), 50_000, kind="wajib")
    world.simpanan(dewi, day(2, 5), -80_000, kind="wajib")
    rows = by_name(gather(coop, year=YEAR, policy=ShuPolicy(cooperative=coop)))
    assert rows["Dewi"].capital == D(0)


def test_contract_deliveries_are_the_accepted_goods_owed_to_each_member(coop, board):
    owed = world.contract_deliveries(coop, board, day(10, 1))
    rows = {r.member_id: r for r in gather(coop, year=YEAR, policy=ShuPolicy(cooperative=coop))}
    assert owed and all(v > 0 for v in owed.values())
    assert {m.pk: rows[m.pk].contracts for m in owed} == {m.pk: v for m, v in owed.items()}
    assert not gather(coop, year=YEAR - 1, policy=ShuPolicy(cooperative=coop)) or all(
        r.contracts == 0 for r in gather(coop, year=YEAR - 1, policy=ShuPolicy(cooperative=coop)))


def test_the_queries_do_not_grow_with_the_members(coop, members, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    policy = ShuPolicy(cooperative=coop, exited_members=ShuPolicy.Exited.INCLUDE)
    with CaptureQueriesContext(connection) as before:
        gather(coop, year=YEAR, policy=policy)
    for n in range(6):
        more = world.member(coop, owner_name=f"Baru {n}", joined=day(n + 2, 1))
        world.simpanan(more, day(n + 2, 1), 100_000)
        world.sale(more, day(n + 2, 2), 10_000)
        world.loan_interest(more, day(n + 2, 3), 1_000)
    with django_assert_max_num_queries(len(before.captured_queries)):
        rows = gather(coop, year=YEAR, policy=policy)
    assert len(rows) == 9
