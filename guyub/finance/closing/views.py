"""The closing pages: the years and their closes, the confirmation of a close, and the
adjustment of a closed year."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from guyub.core.errors import DomainError, attempt
from guyub.core.money import format_rupiah
from guyub.core.tenancy import coop_view
from guyub.finance.statements.results import year_result

from . import selectors, services
from .forms import AdjustmentForm, AdjustmentLineFormSet, adjustment_lines
from .models import YearClose


@require_safe
@coop_view("finance.view")
def closing(request):
    rows = selectors.year_rows(request.coop)
    return render(request, "finance/closing/years.html", {
        "rows": rows, "adjustments": [a for row in rows for a in row.adjustments],
        "can_close": request.access.can("finance.close"),
    })


def _check_year(year: int) -> None:
    # A year no calendar has (0, 10**25) is not a page: 404, like any unknown id.
    if not selectors.valid_year(year):
        raise Http404


@require_safe
@coop_view("finance.close")
def close_confirm(request, year):
    _check_year(year)
    return render(request, "finance/closing/confirm.html", {
        "year": year, "refusal": selectors.close_refusal(request.coop, year),
        "result": year_result(request.coop, year), "end": selectors.year_end(year),
    })


@require_POST
@coop_view("finance.close")
def close_year(request, year):
    _check_year(year)
    attempt(request, lambda: services.close_year(cooperative=request.coop, year=year,
                                                actor=request.user),
            success=lambda close: _("Buku tahun %(year)s ditutup. SHU tahun itu %(surplus)s.")
            % {"year": close.year, "surplus": format_rupiah(close.surplus)})
    return redirect("finance:closing", request.coop.slug)


def _adjustment_refusal(close, year) -> str | None:
    if close is None:
        return _("Tahun buku %(year)s belum ditutup: koreksinya dicatat sebagai transaksi "
                 "biasa di buku besar.") % {"year": year}
    return selectors.adjustment_refusal(close)


@require_http_methods(["GET", "HEAD", "POST"])
@coop_view("finance.close")
def adjust(request, year):
    _check_year(year)
    close = YearClose.objects.filter(cooperative=request.coop, year=year).first()
    refusal = _adjustment_refusal(close, year)
    form = AdjustmentForm(request.POST or None)
    items = AdjustmentLineFormSet(request.POST or None, prefix="line",
                                  form_kwargs={"cooperative": request.coop})
    if (request.method == "POST" and refusal is None
            and all([form.is_valid(), items.is_valid()])):
        # Caught here, not through attempt(): an unbalanced entry or a bad account belongs
        # with the lines (the formset), which a form error cannot reach.
        try:
            services.record_adjustment(close=close, lines=adjustment_lines(items),
                                       actor=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                items.non_form_errors().append(error.message)
        else:
            messages.success(request, _("Jurnal penyesuaian tahun %(year)s dicatat.")
                             % {"year": year})
            return redirect("finance:closing", request.coop.slug)
    return render(request, "finance/closing/adjust.html", {
        "year": year, "close": close, "refusal": refusal, "form": form, "items": items})
