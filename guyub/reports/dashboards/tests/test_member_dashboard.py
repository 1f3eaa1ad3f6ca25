"""The member dashboard shows the signed-in member's own figures only."""

import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook

from guyub.core.roles import Role
from guyub.members.models import Member
from guyub.purchasing.models import RoundPayment
from guyub.testing.purchase_rounds import make_round

from . import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def wulan_client(client, coop, board, make_user, other_coop):
    world.build(other_coop, make_user(other_coop, "board"))
    known = world.build(coop, board)
    wulan = known["makers"]["wulan"]
    user = make_user(coop, Role.MEMBER)
    with scope(cooperative=coop):
        Member.objects.filter(pk=wulan.pk).update(user=user)
        RoundPayment.objects.create(cooperative=coop, round=known["round"], member=wulan,
                                    amount=D(50_000), method="cash")
    make_round(coop, title="Gula aren bersama")  # open now, closing in two days
    client.force_login(user)
    return client


def _page(client, coop, **query):
    response = client.get(reverse("reports:my_dashboard", args=[coop.slug]), query)
    assert response.status_code == 200
    return response


def test_my_sales_savings_and_simpanan_are_mine_only(wulan_client, coop):
    response = _page(wulan_client, coop, periode="bulan-ini")
    tables = {t.key: t for t in response.context["tables"]}
    # Wulan's coffee only (12 × Rp65.000), not Siti's batik.
    assert response.context["sales"] == D(780_000)
    assert tables["penjualan-saya"].foot[1] == D(780_000)
    # Her share of the round: 10 kg, Rp110.000 retail against Rp95.000 paid.
    assert tables["hemat-saya"].foot[1:] == [D(110_000), D(95_000), D(15_000)]
    assert response.context["balances"]["wajib"] == D(1_500_000)
    assert response.context["arrears_months"] == 0
    assert 'id="my-wajib">Rp1.500.000<' in response.content.decode()


def test_my_open_bills_deliveries_and_deadlines(wulan_client, coop):
    response = _page(wulan_client, coop)
    bills = response.context["bills"]
    assert [(b["total"], b["due"]) for b in bills] == [(D(95_000), D(45_000))]
    texts = [d["text"] for d in response.context["deadlines"]]
    assert any("PIRT-wulan" in t for t in texts)
    assert not any("PIRT-siti" in t for t in texts)
    assert any("Gula aren bersama" in t for t in texts)  # the open round closing
    assert any(t.startswith("Setor 2 × Kopi Arabika Merapi") for t in texts)
    assert response.context["to_deliver"] == 2  # her two paid orders this month
    page = response.content.decode()
    assert "Siti" not in page.split("<main")[1]


def test_my_export_holds_only_my_sales(wulan_client, coop):
    response = _page(wulan_client, coop, periode="bulan-ini", tabel="penjualan-saya")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Bulan", "Penjualan", "Hasil untuk saya")
    assert rows[-1][1] == 780_000


def test_an_officer_without_membership_is_refused(board_client, coop):
    response = board_client.get(reverse("reports:my_dashboard", args=[coop.slug]))
    assert response.status_code == 403


def test_the_dashboards_are_linked_from_home_and_portal(wulan_client, board, coop):
    home = wulan_client.get(reverse("core:dashboard", args=[coop.slug])).content.decode()
    mine = reverse("reports:my_dashboard", args=[coop.slug])
    assert f'href="{mine}" id="home-my-dashboard"' in home
    portal = wulan_client.get(reverse("members:portal", args=[coop.slug])).content.decode()
    assert f'href="{mine}" id="portal-dashboard"' in portal
    wulan_client.force_login(board)
    board_home = wulan_client.get(reverse("core:dashboard", args=[coop.slug])).content.decode()
    assert reverse("reports:dashboard", args=[coop.slug]) in board_home


def test_the_dashboard_speaks_english(wulan_client, coop, settings):
    wulan_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = wulan_client.get(reverse("reports:my_dashboard", args=[coop.slug]))
    page = response.content.decode()
    assert "My dashboard" in page and "Upcoming deadlines" in page


def test_goods_not_brought_by_their_day_show_as_late(wulan_client, coop):
    import datetime as dt

    from django.utils import timezone

    from guyub.reports.dashboards.mine import deadlines

    with scope(cooperative=coop):
        wulan = Member.objects.get(owner_name="Wulan")
    later = timezone.localdate() + dt.timedelta(days=30)
    with scope(cooperative=coop):
        items = deadlines(wulan, later)
    deliveries = [d for d in items if d["kind"] == "delivery"]
    assert deliveries and all(d["late"] for d in deliveries)
    with scope(cooperative=coop):
        assert not any(d["late"] for d in deadlines(wulan, timezone.localdate()))
    assert "terlambat" not in _page(wulan_client, coop).content.decode()
