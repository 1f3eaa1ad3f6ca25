"""Laporan Arus Kas, indirect method: the year's SHU plus what the year's lines on every
other account did to cash (a credit brings money in, a debit takes it out). Since every
regular entry balances, the sections add up to the change in cash and bank; the
statement checks that they do (a closing entry never touches cash)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from guyub.ledger.chart import ASSET, EQUITY, LIABILITY

from .books import COLUMNS, ZERO, AccountFigures, Books
from .layout import NOTE, TOTAL, Row, Statement, heading, item, total
from .position import CASH_ROLES, SHU_ROLE
from .profit import surplus_parts, year_results

OPERATING = (
    ("piutang-usaha", _l("Perubahan piutang usaha"), ("receivable_members", "receivable_buyers")),
    ("persediaan", _l("Perubahan persediaan"), ("inventory",)),
    ("utang-usaha", _l("Perubahan utang usaha"), ("payable_members", "payable_suppliers")),
    ("utang-pajak-uang-muka", _l("Perubahan utang pajak, uang muka dan uang jaminan"),
     ("vat_payable", "buyer_deposits", "asset_deposits")),
)
INVESTING = (("pinjaman-anggota", _l("Pinjaman kepada anggota (bersih)"), ("loans_receivable",)),)
FINANCING = (
    ("simpanan-pokok-wajib", _l("Simpanan pokok dan wajib"),
     ("simpanan_pokok", "simpanan_wajib")),
    ("simpanan-sukarela", _l("Simpanan sukarela"), ("simpanan_sukarela",)),
    ("shu-dana", _l("SHU dibagikan, cadangan dan dana-dana"),
     (SHU_ROLE, "reserve", "shu_payable", "social_fund", "fund_board", "fund_staff",
      "fund_education", "fund_area")),
)


def _effect(figures: AccountFigures, period: int):
    return figures.cash_effect(period)


def _lines(books: Books, groups) -> list[Row]:
    return [item(str(label), key, books.by_role(*roles), COLUMNS, _effect)
            for key, label, roles in groups]


def _rest(books: Books, types: tuple[str, ...]) -> list[AccountFigures]:
    named = {r for groups in (OPERATING, INVESTING, FINANCING) for _k, _l_, roles in groups
             for r in roles} | set(CASH_ROLES)
    return [f for f in books.of_type(*types) if f.account.role not in named]


def _surplus_row(books: Books) -> Row:
    results = year_results(books)
    return Row(_("SHU tahun berjalan"), tuple(results[p].surplus for p in COLUMNS), "shu",
               parts=surplus_parts(books))


def cash_flows(books: Books) -> Statement:
    operating = [_surplus_row(books), *_lines(books, OPERATING)]
    investing = [*_lines(books, INVESTING),
                 item(_("Aset lain"), "aset-lain", _rest(books, (ASSET,)), COLUMNS, _effect)]
    financing = [*_lines(books, FINANCING),
                 item(_("Kewajiban dan ekuitas lain"), "lain",
                      _rest(books, (LIABILITY, EQUITY)), COLUMNS, _effect)]
    sections = [total(_("Arus kas bersih dari aktivitas operasi"), operating, "operasi"),
                total(_("Arus kas bersih dari aktivitas investasi"), investing, "investasi"),
                total(_("Arus kas bersih dari aktivitas pendanaan"), financing, "pendanaan")]
    net = total(_("Kenaikan (penurunan) kas dan bank"), sections, "kenaikan-kas", TOTAL)
    cash = books.by_role(*CASH_ROLES)
    opening = tuple(sum((f.balance(p - 1) for f in cash), ZERO) for p in COLUMNS)
    ending = tuple(sum((f.balance(p) for f in cash), ZERO) for p in COLUMNS)
    rows = [heading(_("Arus kas dari aktivitas operasi")), *operating, sections[0],
            heading(_("Arus kas dari aktivitas investasi")), *investing, sections[1],
            heading(_("Arus kas dari aktivitas pendanaan")), *financing, sections[2],
            net,
            Row(_("Kas dan bank awal tahun"), opening, "kas-awal", NOTE),
            Row(_("Kas dan bank akhir tahun"), ending, "kas-akhir", NOTE)]
    problems = tuple(
        _("Tahun %(year)s: kenaikan kas menurut arus kas tidak sama dengan perubahan saldo "
          "kas dan bank.") % {"year": books.period_year(p)}
        for i, p in enumerate(COLUMNS) if opening[i] + net.values[i] != ending[i])
    columns = tuple(_("Tahun %(year)s") % {"year": books.period_year(p)} for p in COLUMNS)
    return Statement("arus-kas", _("Laporan Arus Kas"), columns, COLUMNS, tuple(rows), problems)
