"""Collective purchase rounds for officers: list, open, follow, close by hand, call off."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import attempt
from guyub.core.money import to_rupiah
from guyub.core.tenancy import coop_view

from ..distribution import selectors as after_close
from ..forms import CancelForm
from ..suppliers.selectors import round_payables
from . import selectors, services
from .forms import RoundForm
from .models import Round
from .pages import get_round, share_link


@coop_view("purchasing.view")
def round_list(request):
    status = request.GET.get("status", "")
    if status not in Round.Status.values:
        status = ""
    page = Paginator(selectors.rounds(status), 25).get_page(request.GET.get("page"))
    return render(request, "purchasing/round_list.html", {
        "page": page, "status": status, "statuses": Round.Status.choices,
        "query": f"status={status}" if status else "",
        "can_manage": request.access.can("purchasing.manage")})


@coop_view("purchasing.manage")
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        round_ = attempt(request, lambda: services.open_round(
            cooperative=request.coop, actor=request.user, title=data["title"],
            opens_at=data["opens_at"], closes_at=data["closes_at"],
            pickup_place=data["pickup_place"], pickup_date=data["pickup_date"],
            price_lists=list(data["price_lists"]), **form.terms()), form=form,
            success=lambda opened: _("Pembelian bersama %(title)s dibuka.")
            % {"title": opened.title})
        if round_:
            return redirect("purchasing:round", request.coop.slug, round_.pk)
    return render(request, "purchasing/round_form.html", {"form": form})


@coop_view("purchasing.view")
def round_detail(request, pk):
    round_ = get_round(pk)
    items = list(selectors.round_items(round_))
    context = {"round": round_, "can_manage": request.access.can("purchasing.manage"),
               "now": timezone.now()}
    if round_.status == Round.Status.OPEN:
        context["cards"] = [selectors.item_card(round_, item) for item in items]
        context["queues"] = [(item, selectors.commitment_queue(item)) for item in items]
        context["share_url"] = share_link(request, round_)
        context["cancel_form"] = CancelForm()
    elif round_.status == Round.Status.CANCELLED:
        # What members had asked for stays readable: the record of a called-off round.
        context["queues"] = [(item, selectors.commitment_queue(item)) for item in items]
        context["cancellation"] = selectors.cancellation(round_)
    else:
        for item in items:
            item.value = (to_rupiah(item.quantity_for_invoice() * item.unit_price)
                          if item.unit_price else None)
        context["items"] = items
        context["suppliers"] = after_close.round_suppliers(round_)
        context["bills"] = after_close.bills(round_)
        context["counts"] = after_close.counts(round_)
        context["payables"] = round_payables(round_)
        context["payable_left"] = sum(p["outstanding"] for p in context["payables"])
    return render(request, "purchasing/round_detail.html", context)


@require_POST
@coop_view("purchasing.manage")
def round_close(request, pk):
    round_ = get_round(pk)
    attempt(request, lambda: services.close_round(round_=round_, actor=request.user),
            success=_("Pembelian bersama ditutup; jumlah dan harga sudah dihitung. Kirim "
                      "pesanan pembelian ke pemasok."))
    return redirect("purchasing:round", request.coop.slug, round_.pk)


@require_POST
@coop_view("purchasing.manage")
def round_cancel(request, pk):
    """Call off an open (or not yet opened) round, with a reason members will read."""
    round_ = get_round(pk)
    # The service checks the reason (required, at most 1000 characters).
    attempt(request, lambda: services.cancel_round(round_=round_, actor=request.user,
                                                    reason=request.POST.get("reason", "")),
            success=_("Pembelian bersama dibatalkan. Pesanan anggota disimpan sebagai "
                      "catatan; tidak ada yang dipesan atau ditagih."))
    return redirect("purchasing:round", request.coop.slug, round_.pk)
