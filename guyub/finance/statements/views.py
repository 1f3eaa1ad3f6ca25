"""The finance home (the year's ratios and the way to each statement), each statement
with the previous year beside it, and a statement line's accounts. Read only: every
officer, the pengawas too, opens them (finance.view)."""

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from guyub.core.tenancy import coop_view

from . import notes, selectors
from .catalogue import BUILDERS, NOTES, TITLES, build_all, tabs
from .forms import YearForm
from .position import position
from .profit import results_statement
from .ratios import ratios


def checked_year(year: int) -> int:
    """A year outside the calendar the statements can show is not a page: 404."""
    if not selectors.EARLIEST <= year <= selectors.LATEST:
        raise Http404
    return year


def _base(request, year: int, **extra) -> dict:
    return {"year": year, "previous": year - 1, "tabs": tabs(),
            "years": selectors.years_offered(request.coop),
            "refusal": selectors.year_refusal(request.coop, year), **extra}


@require_safe
@coop_view("finance.view")
def home(request):
    years = selectors.years_offered(request.coop)
    form = YearForm(request.GET or None, years=years)
    year = form.year(default=years[0])
    context = _base(request, year, form=form)
    if not context["refusal"]:
        books = selectors.books_for(request.coop, year)
        context["ratios"] = ratios(position(books), results_statement(books))
    return render(request, "finance/statements/home.html", context)


@require_safe
@coop_view("finance.view")
def statement(request, year, statement):
    year = checked_year(year)
    if statement not in TITLES:
        raise Http404
    context = _base(request, year, slug=statement, title=TITLES[statement])
    if not context["refusal"]:
        books = selectors.books_for(request.coop, year)
        if statement == NOTES:
            context["policies"] = notes.policies(request.coop.name, year)
            context["notes"] = notes.detailed(build_all(books))
        else:
            context["statement"] = BUILDERS[statement](books)
    return render(request, "finance/statements/statement.html", context)


def ledger_periods(slug: str, year: int) -> list[tuple[int, str]]:
    """(year, the ledger's query) for each year's journal lines of a line's accounts:
    the lines up to 31 December for a balance, the year's lines for a movement."""
    out = []
    for each in (year, year - 1):
        end = dt.date(each, 12, 31).isoformat()
        query = f"end={end}" if slug == "posisi-keuangan" else \
            f"start={dt.date(each, 1, 1).isoformat()}&end={end}"
        out.append((each, query))
    return out


@require_safe
@coop_view("finance.view")
def statement_line(request, year, statement, line):
    year = checked_year(year)
    if statement not in BUILDERS:
        raise Http404
    context = _base(request, year, slug=statement, title=TITLES[statement])
    if not context["refusal"]:
        built = BUILDERS[statement](selectors.books_for(request.coop, year))
        found = [(heading, row) for heading, row in built.rows_for(line) if row.parts]
        if not found:
            raise Http404
        context.update(statement=built, found=found, line=found[0][1],
                       ledger_periods=ledger_periods(statement, year))
    return render(request, "finance/statements/line.html", context)

