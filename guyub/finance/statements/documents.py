"""The year's statements and notes as one PDF (WeasyPrint) and as one workbook."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guyub.core.exports import XLSX
from guyub.core.tenancy import coop_view
from guyub.members.pdf import pdf_response

from . import notes, selectors
from .catalogue import build_all, tabs
from .exports import workbook_bytes
from .views import checked_year

TEMPLATE = "finance/statements/pdf/statements.html"


def _refused(request, year: int, refusal: str):
    return render(request, "finance/statements/statement.html", {
        "year": year, "previous": year - 1, "refusal": refusal,
        "years": selectors.years_offered(request.coop), "title": _("Laporan keuangan"),
        "tabs": tabs()})


def pdf_context(cooperative, year: int) -> dict:
    statements = build_all(selectors.books_for(cooperative, year))
    return {"coop": cooperative, "year": year, "statements": statements,
            "policies": notes.policies(cooperative.name, year),
            "notes": notes.detailed(statements)}


@require_safe
@coop_view("finance.view")
def statements_pdf(request, year):
    year = checked_year(year)
    refusal = selectors.year_refusal(request.coop, year)
    if refusal:
        return _refused(request, year, refusal)
    return pdf_response(TEMPLATE, pdf_context(request.coop, year),
                        filename=f"laporan-keuangan-{year}.pdf", request=request)


@require_safe
@coop_view("finance.view")
def statements_xlsx(request, year):
    year = checked_year(year)
    refusal = selectors.year_refusal(request.coop, year)
    if refusal:
        return _refused(request, year, refusal)
    statements = build_all(selectors.books_for(request.coop, year))
    response = HttpResponse(workbook_bytes(statements, request.coop.name), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="laporan-keuangan-{year}.xlsx"'
    return response
