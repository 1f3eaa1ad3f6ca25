"""The board dashboard's figures on a small cooperative known by hand; another
cooperative's records never count."""

import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope
from openpyxl import load_workbook

from guyub.members.simpanan.selectors import members_in_arrears
from guyub.reports.dashboards import periods, sales, selectors
from guyub.reports.dashboards.board import board_tables
from guyub.sales.summaries import services as summaries

from . import world

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["live", "summaries"])
def known(request, coop, board, other_coop, make_user):
    """Every figure twice: added up from the orders, and with the months before this one
    read from the monthly summaries (built by the periodic job)."""
    other_board = make_user(other_coop, "board")
    world.build(other_coop, other_board)  # the same again, elsewhere: must never count
    built = world.build(coop, board)
    if request.param == "summaries":
        with scope(cooperative=coop):
            summaries.refresh(coop)
    return built


def _page(board_client, coop, **query):
    response = board_client.get(reverse("reports:dashboard", args=[coop.slug]), query)
    assert response.status_code == 200
    return response


def _table(response, key):
    return next(t for t in response.context["tables"] if t.key == key)


def test_members_by_status_sector_scale_and_regency(board_client, coop, known):
    response = _page(board_client, coop)
    status = {r[0]: r[1] for r in _table(response, "anggota-status").rows}
    assert status == {"Aktif": 5, "Pemohon": 1, "Keluar": 1}
    sector = {r[0]: (r[1], r[2]) for r in _table(response, "anggota-sector").rows}
    assert sector == {"Kopi dan teh": (3, 12), "Batik dan tenun": (1, 10),
                      "Kerajinan": (1, 1)}
    scale = {r[0]: r[1] for r in _table(response, "anggota-scale").rows}
    assert scale == {"Mikro": 3, "Kecil": 1, "Menengah": 1}
    regency = {r[0]: r[1] for r in _table(response, "anggota-regency").rows}
    assert regency == {"Sleman": 2, "Bantul": 2, "Kulon Progo": 1}
    figures = response.context["figures"]
    assert (figures["active"], figures["workers"]) == (5, 23)


def test_sales_by_channel_and_reach_this_month(board_client, coop, known):
    response = _page(board_client, coop, periode="bulan-ini")
    channel = _table(response, "penjualan-saluran")
    assert [c for c, _k in channel.columns] == ["Bulan", "Langsung (tanpa saluran)",
                                                "Ekspor", "Jumlah"]
    assert channel.rows[0][1:] == [D(805_000), D(650_000), D(1_455_000)]
    reach = _table(response, "penjualan-jangkauan")
    assert dict(zip([c for c, _k in reach.columns][1:-1], reach.rows[0][1:-1],
                    strict=True)) == {"Lokal": D(130_000), "Regional": D(225_000),
                                      "Nasional": D(450_000), "Ekspor": D(650_000)}
    assert response.context["figures"]["sales"] == D(1_455_000)


def test_sales_fall_in_their_month_of_the_year(coop, known):
    period, _before = periods.resolve(periods.LAST_YEAR, timezone.localdate())
    with scope(cooperative=coop):
        sold = sales.sales_by_month(coop, period, {})
    june = [m.month for m in period.months].index(6)
    assert sold["total"] == D(900_000) and sold["reach"]["Regional"][june] == D(900_000)


def test_the_sales_agree_with_the_members_fulfilment_lines(coop, known):
    period, _before = periods.resolve(periods.THIS_YEAR, timezone.localdate())
    with scope(cooperative=coop):
        lines = sum((r["sales"] for r in sales.top_makers(period)), D(0))
        assert sales.sales_total(period) == lines == D(1_455_000)


def test_top_products_and_makers(board_client, coop, known):
    response = _page(board_client, coop, periode="bulan-ini")
    assert [(r[0], r[2], r[3]) for r in _table(response, "produk-teratas").rows] == [
        ("Kopi Arabika Merapi", 12, D(780_000)), ("Batik Cap Kawung", 3, D(675_000))]
    assert [r[0] for r in _table(response, "pembuat-teratas").rows] == ["Wulan", "Siti"]


def test_pooled_buying_savings(board_client, coop, known):
    response = _page(board_client, coop, periode="bulan-ini")
    assert _table(response, "hemat-beli-bersama").foot[1:] == [
        D(165_000), D(142_500), D(22_500)]
    assert response.context["figures"]["saved"] == D(22_500)


