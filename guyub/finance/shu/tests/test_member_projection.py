"""Before the RAT the member sees their projection, from the SHU computation on the
books, with the numbers that make it up, labelled as a projection; never another
member's figures."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django_scopes import scope

from guyub.core.models import Cooperative
from guyub.core.money import format_rupiah
from guyub.finance.shu import compute
from guyub.finance.shu.rules import AllocationError
from guyub.ledger.services import Line, post_entry
from guyub.testing import finance as books
from guyub.testing.finance_members import YEAR, member_login

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def world(coop):
    Cooperative.objects.filter(pk=coop.pk).update(
        shu_reserve_pct=40, shu_capital_pct=25, shu_business_pct=35, shu_board_pct=0,
        shu_staff_pct=0, shu_education_pct=0, shu_social_pct=0, shu_area_pct=0)
    coop.refresh_from_db()
    ani, budi = member_login(coop, "Ani Lestari"), member_login(coop, "Budi Santoso")
    books.simpanan(ani, dt.date(YEAR, 2, 1), 6_000_000)
    books.simpanan(budi, dt.date(YEAR, 2, 1), 2_000_000)
    books.sale(ani, dt.date(YEAR, 3, 1), 7_000_000)
    books.sale(budi, dt.date(YEAR, 3, 1), 3_000_000)
    with scope(cooperative=coop):
        post_entry(cooperative=coop, date=dt.date(YEAR, 6, 30), description="Jasa anggota",
                   lines=[Line("cash", debit=D(8_000_000)),
                          Line("income_members", credit=D(8_000_000))])
        simulation = compute.simulate(coop, year=YEAR)
    return {"ani": ani, "budi": budi, "simulation": simulation}


def my_page(coop, member, query=""):
    client = Client()
    client.force_login(member.user)
    return client.get(f"/k/{coop.slug}/keuangan/shu-saya/{query}")


def test_the_projection_shows_the_members_own_numbers_labelled_as_such(coop, world):
    ani, budi = (world["simulation"].share_for(world[n].pk) for n in ("ani", "budi"))
    assert ani.capital == 6_000_000 and ani.jasa_modal > 0 and ani.jasa_usaha > 0

    text = my_page(coop, world["ani"]).content.decode()

    assert "Proyeksi" in text and "sebelum disahkan Rapat Anggota Tahunan" in text
    sim = world["simulation"]
    capital_portion = next(p.amount for p in sim.portions if p.key == "capital")
    assert (f"{format_rupiah(ani.capital)} ÷ {format_rupiah(sim.total_capital)} × "
            f"{format_rupiah(capital_portion)}") in text
    assert format_rupiah(ani.total) in text
    assert format_rupiah(budi.total) not in text and "Budi Santoso" not in text
    assert "Masukkan ke simpanan sukarela" not in text


def test_a_member_left_out_of_the_year_is_told_so(coop, world):
    carla = member_login(coop, "Carla Wulandari", join_date=dt.date(YEAR + 1, 1, 2))

    text = my_page(coop, carla).content.decode()
    assert "tidak termasuk anggota yang mendapat SHU" in text


def test_percentages_that_do_not_make_100_are_named_not_a_500(coop, world, monkeypatch):
    def refuse(cooperative, **options):
        raise AllocationError("105 %", total=D("105.00"))

    monkeypatch.setattr(compute, "simulate", refuse)
    response = my_page(coop, world["ani"])
    assert response.status_code == 200
    assert "105" in response.content.decode()


@pytest.fixture
def cached(settings):
    from django.core.cache import cache

    settings.SHU_PROJECTION_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_members_one_after_another_share_one_computation_until_the_split_changes(
        coop, world, cached, monkeypatch):
    calls = []
    simulate = compute.simulate

    def counted(cooperative, **options):
        calls.append(options["year"])
        return simulate(cooperative, **options)

    monkeypatch.setattr(compute, "simulate", counted)
    ani_total = format_rupiah(world["simulation"].share_for(world["ani"].pk).total)
    first = my_page(coop, world["ani"]).content.decode()
    second = my_page(coop, world["budi"]).content.decode()
    assert len(calls) == 1
    assert ani_total in first and 'id="computed-at"' in first and "Dihitung pada" in second

    # The board moves 10 points from the reserve to jasa modal: seen at once.
    Cooperative.objects.filter(pk=coop.pk).update(shu_reserve_pct=30, shu_capital_pct=35)
    third = my_page(coop, world["ani"]).content.decode()
    assert len(calls) == 2
    assert ani_total not in third
