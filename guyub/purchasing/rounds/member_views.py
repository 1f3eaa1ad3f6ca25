"""Collective purchasing for members: the open rounds, their commitments (one card per
item, refreshed in place by htmx), their final quantities and bill, their savings."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import DomainError, add_to_form
from guyub.core.tenancy import coop_view
from guyub.members.selectors import own_membership

from ..distribution import selectors as after_close
from . import selectors, services
from .forms import CommitForm
from .pages import get_round, share_link


def _member(request):
    member = own_membership(request.user)
    if member is None:
        raise Http404
    return member


def _card(round_, item, member, form=None, saved=False, withdrawn=False) -> dict:
    card = selectors.item_card(round_, item, member)
    if round_.is_open:
        # Nothing ordered yet: empty fields rather than a 0 to type over.
        card["form"] = form or CommitForm(item=item, initial={
            "quantity": card["my_qty"] or None, "tolerance": card["my_tol"] or None})
    card["saved"] = saved
    card["withdrawn"] = withdrawn
    return card


@coop_view("purchasing.commit")
def my_rounds(request):
    member = _member(request)
    open_rounds = list(selectors.open_rounds())
    for round_ in open_rounds:
        round_.mine = [c for c in selectors.item_cards(round_, member) if c["my_qty"]]
    past = [(r, after_close.bill_of(r, member)) for r in selectors.member_rounds(member)[:20]]
    return render(request, "purchasing/my_rounds.html", {
        "member": member, "open_rounds": open_rounds, "past": past,
        "savings": after_close.member_savings(member)})


@coop_view("purchasing.commit")
def my_round(request, pk):
    member = _member(request)
    round_ = get_round(pk)
    cards = [_card(round_, item, member) for item in selectors.round_items(round_)]
    return render(request, "purchasing/my_round.html", {
        "round": round_, "member": member, "cards": cards,
        "share_url": share_link(request, round_) if round_.is_open else "",
        "bill": after_close.bill_of(round_, member),
        "cancellation": selectors.cancellation(round_),
        **_estimates(cards)})


def _estimates(cards) -> dict:
    """The page's total estimate, and whether part of it holds only if an item's minimum
    order (or first pack) is reached."""
    estimates = [c["estimate"] for c in cards if c.get("estimate")]
    return {"estimate_total": sum(e["total"] for e in estimates),
            "estimate_conditional": any(e.get("condition") for e in estimates)}


@require_POST
@coop_view("purchasing.commit")
def commit(request, pk, item_pk):
    """Set the member's quantity and tolerance for one item. With htmx, the item's card
    comes back (figures, progress and the member's estimate, or the form's errors)."""
    member = _member(request)
    round_ = get_round(pk)
    item = get_object_or_404(selectors.round_items(round_), pk=item_pk)
    form = CommitForm(request.POST, item=item)
    saved = False
    if form.is_valid():
        try:
            services.set_commitment(round_item=item, member=member, actor=request.user,
                                    quantity=form.cleaned_data["quantity"],
                                    tolerance=form.cleaned_data["tolerance"] or 0,
                                    confirm=form.cleaned_data["confirm"])
        except DomainError as error:
            # A quantity questioned by commitment_checks: the form asks to confirm it.
            form.needs_confirm = error.code == "confirm"
            add_to_form(form, error)
        else:
            saved = True
    withdrawn = saved and not (form.cleaned_data["quantity"] or form.cleaned_data["tolerance"])
    if request.htmx:
        card = _card(round_, item, member, form=None if saved else form, saved=saved,
                     withdrawn=withdrawn)
        # The page's total estimate is refreshed alongside the card (out of band).
        others = [selectors.item_card(round_, i, member)
                  for i in selectors.round_items(round_) if i.pk != item.pk]
        return render(request, "purchasing/_item_card.html", {
            "card": card, "round": round_, "member": member, "oob": True,
            **_estimates([card, *others])})
    if withdrawn:
        messages.success(request, _("Pesanan %(item)s ditarik: Anda tidak lagi ikut memesan "
                                    "barang ini.") % {"item": item.price_list.item.name})
    elif saved:
        messages.success(request, _("Pesanan %(item)s disimpan.")
                         % {"item": item.price_list.item.name})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{item.price_list.item.name}: {error}")
    return redirect("purchasing:my_round", request.coop.slug, round_.pk)
