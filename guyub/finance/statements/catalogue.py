"""The statements by their slug in the URL, in the order they are read."""

from django.utils.translation import gettext_lazy as _l

from .books import Books
from .cashflow import cash_flows
from .layout import Statement
from .position import equity_changes, position
from .profit import results_statement

NOTES = "catatan"
BUILDERS = {
    "posisi-keuangan": position,
    "hasil-usaha": results_statement,
    "perubahan-ekuitas": equity_changes,
    "arus-kas": cash_flows,
}
TITLES = {
    "posisi-keuangan": _l("Laporan Posisi Keuangan"),
    "hasil-usaha": _l("Laporan Hasil Usaha"),
    "perubahan-ekuitas": _l("Laporan Perubahan Ekuitas"),
    "arus-kas": _l("Laporan Arus Kas"),
    NOTES: _l("Catatan atas Laporan Keuangan"),
}


def build_all(books: Books) -> list[Statement]:
    return [build(books) for build in BUILDERS.values()]


def tabs() -> list[tuple[str, str]]:
    """(slug, title) of each statement page, for the pages' tabs."""
    return [(slug, str(title)) for slug, title in TITLES.items()]
