"""Laporan Hasil Usaha (perhitungan hasil usaha): participation income from members and
income from non-members apart (SAK EP for cooperatives), other income, the expenses and
the year's SHU with its member and non-member parts. Closing lines are left out: the
figures are what the year earned, closed or not. The split and the grouping of income
are `results.result_of`'s, the same the SHU is computed from."""

from django.utils.translation import gettext as _

from guyub.ledger.chart import EXPENSE, INCOME

from .books import COLUMNS, AccountFigures, Books
from .layout import NOTE, TOTAL, Part, Row, Statement, heading, item, total
from .results import MEMBER_INCOME, NON_MEMBER_INCOME, YearResult, result_of


def _flow(figures: AccountFigures, period: int):
    return figures.flow(period)


def surplus_parts(books: Books) -> tuple[Part, ...]:
    """The SHU as its accounts: each income (+) and expense (−) of each column's year."""
    return tuple(
        Part(str(f.account), tuple(-f.flow(p) if f.account.type == EXPENSE else f.flow(p)
                                   for p in COLUMNS), f.account)
        for f in books.accounts if f.is_result)


def year_results(books: Books) -> dict[int, YearResult]:
    """The result of each column's period, keyed by period."""
    return {p: result_of(books.period_year(p), books.result_sums(p)) for p in COLUMNS}


def results_statement(books: Books) -> Statement:
    income = books.of_type(INCOME)
    expenses = books.of_type(EXPENSE)
    named = set(MEMBER_INCOME) | set(NON_MEMBER_INCOME)
    income_rows = [
        item(_("Pendapatan partisipasi anggota"), "partisipasi-anggota",
             [f for f in income if f.account.role in MEMBER_INCOME], COLUMNS, _flow),
        item(_("Pendapatan dari non-anggota"), "non-anggota",
             [f for f in income if f.account.role in NON_MEMBER_INCOME], COLUMNS, _flow),
        item(_("Pendapatan lain-lain"), "pendapatan-lain",
             [f for f in income if f.account.role not in named], COLUMNS, _flow),
    ]
    expense_rows = [
        item(_("Harga pokok penjualan"), "hpp",
             [f for f in expenses if f.account.role == "cost_of_sales"], COLUMNS, _flow),
        item(_("Beban usaha, umum dan administrasi"), "beban",
             [f for f in expenses if f.account.role != "cost_of_sales"], COLUMNS, _flow),
    ]
    results = year_results(books)
    all_income = total(_("Jumlah pendapatan"), income_rows, "jumlah-pendapatan")
    all_expenses = total(_("Jumlah beban"), expense_rows, "jumlah-beban")
    rows = [
        heading(_("Pendapatan")), *income_rows, all_income,
        heading(_("Beban")), *expense_rows, all_expenses,
        Row(_("SHU tahun berjalan"), tuple(results[p].surplus for p in COLUMNS), "shu", TOTAL,
            surplus_parts(books)),
        Row(_("SHU bagian anggota (dibagikan menurut anggaran dasar)"),
            tuple(results[p].member_surplus for p in COLUMNS), "shu-anggota", NOTE),
        Row(_("SHU bagian non-anggota (tidak dibagikan kepada anggota)"),
            tuple(results[p].non_member_surplus for p in COLUMNS), "shu-non-anggota", NOTE),
    ]
    columns = tuple(_("Tahun %(year)s") % {"year": books.period_year(p)} for p in COLUMNS)
    return Statement("hasil-usaha", _("Laporan Hasil Usaha"), columns, COLUMNS, tuple(rows))
