"""The board dashboard: the cooperative's figures for a period, as tables with their
charts. A fixed number of queries whatever the size of the cooperative (see
tests/test_board_queries.py)."""

from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guyub.catalog.models import Channel
from guyub.members.models import Member
from guyub.members.simpanan.models import SimpananKind

from . import charts, contracts, finance, governance, resources, sales, selectors, support
from .periods import Period
from .tables import COUNT, MONEY, TEXT, Table, by_month, month_labels, rupiah

MEMBER_TITLES = {"status": gettext_lazy("Anggota menurut status"),
                 "sector": gettext_lazy("Anggota aktif menurut sektor"),
                 "scale": gettext_lazy("Anggota aktif menurut skala usaha"),
                 "regency": gettext_lazy("Anggota aktif menurut kabupaten/kota")}
CHART_ROWS = 12


def _members_table(field: str) -> Table:
    title = str(MEMBER_TITLES[field])
    rows = selectors.members_by(field)
    table = Table(f"anggota-{field}", title,
                  [(_("Kelompok"), TEXT), (_("Anggota"), COUNT), (_("Tenaga kerja"), COUNT)],
                  [[r["label"], r["members"], r["workers"]] for r in rows],
                  [_("Jumlah"), sum(r["members"] for r in rows),
                   sum(r["workers"] for r in rows)])
    table.chart = charts.bars(title, [(r["label"], r["members"]) for r in rows[:CHART_ROWS]])
    return table


def _columns_table(key, title, months, series, *, total_column=True, total_row=True,
                   note="") -> Table:
    table = by_month(key, title, months, series, total_column=total_column,
                     total_row=total_row)
    table.chart = charts.columns(title, month_labels(months, short=True), series, fmt=rupiah)
    table.note = note
    return table


def _top_table(key, title, rows) -> Table:
    table = Table(key, title, [(_("Nama"), TEXT), (_("Keterangan"), TEXT),
                               (_("Jumlah barang"), COUNT), (_("Penjualan"), MONEY)],
                  [[r["label"], r["detail"], r["quantity"], r["sales"]] for r in rows])
    table.chart = charts.bars(title, [(r["label"], r["sales"]) for r in rows], fmt=rupiah)
    return table


def _receivables_table(cooperative, today) -> Table:
    title = _("Piutang kontrak pembeli menurut umur")
    rows = contracts.receivables_by_age(cooperative, today)
    table = Table("piutang-kontrak", title,
                  [(_("Umur"), TEXT), (_("Faktur"), COUNT), (_("Belum dibayar"), MONEY)],
                  [[r["label"], r["count"], r["amount"]] for r in rows],
                  [_("Jumlah"), sum(r["count"] for r in rows),
                   sum((r["amount"] for r in rows), Decimal(0))])
    table.chart = charts.bars(title, [(r["label"], r["amount"]) for r in rows], fmt=rupiah)
    table.note = _("Faktur kontrak yang belum dilunasi pembeli hari ini, menurut hari lewat "
                   "jatuh tempo.")
    return table


def _usage_table(period: Period) -> Table:
    title = _("Pemakaian aset bersama")
    rows = resources.usage_by_asset(period)
    table = Table("pemakaian-aset", title,
                  [(_("Aset"), TEXT), (_("Pemesanan"), COUNT), (_("Jam pakai"), TEXT),
                   (_("Biaya"), MONEY), (_("Porsi 3 anggota teratas (%)"), TEXT)],
                  [[r["asset"], r["bookings"], r["hours"], r["fees"], r["top3_pct"]]
                   for r in rows])
    table.chart = charts.bars(title, [(r["asset"], r["fees"]) for r in rows], fmt=rupiah)
    table.note = _("Porsi tinggi berarti beberapa anggota memakai sebagian besar jam aset.")
    return table


def _portfolio_table(cooperative, today) -> Table:
    title = _("Pinjaman anggota menurut kolektibilitas")
    rows = support.portfolio(cooperative, today)
    table = Table("pinjaman-kolektibilitas", title,
                  [(_("Kolektibilitas"), TEXT), (_("Pinjaman"), COUNT),
                   (_("Sisa pokok"), MONEY), (_("Tunggakan"), MONEY)],
                  [[str(r.label), r.loans, r.outstanding, r.arrears] for r in rows],
                  [_("Jumlah"), sum(r.loans for r in rows),
                   sum((r.outstanding for r in rows), Decimal(0)),
                   sum((r.arrears for r in rows), Decimal(0))])
    table.chart = charts.bars(title, [(str(r.label), r.outstanding) for r in rows],
                              fmt=rupiah)
    table.note = _("Pinjaman berjalan hari ini, menurut hari keterlambatan angsuran tertua.")
    return table


