"""Simpanan pages: record payments, arrears, receipts and statements."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import attempt
from guyub.core.exports import xlsx_response
from guyub.core.tenancy import coop_view
from guyub.members.models import Member
from guyub.members.pdf import pdf_response

from . import selectors, services
from .forms import AsOfForm, PeriodForm, SukarelaForm, WajibPaymentForm
from .models import SimpananKind, SimpananTransaction

# The form's prefix in the URL: (its form, the service it calls with the cleaned data).
ACTIONS = {
    "wajib": (WajibPaymentForm, services.pay_wajib),
    "setor-sukarela": (SukarelaForm, services.deposit_sukarela),
    "tarik-sukarela": (SukarelaForm, partial(services.withdraw, kind=SimpananKind.SUKARELA)),
}


def simpanan_context(member, as_of=None):
    """The simpanan part of the member page and the member portal."""
    as_of = as_of or timezone.localdate()
    months, amount = selectors.arrears(member, as_of)
    return {
        "balances": selectors.balances(member),
        "arrears_months": months,
        "arrears_amount": amount,
        "transactions": member.simpanan_transactions.select_related("entry")[:50],
    }


@require_POST
@coop_view("simpanan.record")
def record(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    member = get_object_or_404(Member, pk=pk)
    form_class, run = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        attempt(request, lambda: run(member=member, actor=request.user, **form.cleaned_data),
                success=lambda tx: _("%(what)s tercatat, bukti %(no)s.")
                % {"what": tx.title, "no": tx.receipt_display})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(services.source_url(member))


@coop_view("simpanan.view")
def arrears_list(request):
    form = AsOfForm(request.GET or None)
    as_of = (form.cleaned_data.get("as_of") if form.is_valid() else None) or timezone.localdate()
    rows = selectors.members_in_arrears(as_of)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            [[_("No. anggota"), _("Nama"), _("Usaha"), _("Bulan tertunggak"), _("Jumlah (Rp)")]]
            + [[member.display_number, member.owner_name, member.business_name, months,
                int(amount)] for member, months, amount in rows],
            name=f"tunggakan-wajib-{as_of}", title=_("Tunggakan"))
    return render(request, "members/arrears.html", {
        "form": form, "rows": rows, "as_of": as_of,
        "total": sum((amount for _member, _months, amount in rows), 0),
        "query": request.GET.urlencode(),
    })


def _can_see_member(request, member) -> bool:
    if request.access.can("simpanan.view"):
        return True
    return request.access.can("portal.view") and member.user_id == request.user.pk


@coop_view("coop.view")
def receipt_pdf(request, tx_pk):
    tx = get_object_or_404(SimpananTransaction.objects.select_related("member", "entry",
                                                                      "created_by"), pk=tx_pk)
    if not _can_see_member(request, tx.member):
        raise PermissionDenied
    siblings = SimpananTransaction.objects.filter(receipt_number=tx.receipt_number,
                                                  member=tx.member)
    return pdf_response("members/pdf/receipt.html",
                        {"tx": tx, "lines": siblings, "coop": request.coop,
                         "total": sum(t.amount for t in siblings)},
                        filename=f"bukti-{tx.receipt_display}.pdf", request=request)


@coop_view("coop.view")
def statement_pdf(request, pk):
    member = get_object_or_404(Member, pk=pk)
    if not _can_see_member(request, member):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    period = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    start = period.get("start") or today.replace(month=1, day=1)
    end = period.get("end") or today
    if start > end:
        start, end = end, start
    return pdf_response("members/pdf/statement.html",
                        {"member": member, "coop": request.coop,
                         **selectors.simpanan_statement(member, start, end),
                         "arrears": selectors.arrears(member, end)},
                        filename=f"laporan-simpanan-{member.display_number}-{end}.pdf",
                        request=request)
