"""Before the RAT the member sees their projection, from the SHU computation, with the
numbers that make it up, labelled as a projection; never another member's figures."""

import sys
import types
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from guyub.finance.shu.rules import AllocationError
from guyub.testing.finance_members import YEAR, member_login

pytestmark = pytest.mark.django_db
D = Decimal


@dataclass
class Row:
    member_id: int
    capital: Decimal
    sales: Decimal
    purchases: Decimal
    contracts: Decimal
    loan_interest: Decimal
    asset_fees: Decimal
    business: Decimal
    jasa_modal: Decimal
    jasa_usaha: Decimal


@dataclass
class Portion:
    key: str
    name: str
    percent: Decimal
    amount: Decimal


@dataclass
class Result:
    member_surplus: Decimal


class Simulation:
    """compute.simulate's answer as the SHU computation describes it (its fields)."""

    def __init__(self, year, rows):
        self.year, self.rows = year, {r.member_id: r for r in rows}
        self.result = Result(D(8_000_000))
        self.portions = [Portion("reserve", "Dana cadangan", D(40), D(3_200_000)),
                         Portion("capital", "Jasa modal anggota", D(25), D(2_000_000)),
                         Portion("business", "Jasa usaha anggota", D(35), D(2_800_000))]
        self.total_capital = D(8_000_000)
        self.total_business = D(14_000_000)

    def share_for(self, member_id):
        return self.rows.get(member_id)


@pytest.fixture
def world(coop, monkeypatch):
    ani, budi = member_login(coop, "Ani Lestari"), member_login(coop, "Budi Santoso")
    rows = [Row(ani.pk, D(6_000_000), D(7_000_000), D(0), D(3_000_000), D(0), D(0),
                D(10_000_000), D(1_500_000), D(2_000_000)),
            Row(budi.pk, D(2_000_000), D(4_000_000), D(0), D(0), D(0), D(0),
                D(4_000_000), D(500_000), D(800_000))]
    calls = []

    def simulate(cooperative, *, year, **options):
        calls.append((cooperative.pk, year))
        return Simulation(year, rows)

    fake = types.ModuleType("guyub.finance.shu.compute")
    fake.simulate = simulate
    monkeypatch.setitem(sys.modules, "guyub.finance.shu.compute", fake)
    import guyub.finance.shu as package
    monkeypatch.setattr(package, "compute", fake, raising=False)
    return {"ani": ani, "budi": budi, "calls": calls, "fake": fake}


def my_page(coop, member, query=""):
    client = Client()
    client.force_login(member.user)
    return client.get(f"/k/{coop.slug}/keuangan/shu-saya/{query}")


def test_the_projection_shows_the_members_own_numbers_labelled_as_such(coop, world):
    response = my_page(coop, world["ani"])

    text = response.content.decode()
    assert response.status_code == 200
    assert "Proyeksi" in text and "sebelum disahkan Rapat Anggota Tahunan" in text
    assert world["calls"] == [(coop.pk, YEAR)]
    assert "Rp6.000.000 ÷ Rp8.000.000 × Rp2.000.000" in text
    assert "Rp10.000.000 ÷ Rp14.000.000 × Rp2.800.000" in text
    assert "Rp3.500.000" in text  # 1.500.000 + 2.000.000
    # Budi's figures are not on Ani's page.
    assert "Rp1.300.000" not in text and "Rp500.000" not in text
    assert "Masukkan ke simpanan sukarela" not in text


def test_a_member_left_out_of_the_year_is_told_so(coop, world):
    carla = member_login(coop, "Carla Wulandari")

    text = my_page(coop, carla, f"?tahun={YEAR - 1}").content.decode()
    assert "tidak termasuk anggota yang mendapat SHU" in text
    assert world["calls"] == [(coop.pk, YEAR - 1)]


def test_percentages_that_do_not_make_100_are_named_not_a_500(coop, world):
    def refuse(cooperative, *, year, **options):
        raise AllocationError("105 %", total=D("105.00"))

    world["fake"].simulate = refuse
    response = my_page(coop, world["ani"])
    assert response.status_code == 200
    assert "105" in response.content.decode()
