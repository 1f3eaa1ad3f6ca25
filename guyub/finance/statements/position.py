"""Laporan Posisi Keuangan at 31 December and Laporan Perubahan Ekuitas.

SHU tahun berjalan is the shu_current account plus the income and expenses not yet
closed into it, so the statement balances whether or not the year has been closed
(a closing entry only moves figures between the two parts of that one line)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from guyub.ledger.chart import ASSET, EQUITY, EXPENSE, LIABILITY

from .books import COLUMNS, CURRENT, PREVIOUS, ZERO, AccountFigures, Books
from .layout import TOTAL, Part, Row, Statement, add, heading, item, total

# (line key, label, account roles). An account of its type that no line names (one a
# cooperative added, or a role added later) goes to the type's "other" line.
CURRENT_ASSETS = (
    ("kas-bank", _l("Kas dan bank"), ("cash", "bank")),
    ("piutang-usaha", _l("Piutang usaha"), ("receivable_members", "receivable_buyers")),
    ("piutang-pinjaman", _l("Piutang pinjaman anggota"), ("loans_receivable",)),
    ("persediaan", _l("Persediaan barang dagang"), ("inventory",)),
)
CURRENT_LIABILITIES = (
    ("utang-usaha", _l("Utang usaha"), ("payable_members", "payable_suppliers")),
    ("utang-pajak", _l("Utang pajak"), ("vat_payable",)),
    ("uang-muka", _l("Uang muka dan uang jaminan"), ("buyer_deposits", "asset_deposits")),
    ("simpanan-sukarela", _l("Simpanan sukarela"), ("simpanan_sukarela",)),
    ("shu-belum-dibayar", _l("Dana SHU yang belum dibagikan"), ("shu_payable",)),
)
FUNDS = (("dana-dana", _l("Dana-dana dari SHU"),
          ("social_fund", "fund_board", "fund_staff", "fund_education", "fund_area")),)
EQUITY_LINES = (
    ("simpanan-pokok", _l("Simpanan pokok"), ("simpanan_pokok",)),
    ("simpanan-wajib", _l("Simpanan wajib"), ("simpanan_wajib",)),
    ("cadangan", _l("Cadangan"), ("reserve",)),
)
SHU_ROLE = "shu_current"
CASH_ROLES = ("cash", "bank")


def _named(groups) -> set[str]:
    return {role for _key, _label, roles in groups for role in roles}


def other_accounts(books: Books, type_: str, named: set[str]) -> list[AccountFigures]:
    return [f for f in books.of_type(type_) if f.account.role not in named]


def _balance(figures: AccountFigures, period: int):
    return figures.balance(period)


def _lines(books: Books, groups) -> list[Row]:
    return [item(str(label), key, books.by_role(*roles), COLUMNS, _balance)
            for key, label, roles in groups]


def unclosed(figures: AccountFigures, through: int):
    """What an income (+) or expense (−) account adds to the SHU not yet closed."""
    amount = figures.balance(through) if through >= 0 else ZERO
    return -amount if figures.account.type == EXPENSE else amount


def shu_row(books: Books) -> Row:
    results = [f for f in books.accounts if f.is_result]
    extra = tuple(Part(_("Belum ditutup: %(account)s") % {"account": f.account},
                       tuple(unclosed(f, p) for p in COLUMNS), f.account) for f in results)
    return item(_("SHU tahun berjalan"), "shu", books.by_role(SHU_ROLE), COLUMNS, _balance,
                extra=extra)


def position(books: Books) -> Statement:
    current_assets = _lines(books, CURRENT_ASSETS)
    other_assets = item(_("Aset lain"), "aset-lain",
                        other_accounts(books, ASSET, _named(CURRENT_ASSETS)), COLUMNS, _balance)
    current_liabilities = _lines(books, CURRENT_LIABILITIES)
    long_liabilities = _lines(books, FUNDS) + [item(
        _("Kewajiban lain"), "kewajiban-lain",
        other_accounts(books, LIABILITY, _named(CURRENT_LIABILITIES + FUNDS)), COLUMNS,
        _balance)]
    equity = _lines(books, EQUITY_LINES) + [
        item(_("Ekuitas lain"), "ekuitas-lain",
             other_accounts(books, EQUITY, _named(EQUITY_LINES) | {SHU_ROLE}), COLUMNS,
             _balance),
        shu_row(books)]
    assets = [total(_("Jumlah aset lancar"), current_assets, "jumlah-aset-lancar"),
              total(_("Jumlah aset tidak lancar"), [other_assets])]
    liabilities = [total(_("Jumlah kewajiban jangka pendek"), current_liabilities,
                         "jumlah-kewajiban-lancar"),
                   total(_("Jumlah kewajiban jangka panjang"), long_liabilities)]
    all_liabilities = total(_("Jumlah kewajiban"), liabilities, "jumlah-kewajiban")
    all_equity = total(_("Jumlah ekuitas"), equity, "jumlah-ekuitas")
    all_assets = total(_("Jumlah aset"), assets, "jumlah-aset", TOTAL)
    both = total(_("Jumlah kewajiban dan ekuitas"), [all_liabilities, all_equity],
                 "jumlah-kewajiban-ekuitas", TOTAL)
    rows = [heading(_("Aset")), heading(_("Aset lancar")), *current_assets, assets[0],
            heading(_("Aset tidak lancar")), other_assets, assets[1], all_assets,
            heading(_("Kewajiban")), heading(_("Kewajiban jangka pendek")),
            *current_liabilities, liabilities[0],
            heading(_("Kewajiban jangka panjang dan dana-dana")), *long_liabilities,
            liabilities[1], all_liabilities,
            heading(_("Ekuitas")), *equity, all_equity, both]
    problems = tuple(
        _("Tahun %(year)s: jumlah aset tidak sama dengan jumlah kewajiban dan ekuitas.")
        % {"year": books.period_year(period)}
        for i, period in enumerate(COLUMNS) if all_assets.values[i] != both.values[i])
    return Statement("posisi-keuangan", _("Laporan Posisi Keuangan"), _year_columns(books),
                     COLUMNS, tuple(rows), problems)


def _year_columns(books: Books) -> tuple[str, ...]:
    return tuple(_("31 Desember %(year)s") % {"year": books.period_year(p)} for p in COLUMNS)


# --- Laporan Perubahan Ekuitas ------------------------------------------------------


def _account_change(figures: AccountFigures, period: int) -> tuple:
    """(opening, SHU of the year, additions, reductions, closing) of an equity account."""
    debit = credit = ZERO
    for closing in (False, True):
        d, c = figures.totals(period, closing)
        debit, credit = debit + d, credit + c
    return (figures.balance(period - 1), ZERO, credit, debit, figures.balance(period))


def _shu_parts(books: Books, period: int) -> tuple[Part, ...]:
    """SHU tahun berjalan: the shu_current account, whose closing lines are the year's
    SHU closed into it, and the income and expenses not yet closed."""
    parts = []
    for f in books.by_role(SHU_ROLE):
        debit, credit = f.totals(period)
        closed = f.flow(period, closing=True)
        parts.append(Part(str(f.account), (f.balance(period - 1), closed, credit, debit,
                                            f.balance(period)), f.account))
    results = [f for f in books.accounts if f.is_result]
    opening = sum((unclosed(f, period - 1) for f in results), ZERO)
    ending = sum((unclosed(f, period) for f in results), ZERO)
    parts.append(Part(_("Hasil usaha yang belum ditutup"),
                      (opening, ending - opening, ZERO, ZERO, ending)))
    return tuple(parts)


def equity_changes(books: Books) -> Statement:
    rows = []
    for period in (PREVIOUS, CURRENT):
        section = []
        for key, label, roles in EQUITY_LINES:
            section.append(_change_row(str(label), key, books.by_role(*roles), period))
        others = other_accounts(books, EQUITY, _named(EQUITY_LINES) | {SHU_ROLE})
        section.append(_change_row(_("Ekuitas lain"), "ekuitas-lain", others, period))
        parts = _shu_parts(books, period)
        section.append(Row(_("SHU tahun berjalan"), add(*(p.values for p in parts)), "shu",
                           parts=parts))
        rows += [heading(_("Tahun %(year)s") % {"year": books.period_year(period)}),
                 *section, total(_("Jumlah ekuitas"), section, width=5, style=TOTAL)]
    columns = (_("Saldo awal"), _("SHU tahun berjalan"), _("Penambahan"), _("Pengurangan"),
               _("Saldo akhir"))
    return Statement("perubahan-ekuitas", _("Laporan Perubahan Ekuitas"), columns, (),
                     tuple(rows))


def _change_row(label: str, key: str, figures: list[AccountFigures], period: int) -> Row:
    parts = tuple(Part(str(f.account), _account_change(f, period), f.account) for f in figures)
    values = add(*(p.values for p in parts)) if parts else (ZERO,) * 5
    return Row(label, values, key, parts=parts)
