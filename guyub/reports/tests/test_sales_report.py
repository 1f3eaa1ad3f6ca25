"""Sales reports: by member, product, channel, buyer region and month, for a period; a
server-drawn chart, an Excel export; members see only their own; one GROUP BY each."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope
from openpyxl import load_workbook

from guyub.catalog.models import Channel
from guyub.core.roles import Role
from guyub.reports import selectors
from guyub.reports.selectors import month_start
from guyub.sales.orders import services as ordering
from guyub.sales.tests.fulfilment_helpers import category, local, order, product
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    end = timezone.localdate()
    return month_start(end, 2), end


@pytest.fixture
def makers(coop, make_user):
    return {"wulan": MemberFactory(cooperative=coop, owner_name="Wulan Puspitasari",
                                   user=make_user(coop, Role.MEMBER)),
            "siti": MemberFactory(cooperative=coop, owner_name="Siti Rahayu")}


@pytest.fixture
def shop(coop, board, makers, period):
    """Sales in this month and two months ago, local and abroad, plus one sale before the
    period, an unpaid order and a cancelled one (neither counts)."""
    start, end = period
    batik = category(coop, "Batik", commission_pct=Decimal(15))
    kopi = product(coop, makers["wulan"], "Kopi Arabika Merapi 250 g", price=65_000)
    kain = product(coop, makers["siti"], "Batik Cap Kawung", price=225_000, cat=batik)
    with scope(cooperative=coop):
        ekspor = Channel.objects.get(code="ekspor")
    this_month = month_start(end)
    order(coop, [(kopi, 4), (kain, 1)], paid_at=local(start, 9))  # 260.000 + 225.000
    order(coop, [(kain, 2)], paid_at=local(this_month, 11), city="Kota Surabaya",
          province="35")  # 450.000
    order(coop, [(kopi, 10)], paid_at=local(end, 23, 30), country="JP", province="",
          city="Osaka", channel=ekspor)  # 650.000, paid late on the last day: counts
    order(coop, [(kopi, 1)], paid_at=local(start - dt.timedelta(days=1)))  # before
    order(coop, [(kopi, 3)], paid=False)
    cancelled = order(coop, [(kain, 5)], paid_at=local(this_month, 12))
    with scope(cooperative=coop):
        ordering.cancel_order(order=cancelled, actor=board, reason="Batal")
    return {"kopi": kopi, "kain": kain}


def _q(period, **extra):
    return {"start": period[0].isoformat(), "end": period[1].isoformat(), **extra}


def _rows(by, period, member=None, coop=None):
    start, end = period
    with scope(cooperative=coop):
        return selectors.breakdown(by, start=start, end=end, member=member)


def test_every_breakdown_adds_up_to_the_same_total(coop, shop, period):
    for by in selectors.BREAKDOWNS:
        rows = _rows(by, period, coop=coop)
        assert sum(r.sales for r in rows) == Decimal(1_585_000), by
        assert sum(r.commission for r in rows) == Decimal(26_000 + 33_750 + 67_500 + 65_000), by
        assert sum(r.quantity for r in rows) == 17, by


def test_sales_by_member_show_what_each_earned(coop, shop, makers, period):
    rows = {r.label: (r.sales, r.commission, r.earning, r.orders)
            for r in _rows("member", period, coop=coop)}
    assert rows == {
        "Wulan Puspitasari": (Decimal(910_000), Decimal(91_000), Decimal(819_000), 2),
        "Siti Rahayu": (Decimal(675_000), Decimal(101_250), Decimal(573_750), 2),
    }


def test_region_channel_and_month_are_labelled_for_people(coop, shop, period):
    regions = {r.label: r.sales for r in _rows("region", period, coop=coop)}
    assert regions == {"Jepang": Decimal(650_000), "DI Yogyakarta": Decimal(485_000),
                       "Jawa Timur": Decimal(450_000)}
    channels = {r.label: r.sales for r in _rows("channel", period, coop=coop)}
    assert channels == {"Ekspor": Decimal(650_000), "Langsung (tanpa saluran)": Decimal(935_000)}
    months = _rows("month", period, coop=coop)
    # Every month of the period has a row, even one without sales.
    assert [r.key for r in months] == [month_start(period[1], n) for n in (2, 1, 0)]
    assert [r.sales for r in months] == [Decimal(485_000), Decimal(0), Decimal(1_100_000)]
    assert months[1].bar == 0 and months[2].bar == 100


def test_each_breakdown_is_one_query_however_many_rows(coop, makers, period):
    counts = []
    for n in (1, 12):
        for i in range(n):
            item = product(coop, makers["siti"], f"Produk {n}-{i}", price=10_000)
            order(coop, [(item, 1)], city=f"Kota {i}", province="34")
        with scope(cooperative=coop):
            for by in selectors.BREAKDOWNS:
                with CaptureQueriesContext(connection) as queries:
                    rows = selectors.breakdown(by, start=period[0], end=period[1])
                assert rows
                counts.append(len(queries))
    assert set(counts) == {1}


def test_the_page_draws_the_chart_on_the_server(board_client, coop, shop, period):
    response = board_client.get(reverse("reports:sales", args=[coop.slug]),
                                _q(period, by="product"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<svg class="bars"' in page and "<script" not in page.split("<main")[1]
    assert 'class="bar-fill"' in page and 'width="100%"' in page
    assert "Kopi Arabika Merapi 250 g" in page and "Rp1.585.000" in page
    assert "http" not in page.split('<svg class="bars"')[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", "")


def test_the_export_is_the_breakdown_with_its_total(board_client, coop, shop, period):
    response = board_client.get(reverse("reports:sales", args=[coop.slug]),
                                _q(period, by="member", format="xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Anggota" and rows[0][4] == "Penjualan (Rp)"
    assert {r[0]: r[4] for r in rows[1:-1]} == {"Wulan Puspitasari": 910_000,
                                                 "Siti Rahayu": 675_000}
    assert rows[-1][0] == "Jumlah" and rows[-1][4] == 1_585_000 and rows[-1][6] == 1_392_750


def test_a_member_sees_only_their_own_sales(client, coop, shop, makers, period):
    client.force_login(makers["wulan"].user)
    response = client.get(reverse("reports:my_sales", args=[coop.slug]),
                          _q(period, by="product"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kopi Arabika Merapi 250 g" in page and "Batik Cap Kawung" not in page
    assert response.context["totals"].earning == Decimal(819_000)
    assert 'id="total-earning">Rp819.000<' in page
    # No breakdown by member, and no way into the cooperative-wide report.
    assert [key for key, _label, _q in response.context["tabs"]] == [
        "product", "channel", "region", "month"]
    assert client.get(reverse("reports:sales", args=[coop.slug])).status_code == 403
    export = client.get(reverse("reports:my_sales", args=[coop.slug]),
                        {"by": "member", "format": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/html")


def test_a_members_export_holds_only_their_sales(client, coop, shop, makers, period):
    client.force_login(makers["wulan"].user)
    response = client.get(reverse("reports:my_sales", args=[coop.slug]),
                          _q(period, by="region", format="xlsx"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[-1][4] == 910_000


@pytest.mark.parametrize("query, field, message", [
    ({"start": "2026-05-10", "end": "2026-05-01"}, "end",
     "Tanggal akhir harus sesudah tanggal awal."),
    ({"start": "kemarin"}, "start", "Masukkan tanggal yang valid."),
    ({"start": "2010-01-01"}, "start", "Periode laporan paling panjang lima tahun."),
    ({"by": "pemasok"}, "by", None),
    ({"start": "2026-05-10", "end": "2026-05-01", "format": "xlsx"}, "end", None),
])
def test_a_wrong_period_is_explained_not_reported(board_client, coop, shop, query, field,
                                                  message):
    response = board_client.get(reverse("reports:sales", args=[coop.slug]), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    errors = response.context["form"].errors[field]
    assert message is None or message in errors
    assert response.context["rows"] == []
    page = response.content.decode()
    assert errors[0] in page


def test_without_a_period_the_last_twelve_months_are_shown(board_client, coop, shop):
    response = board_client.get(reverse("reports:sales", args=[coop.slug]))
    today = timezone.localdate()
    assert (response.context["start"], response.context["end"]) == (month_start(today, 11),
                                                                     today)
    assert f'value="{today.isoformat()}"' in response.content.decode()
    assert len(response.context["chart"]) >= 2  # members with sales
