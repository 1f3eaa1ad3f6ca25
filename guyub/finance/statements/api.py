"""/api/v1/cooperatives/<slug>/finance/statements/<year>: the year's statements with the
previous year beside it and the board's ratios, as the pages show them, for an
accounting application or the dinas' reporting. Read only (finance.view)."""

from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from guyub.core.api import ERRORS
from guyub.core.api_auth import api_access

from . import selectors
from .catalogue import build_all
from .position import position
from .profit import results_statement
from .ratios import ratios

router = Router(tags=["finance"])


class RowOut(Schema):
    label: str
    key: str
    style: str
    values: list[Decimal]


class StatementOut(Schema):
    key: str
    title: str
    columns: list[str]
    rows: list[RowOut]
    problems: list[str]


class RatioOut(Schema):
    key: str
    label: str
    percent: bool
    values: list[Decimal | None]


class StatementsOut(Schema):
    year: int
    previous: int
    statements: list[StatementOut]
    ratios: list[RatioOut]


def _statement(statement) -> dict:
    return {"key": statement.key, "title": str(statement.title),
            "columns": [str(c) for c in statement.columns],
            "rows": [{"label": str(r.label), "key": r.key, "style": r.style,
                      "values": list(r.values)} for r in statement.rows],
            "problems": [str(p) for p in statement.problems]}


@router.get("/{slug}/finance/statements/{year}", response={200: StatementsOut, **ERRORS})
def get_statements(request, slug: str, year: int):
    """The year's Laporan Posisi Keuangan, Hasil Usaha, Perubahan Ekuitas and Arus Kas
    (each row: the year's figure, then the previous year's; headings have none), and
    the ratios. 404 with the reason for a year the books do not have."""
    with api_access(request, slug, "finance.view") as access:
        if not selectors.EARLIEST <= year <= selectors.LATEST:
            raise HttpError(404, _("Tahun buku tidak dikenal."))
        refusal = selectors.year_refusal(access.cooperative, year)
        if refusal:
            raise HttpError(404, refusal)
        books = selectors.books_for(access.cooperative, year)
        return {"year": year, "previous": year - 1,
                "statements": [_statement(s) for s in build_all(books)],
                "ratios": [{"key": r.key, "label": str(r.label), "percent": r.percent,
                            "values": list(r.values)}
                           for r in ratios(position(books), results_statement(books))]}
