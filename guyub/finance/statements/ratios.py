"""The ratios the board reads, from the position statement and the year's SHU."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .layout import Statement


@dataclass(frozen=True)
class Ratio:
    key: str
    label: str
    explanation: str
    values: tuple[Decimal | None, ...]  # the year, the previous year; None: no divisor
    percent: bool = False


def _divide(top: Decimal, bottom: Decimal, percent: bool) -> Decimal | None:
    if not bottom:
        return None
    value = top / bottom * (100 if percent else 1)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ratios(position: Statement, results: Statement) -> list[Ratio]:
    figures = {k: position.row(k).values for k in (
        "jumlah-aset-lancar", "jumlah-kewajiban-lancar", "jumlah-aset", "jumlah-kewajiban",
        "jumlah-ekuitas")}
    shu = results.row("shu").values
    spec = [
        ("likuiditas", _("Likuiditas (rasio lancar)"),
         _("Aset lancar dibagi kewajiban jangka pendek: di atas 1 berarti utang jangka "
           "pendek tertutup oleh aset lancar."),
         "jumlah-aset-lancar", "jumlah-kewajiban-lancar", False),
        ("solvabilitas", _("Solvabilitas"),
         _("Jumlah aset dibagi jumlah kewajiban: di atas 1 berarti semua utang tertutup "
           "oleh aset."), "jumlah-aset", "jumlah-kewajiban", False),
        ("utang-ekuitas", _("Rasio utang terhadap ekuitas"),
         _("Jumlah kewajiban dibagi ekuitas: makin kecil, makin sedikit koperasi bergantung "
           "pada utang."), "jumlah-kewajiban", "jumlah-ekuitas", False),
        ("roa", _("Imbal hasil aset (ROA)"),
         _("SHU tahun berjalan dibagi jumlah aset: berapa SHU yang dihasilkan tiap rupiah "
           "aset."), "shu", "jumlah-aset", True),
        ("roe", _("Imbal hasil ekuitas (ROE)"),
         _("SHU tahun berjalan dibagi ekuitas: berapa SHU yang dihasilkan modal anggota "
           "dan cadangan."), "shu", "jumlah-ekuitas", True),
    ]
    out = []
    for key, label, explanation, top, bottom, percent in spec:
        tops = shu if top == "shu" else figures[top]
        out.append(Ratio(key, label, explanation,
                         tuple(_divide(t, b, percent) for t, b in zip(tops, figures[bottom],
                                                                      strict=True)),
                         percent))
    return out
