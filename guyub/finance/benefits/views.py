"""Laporan Promosi Ekonomi Anggota: the officers' report for a year (totals, a paged
table of members, Excel) and the member's own figures."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guyub.core.exports import xlsx_response
from guyub.core.tenancy import coop_view
from guyub.finance.year_param import chosen_year, year_choices
from guyub.members.selectors import own_membership

from .selectors import benefit_report

PER_PAGE = 50


@require_safe
@coop_view("finance.view")
def benefits(request):
    year = chosen_year(request)
    report = benefit_report(request.coop, year=year)
    page = Paginator(report.rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "finance/benefits/report.html", {
        "report": report, "totals": report.totals, "page": page, "year": year,
        "years": year_choices()})


@require_safe
@coop_view("finance.view")
def benefits_export(request):
    year = chosen_year(request)
    report = benefit_report(request.coop, year=year)
    header = [_("No. anggota"), _("Nama"), _("Harga beli sendiri"), _("Dibayar ke koperasi"),
              _("Hemat beli bersama"), _("Pendapatan pemasaran"),
              _("Rata-rata sisa pinjaman"), _("Jasa pinjaman pada suku bunga pasar"),
              _("Jasa pinjaman dibayar"), _("Hemat jasa pinjaman"),
              report.shu_label, _("Jumlah manfaat")]

    def rows():
        yield header
        for r in [*report.rows, report.totals]:
            yield [r.number, r.name, r.retail, r.paid, r.purchase_savings, r.marketing,
                   r.loan_balance, r.market_interest, r.interest_paid, r.interest_saved,
                   r.shu, r.total]

    return xlsx_response(rows(), name=f"promosi-ekonomi-anggota-{year}",
                         title=_("Promosi ekonomi anggota"))


@require_safe
@coop_view("shu.own")
def my_benefits(request):
    member = own_membership(request.user)
    year = chosen_year(request)
    report = benefit_report(request.coop, year=year, member_ids=[member.pk]) if member else None
    return render(request, "finance/benefits/mine.html", {
        "member": member, "report": report, "mine": report.rows[0] if report and report.rows
        else None, "year": year, "years": year_choices(), "portal": "member"})
