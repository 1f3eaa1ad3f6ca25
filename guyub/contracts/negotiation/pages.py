"""What the officers' contract page and the buyer's share: the page's context and the
negotiation steps posted from it (one POST per step, `action` naming it). Used by
views.py and buyer_views.py, which only differ in who is asking (the party) and which
contracts they may open."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from guyub.core.errors import attempt

from . import selectors, services
from .forms import DeclineForm, MessageForm, OfferForm
from .models import Contract, Offer

Party = Offer.Party
# Accepting for the cooperative is the board's: an agreed price commits the members to
# supply at it. The board is the role holding contracts.floor (the floor prices that
# bound every acceptance), so the same right answers for both; the service checks the
# board role again, whatever the path.
ACCEPT_FOR_COOPERATIVE = "contracts.floor"
# The right each step needs from an officer (a buyer holds contracts.buy for all).
OFFICER_STEPS = {"offer": "contracts.manage", "message": "contracts.manage",
                 "decline": "contracts.manage", "amend": "contracts.manage",
                 "accept": ACCEPT_FOR_COOPERATIVE}
BUYER_STEPS = {"offer", "message", "decline", "amend", "accept", "withdraw"}


def may(request, party, action) -> bool:
    if party == Party.BUYER:
        return action in BUYER_STEPS
    right = OFFICER_STEPS.get(action)
    return right is not None and request.access.can(right)


def context(request, contract, party, forms=None) -> dict:
    table = selectors.on_table(contract)
    open_ = contract.status in selectors.OPEN
    floor = selectors.floor_price(contract.grade)
    steps = list(selectors.history(contract))
    # The floor is the cooperative's bargaining position: only its own side sees which
    # offers fall below it (marking the buyer's offers would let it find the floor by
    # trying prices). Accepting below it is refused for everyone, with the reason.
    ours = party == Party.COOPERATIVE
    for step in steps:
        step.below_floor = bool(ours and floor and step.price is not None
                                and step.price < floor)
    can = {action: may(request, party, action) for action in
           ("offer", "message", "decline", "amend", "accept", "withdraw")}
    forms = forms or {}
    return {
        "contract": contract, "party": party, "history": steps, "table": table,
        "floor": floor if ours else None,
        "table_below_floor": ours and selectors.below_floor(contract, table),
        "versions": list(selectors.versions(contract)), "capacity": selectors.capacity(contract),
        "schedule": list(selectors.schedule(contract)), "open": open_,
        "can_offer": open_ and can["offer"], "can_message": open_ and can["message"],
        "can_decline": open_ and can["decline"],
        "can_withdraw": can["withdraw"] and contract.status in (
            Contract.Status.REQUESTED, Contract.Status.NEGOTIATING),
        "can_accept": bool(can["accept"] and table is not None and table.party != party),
        "can_amend": can["amend"] and contract.status == Contract.Status.ACTIVE,
        "offer_form": forms.get("offer") or OfferForm.for_contract(contract),
        "message_form": forms.get("message") or MessageForm(prefix="msg"),
        "decline_form": forms.get("decline") or DeclineForm(prefix="decline"),
    }


def post_step(request, contract, party):
    """Run the step the POST names. Returns (done, forms): done when the page should
    redirect; otherwise the forms with their errors, to show again."""
    action = request.POST.get("action", "")
    if not may(request, party, action):
        raise PermissionDenied(action)
    who = {"contract": contract, "party": party, "actor": request.user}
    if action in ("offer", "amend"):
        form = OfferForm(request.POST, prefix="offer")
        if not form.is_valid():
            return False, {"offer": form}
        data = dict(form.cleaned_data)
        service = services.start_amendment if action == "amend" else services.propose
        done = attempt(request, lambda: service(**who, **data), form=form,
                       success=_("Penawaran dikirim."))
        if done and party == Party.COOPERATIVE and selectors.below_floor(contract, done):
            messages.warning(request, _("Harga ini di bawah harga dasar: penawaran tercatat, "
                                        "tetapi tidak dapat disetujui."))
        return bool(done), {"offer": form}
    if action == "message":
        form = MessageForm(request.POST, prefix="msg")
        if not form.is_valid():
            return False, {"message": form}
        done = attempt(request, lambda: services.post_message(
            **who, message=form.cleaned_data["message"]), form=form,
            success=_("Pesan dikirim."))
        return bool(done), {"message": form}
    if action in ("decline", "withdraw"):
        form = DeclineForm(request.POST, prefix="decline")
        if not form.is_valid():
            return False, {"decline": form}
        note = form.cleaned_data["message"]
        if action == "withdraw":
            done = attempt(request, lambda: services.withdraw(
                contract=contract, actor=request.user, message=note),
                success=_("Permintaan kontrak dibatalkan."))
        else:
            done = attempt(request, lambda: services.decline(**who, message=note),
                           success=_("Penolakan dicatat."))
        return True, {} if done else {"decline": form}
    done = attempt(request, lambda: services.accept(**who),
                   success=lambda v: _("Kontrak disepakati: versi %(v)s.") % {"v": v.version})
    return True, {}
