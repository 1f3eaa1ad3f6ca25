"""Consignment payouts: the board pays members what their goods sold for, minus the
cooperative's commission, one batch per period; statements per member; Excel export."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from guyub.core.errors import attempt
from guyub.core.exports import xlsx_response
from guyub.core.tenancy import coop_view
from guyub.members.pdf import pdf_response

from . import selectors, services
from .forms import PayoutPeriodForm
from .models import PayoutBatch, PayoutLine


@coop_view("sales.view")
def payout_list(request):
    return render(request, "sales/payout_list.html", {
        "page": Paginator(selectors.batches(), 25).get_page(request.GET.get("page")),
        "can_create": request.access.can("payouts.manage"),
    })


def _totals(preview) -> dict:
    return {"sales": sum((row.sales for row in preview), Decimal(0)),
            "commission": sum((row.commission for row in preview), Decimal(0)),
            "amount": sum((row.amount for row in preview), Decimal(0)),
            "lines": sum(row.lines for row in preview)}


@coop_view("payouts.manage")
def payout_create(request):
    """GET: choose the period and see what each member will get. POST: confirm."""
    if request.method == "POST":
        form = PayoutPeriodForm(request.POST)
    elif request.GET:
        form = PayoutPeriodForm(request.GET)
    else:
        today = timezone.localdate()
        oldest = selectors.oldest_unpaid_sale(request.coop)
        form = PayoutPeriodForm(initial={"start": min(oldest or today, today), "end": today,
                                         "method": "bank"})
    preview = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        preview = selectors.payout_preview(request.coop, data["start"], data["end"])
        if not preview:
            form.add_error(None, _("Tidak ada hasil penjualan yang belum dibayarkan pada "
                                   "periode ini."))
        elif request.method == "POST":
            # What the board saw is what is paid: a sale recorded in between sends the
            # preview back instead of paying an amount nobody looked at.
            expected = request.POST.get("expected", "")
            seen = int(expected) if expected.isascii() and expected.isdigit() else None
            if seen != int(_totals(preview)["amount"]):
                form.add_error(None, _("Ada penjualan yang berubah sejak pratinjau; periksa "
                                       "lagi sebelum mengonfirmasi."))
            else:
                batch = attempt(request, lambda: services.create_payout(
                    cooperative=request.coop, start=data["start"], end=data["end"],
                    actor=request.user, method=data["method"]),
                    lambda made: _("%(no)s dibuat: hasil penjualan dibayarkan kepada %(n)s "
                                   "anggota.") % {"no": made.display_number, "n": len(preview)},
                    form=form)
                if batch is not None:
                    return redirect("sales:payout", request.coop.slug, batch.pk)
    return render(request, "sales/payout_create.html", {
        "form": form, "rows": preview if form.is_bound and not form.errors else [],
        "totals": _totals(preview),
    })


def _batch(pk):
    try:
        return selectors.batch(pk)
    except PayoutBatch.DoesNotExist:
        raise Http404 from None


@coop_view("sales.view")
def payout_detail(request, pk):
    batch = _batch(pk)
    lines = list(selectors.batch_lines(batch))
    return render(request, "sales/payout_detail.html", {
        "batch": batch, "lines": lines,
        "totals": {"sales": sum((x.sales for x in lines), Decimal(0)),
                   "commission": sum((x.commission for x in lines), Decimal(0)),
                   "amount": sum((x.amount for x in lines), Decimal(0))},
    })


@coop_view("sales.view")
def payout_export(request, pk):
    batch = _batch(pk)
    lines = list(selectors.batch_lines(batch))
    header = [_("No. anggota"), _("Nama"), _("Usaha"), _("Telepon"), _("Penjualan (Rp)"),
              _("Komisi koperasi (Rp)"), _("Dibayarkan (Rp)")]
    table = [[x.member.display_number, x.member.owner_name, x.member.business_name,
             x.member.phone, int(x.sales), int(x.commission), int(x.amount)] for x in lines]
    total = [pgettext("total", "Jumlah"), "", "", "", sum(row[4] for row in table),
             sum(row[5] for row in table), sum(row[6] for row in table)]
    return xlsx_response([header, *table, total], name=f"pembayaran-{batch.display_number}",
                         title=batch.display_number)


@coop_view("coop.view")
def payout_statement(request, pk):
    payout = get_object_or_404(PayoutLine.objects.select_related("member", "batch",
                                                                 "batch__entry"), pk=pk)
    own = request.access.can("sales.own") and payout.member.user_id == request.user.pk
    if not (own or request.access.can("sales.view")):
        raise PermissionDenied
    return pdf_response("sales/pdf/payout_statement.html", {
        "payout": payout, "batch": payout.batch, "member": payout.member, "coop": request.coop,
        "lines": selectors.statement_lines(payout),
    }, filename=f"slip-{payout.batch.display_number}-{payout.member.display_number}.pdf",
        request=request)