def _meetings_table(period: Period) -> Table:
    title = _("Rapat anggota dan kehadiran")
    rows = governance.meetings_held(period)
    table = Table("rapat-anggota", title,
                  [(_("Rapat"), TEXT), (_("Tanggal"), TEXT), (_("Daftar pemilih"), COUNT),
                   (_("Hadir langsung"), COUNT), (_("Hadir daring"), COUNT),
                   (_("Kuasa"), COUNT), (_("Keputusan"), COUNT)],
                  [[r["meeting"].title, date_format(r["date"], "j M Y"), r["register"],
                    r["room"], r["online"], r["proxies"], r["decisions"]] for r in rows])
    table.chart = charts.bars(title, [(r["meeting"].title, r["room"] + r["online"])
                                      for r in rows[:CHART_ROWS]])
    table.note = _("Rapat yang diadakan dalam periode ini. Hadir dihitung sekali per "
                   "anggota yang pernah masuk, langsung atau daring.")
    return table


def _result_table(cooperative, period: Period) -> Table:
    series = finance.board_series(cooperative, period)
    title = _("Hasil usaha per bulan")
    table = by_month("hasil-usaha", title, period.months, series, total_column=False)
    # The chart stacks the income only: expenses and the SHU stacked on it would read
    # as more income, and a month's deficit cannot be a column.
    table.chart = charts.columns(title, month_labels(period.months, short=True),
                                 dict(list(series.items())[:3]), fmt=rupiah)
    table.note = _("Dari buku besar, tanpa jurnal penutup. Pendapatan dari anggota dan "
                   "non-anggota dipisah seperti di Laporan Hasil Usaha; SHU dari non-anggota "
                   "tidak dibagikan kepada anggota.")
    return table


def board_tables(cooperative, period: Period) -> list[Table]:
    months = period.months
    names = dict(Channel.objects.values_list("id", "name"))
    sold = sales.sales_by_month(cooperative, period, names)
    saved = sales.savings_by_month(period)
    kinds = dict(SimpananKind.choices)
    simpanan = {str(kinds[k]): v for k, v in selectors.simpanan_over_time(period).items()}
    return [
        *[_members_table(field) for field in ("status", "sector", "scale", "regency")],
        _columns_table("penjualan-saluran", _("Penjualan per bulan menurut saluran"), months,
                       sold["channel"] or {_("Penjualan"): [Decimal(0)] * len(months)}),
        _columns_table("penjualan-jangkauan", _("Penjualan per bulan menurut jangkauan pasar"),
                       months, sold["reach"],
                       note=_("Lokal: kabupaten/kota koperasi; regional: provinsi yang sama; "
                              "nasional: provinsi lain; ekspor: luar negeri.")),
        _columns_table("hemat-beli-bersama",
                       _("Penghematan pembelian bersama per bulan pengambilan"), months,
                       {_("Harga eceran"): saved["retail"], _("Dibayar anggota"): saved["paid"],
                        _("Hemat"): saved["saved"]}, total_column=False),
        _columns_table("simpanan", _("Saldo simpanan di akhir bulan"), months, simpanan,
                       total_row=False),
        _columns_table("kontrak", _("Kontrak pembeli korporat per bulan"), months,
                       contracts.board_series(period), total_column=False,
                       note=_("Anggota dibayar sesuai anggaran dasar, tanpa menunggu "
                              "pembeli melunasi fakturnya.")),
        _receivables_table(cooperative, timezone.localdate()),
        _columns_table("sewa-aset", _("Pendapatan sewa aset bersama per bulan"), months,
                       resources.board_series(period),
                       note=_("Biaya pemesanan yang dipakai atau sedang dipakai, menurut "
                              "bulan mulai pemakaian.")),
        _usage_table(period),
        _portfolio_table(cooperative, timezone.localdate()),
        _columns_table("dana-sosial", _("Dana sosial: iuran dan bantuan per bulan"), months,
                       support.fund_series(period), total_column=False),
        _meetings_table(period),
        _result_table(cooperative, period),
        _top_table("produk-teratas", _("Produk terlaris"), sales.top_products(period)),
        _top_table("pembuat-teratas", _("Anggota dengan penjualan terbesar"),
                   sales.top_makers(period)),
    ]


def _change(now: Decimal, before: Decimal) -> Decimal | None:
    if not before:
        return None
    return ((now - before) * 100 / abs(before)).quantize(Decimal("0.1"))


def headline(cooperative, period: Period, previous: Period | None, tables) -> dict:
    """The figures at the top, with the previous period's when comparing."""
    by_key = {t.key: t for t in tables}
    sold = by_key["penjualan-saluran"].foot
    sales_total = sold[-1] if sold else Decimal(0)
    saved_total = by_key["hemat-beli-bersama"].foot[-1]
    active_label = str(Member.Status.ACTIVE.label)
    active = next((r[1] for r in by_key["anggota-status"].rows if r[0] == active_label), 0)
    figures = {"sales": sales_total, "saved": saved_total, "active": active,
               "workers": by_key["anggota-sector"].foot[2],
               "arrears": selectors.arrears_summary(cooperative, timezone.localdate())}
    if previous is not None:
        before_sales = sales.sales_total(previous)
        before_saved = sales.savings_by_month(previous)["total"]
        figures.update(before_sales=before_sales, before_saved=before_saved,
                       sales_change=_change(sales_total, before_sales),
                       saved_change=_change(saved_total, before_saved))
    return figures