def test_simpanan_balances_at_each_months_end(board_client, coop, known):
    response = _page(board_client, coop, periode="bulan-ini")
    table = _table(response, "simpanan")
    assert table.rows[-1][1:] == [D(200_000), D(1_500_000), D(30_000), D(1_730_000)]
    this_year = _table(_page(board_client, coop), "simpanan")
    if len(this_year.rows) > 1:  # before this month: no wajib yet, no withdrawal
        assert this_year.rows[0][1:] == [D(200_000), D(0), D(50_000), D(250_000)]


def test_arrears_counted_by_the_members_apps_rule(board_client, coop, known):
    with scope(cooperative=coop):
        expected = members_in_arrears(timezone.localdate())
        summary = selectors.arrears_summary(coop, timezone.localdate())
    assert summary["members"] == len(expected) == 4  # all active but Wulan, who paid
    assert summary["amount"] == sum(amount for _m, _n, amount in expected)
    page = _page(board_client, coop).content.decode()
    assert "4 anggota menunggak simpanan wajib" in page


def test_certificates_expiring_within_sixty_days(board_client, coop, known):
    response = _page(board_client, coop)
    assert [c.number for c in response.context["certificates"]] == ["PIRT-wulan",
                                                                     "PIRT-siti"]


def test_work_queues_link_to_their_pages(board_client, coop, known):
    page = _page(board_client, coop).content.decode()
    # Paid and not shipped: this month's four and last year's one.
    assert "1 pesanan belum dibayar" in page and "5 pesanan dibayar belum dikirim" in page
    assert reverse("sales:orders", args=[coop.slug]) + "?status=placed" in page
    assert reverse("purchasing:rounds", args=[coop.slug]) in page
    assert reverse("tenders:list", args=[coop.slug]) in page


def test_charts_are_inline_svg_with_their_table(board_client, coop, known):
    page = _page(board_client, coop, periode="bulan-ini").content.decode()
    main = page.split("<main")[1]
    assert main.count('<svg class="dash-svg" viewBox="0 0 320') >= 8
    assert "<script" not in main
    svg = main.split('<svg class="dash-svg"')[1].split("</svg>")[0]
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert 'id="penjualan-saluran"' in main and "<caption" in main


def test_each_table_exports_to_excel(board_client, coop, known):
    response = _page(board_client, coop, periode="bulan-ini", tabel="penjualan-jangkauan")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Bulan", "Lokal", "Regional", "Nasional", "Ekspor", "Jumlah")
    assert rows[-1] == ("Jumlah", 130_000, 225_000, 450_000, 650_000, 1_455_000)
    missing = board_client.get(reverse("reports:dashboard", args=[coop.slug]),
                               {"tabel": "tidak-ada"})
    assert missing.status_code == 404


def test_the_comparison_shows_the_previous_period(board_client, coop, known):
    response = _page(board_client, coop, periode="tahun-lalu", banding="ya")
    figures = response.context["figures"]
    assert figures["sales"] == D(900_000) and figures["before_sales"] == D(0)
    assert response.context["previous"].start.year == timezone.localdate().year - 2
    assert 'id="fig-sales-before"' in response.content.decode()


@pytest.mark.parametrize("value", ["kemarin", "2025", "<script>"])
def test_an_unknown_period_is_explained_in_indonesian(board_client, coop, value):
    response = _page(board_client, coop, periode=value)
    page = response.content.decode()
    assert "tidak dikenal. Pilih bulan ini, tahun ini, atau tahun lalu." in page
    assert response.context["choice"] == periods.DEFAULT
    assert "<script>" not in page.split("<main")[1]


@pytest.mark.parametrize("summarised", [False, True])
def test_the_board_tables_build_from_a_fixed_number_of_queries(
        coop, board, django_assert_max_num_queries, summarised):
    period, _before = periods.resolve(periods.THIS_YEAR, timezone.localdate())
    counts = []
    for _round in range(2):  # the second time with twice the records
        world.sales(coop, board, world.members(coop))
        if summarised:
            with scope(cooperative=coop):
                summaries.refresh(coop)
        # 29: the shared-resource tables (3), the loan portfolio (2) and the fund (2) add 7;
        # 34: the members' meetings (5).
        with scope(cooperative=coop), django_assert_max_num_queries(34) as captured:
            board_tables(coop, period)
        counts.append(len(captured))
    assert counts[0] == counts[1]
