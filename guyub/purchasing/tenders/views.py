"""Tender pages: staff run them (list, create, change terms, comparison, award, cancel);
an invited supplier bids on its portal and, after the award, sees the result.

Bids reach a template only through `selectors` (sealed until the deadline).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import DomainError, add_to_form, attempt
from guyub.core.tenancy import coop_view

from ..forms import CancelForm
from . import selectors, services
from .comparison import bid_tiers
from .forms import AwardForm, BidForm, TenderForm, TermsForm, TierFormSet, tier_rows
from .models import Bid, Tender

STATUS_FILTERS = [("", gettext_lazy("Semua"))] + list(selectors.PHASES.items())


def _tender(pk) -> Tender:
    tender = get_object_or_404(Tender.objects.select_related("item"), pk=pk)
    tender.phase = selectors.phase(tender)
    tender.phase_label = selectors.PHASES[tender.phase]
    return tender


# --- staff --------------------------------------------------------------------------------


@require_safe
@coop_view("tenders.view")
def tender_list(request):
    status = request.GET.get("status", "")
    if status not in selectors.PHASES:
        status = ""
    page = Paginator(selectors.tender_list(status), 25).get_page(request.GET.get("page"))
    page.object_list = selectors.annotate_phase(page.object_list)
    return render(request, "purchasing/tenders/list.html", {
        "page": page, "status": status, "statuses": STATUS_FILTERS,
        "query": f"status={status}" if status else "",
        "can_manage": request.access.can("tenders.manage"),
    })


@coop_view("tenders.manage")
def tender_create(request):
    initial = {}
    demand = selectors.pooled_demand()
    item_id = request.GET.get("item", "")
    chosen = next((d for d in demand if str(d["item_id"]) == item_id), None)
    if chosen:
        initial = {"item": chosen["item_id"], "quantity": chosen["quantity"]}
    form = TenderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tender = attempt(request, lambda: services.create_tender(
            cooperative=request.coop, item=data["item"], quantity=data["quantity"],
            deadline=data["deadline"], suppliers=data["suppliers"], terms=data["terms"],
            actor=request.user), form=form,
            success=lambda _created: _("Tender dibuat; %(n)s pemasok diundang.")
            % {"n": len(data["suppliers"])})
        if tender:
            return redirect("tenders:detail", request.coop.slug, tender.pk)
    return render(request, "purchasing/tenders/form.html", {"form": form, "demand": demand})


@require_safe
@coop_view("tenders.view")
def tender_detail(request, pk):
    tender = _tender(pk)
    return render(request, "purchasing/tenders/detail.html", {
        "tender": tender,
        "suppliers": list(tender.suppliers.order_by("name")),
        "result": selectors.result_for(request.access, tender),
        "can_manage": request.access.can("tenders.manage"),
        "cancel_form": CancelForm(),
    })


@coop_view("tenders.manage")
def tender_terms(request, pk):
    tender = _tender(pk)
    form = TermsForm(request.POST or None, tender=tender)
    editable = tender.phase == "open"
    if request.method == "POST" and editable and form.is_valid():
        data = form.cleaned_data
        change = attempt(request, lambda: services.change_terms(
            tender=tender, actor=request.user, quantity=data["quantity"], terms=data["terms"],
            add_suppliers=data.get("add_suppliers") or ()), form=form)
        if change:
            # The same words whether bids had arrived or not: before the deadline staff
            # do not learn even that.
            if change.tender.terms_version != tender.terms_version:
                messages.warning(request, _("Syarat diubah. Penawaran yang sudah masuk (bila "
                                            "ada) dibatalkan dan pemasoknya diberi tahu; "
                                            "mereka perlu menawar ulang."))
            else:
                messages.success(request, _("Pemasok tambahan diundang."))
            if change.extended:
                messages.info(request, _("Batas penawaran kurang dari 24 jam lagi, jadi "
                                         "diperpanjang otomatis sampai 24 jam dari sekarang."))
            return redirect("tenders:detail", request.coop.slug, tender.pk)
    elif request.method == "POST" and not editable:
        messages.error(request, _("Syarat hanya dapat diubah selama tender menerima "
                                  "penawaran."))
    return render(request, "purchasing/tenders/terms.html", {
        "tender": tender, "form": form, "editable": editable})


def _comparison_context(request, tender, award_form=None) -> dict:
    quotes = selectors.comparison(request.access, tender)
    can_award = (request.access.can("tenders.manage") and tender.phase == "evaluation"
                 and any(q.bid.status == Bid.Status.VALID for q in quotes))
    return {"tender": tender, "quotes": quotes, "can_award": can_award,
            "form": award_form or AwardForm(quotes=quotes)}


@require_safe
@coop_view("tenders.view")
def tender_comparison(request, pk):
    tender = _tender(pk)
    if tender.is_sealed:
        return render(request, "purchasing/tenders/comparison.html",
                      {"tender": tender, "sealed": True})
    return render(request, "purchasing/tenders/comparison.html",
                  _comparison_context(request, tender))


@require_POST
@coop_view("tenders.manage")
def tender_award(request, pk):
    tender = _tender(pk)
    if tender.is_sealed or tender.phase != "evaluation":
        messages.error(request, _("Pemenang hanya dapat dipilih setelah batas penawaran, "
                                  "selama tender dalam evaluasi."))
        return redirect("tenders:detail", request.coop.slug, tender.pk)
    quotes = selectors.comparison(request.access, tender)
    form = AwardForm(request.POST, quotes=quotes)
    if form.is_valid():
        bid = next(q.bid for q in quotes if q.bid.pk == form.cleaned_data["bid"])
        if attempt(request, lambda: services.award(bid=bid, reason=form.cleaned_data["reason"],
                                                   actor=request.user), form=form,
                   success=_("Pemenang dicatat: %(name)s. Daftar harganya kini dapat "
                             "dipakai untuk pembelian bersama.") % {"name": bid.supplier.name}):
            return redirect("tenders:detail", request.coop.slug, tender.pk)
    context = _comparison_context(request, tender, award_form=form)
    return render(request, "purchasing/tenders/comparison.html", context)


@require_POST
@coop_view("tenders.manage")
def tender_cancel(request, pk):
    tender = _tender(pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.cancel(tender=tender, actor=request.user,
                                                 reason=form.cleaned_data["reason"]),
                success=_("Tender dibatalkan."))
    else:
        messages.error(request, _("Tuliskan alasan pembatalan."))
    return redirect("tenders:detail", request.coop.slug, tender.pk)


# --- the supplier's portal ----------------------------------------------------------------


@require_safe
@coop_view("tenders.bid")
def my_tenders(request):
    tenders = selectors.invited_tenders(request.user)
    return render(request, "purchasing/tenders/my_list.html", {
        "rows": selectors.portal_rows(request.access, tenders[:100]),
    })


def _initial_bid(bid) -> tuple[dict, list[dict]]:
    if bid is None:
        return {}, []
    initial = {"pack_size": bid.pack_size, "min_order_qty": bid.min_order_qty or None,
               "delivery_date": bid.delivery_date, "payment_terms": bid.payment_terms}
    return initial, [{"from_qty": q, "unit_price": p} for q, p in bid_tiers(bid)]


@coop_view("tenders.bid")
def my_tender(request, pk):
    tender = _tender(pk)
    supplier = selectors.supplier_of(request.access, tender)
    if supplier is None:  # not invited: to this supplier the tender does not exist
        raise Http404
    mine = selectors.own_bids(request.access, tender)
    current = next((b for b in mine if b.terms_version == tender.terms_version
                    and b.status != Bid.Status.VOID), None)
    initial, tier_initial = _initial_bid(current)
    form = BidForm(request.POST or None, initial=initial)
    tiers = TierFormSet(request.POST or None, initial=tier_initial, prefix="tiers")
    if request.method == "POST":
        if tender.phase != "open":
            messages.error(request, _("Tender ini sudah tidak menerima penawaran."))
            return redirect("tenders:my_tender", request.coop.slug, tender.pk)
        if form.is_valid() and tiers.is_valid():
            data = form.cleaned_data
            try:
                services.place_bid(tender=tender, supplier=supplier, actor=request.user,
                                   pack_size=data["pack_size"],
                                   min_order_qty=data["min_order_qty"],
                                   tiers=tier_rows(tiers), delivery_date=data["delivery_date"],
                                   payment_terms=data["payment_terms"])
            except DomainError as error:
                # The tiers are a formset, not a field of the form: their refusal goes
                # on top of the tier table.
                if error.field == "tiers":
                    tiers._non_form_errors = tiers.error_class([error.message])
                else:
                    add_to_form(form, error)
            else:
                messages.success(request, _("Penawaran Anda tersimpan dan tersegel sampai "
                                            "batas penawaran.") if current is None else
                                 _("Penawaran Anda diganti dengan yang baru."))
                return redirect("tenders:my_tender", request.coop.slug, tender.pk)
    return render(request, "purchasing/tenders/my_tender.html", {
        "tender": tender, "supplier": supplier, "form": form, "tiers": tiers,
        "current": current, "current_tiers": bid_tiers(current) if current else [],
        "history": [b for b in mine if b is not current],
        "voided": selectors.voided_notice(request.access, tender),
        "result": selectors.result_for(request.access, tender),
    })
