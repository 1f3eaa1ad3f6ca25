"""Contracts and their negotiation.

A buyer requests a contract (or staff enter one for a business buyer): the request is
the first proposal on the table. Each side then answers the other's proposal with a
counter-offer (full terms: price, quantity per delivery, deliveries, payment terms;
the other terms stay), a message, an acceptance or a refusal. The contract row holds
the latest proposed terms; every step is an append-only Offer row.

Who accepts: the side that did not make the latest proposal. For the cooperative only
the board accepts (an agreed price commits the members to supply at it: the same
people who set floor prices decide it); staff negotiate and may decline.

The floor: a proposal below the grade's floor price in force may be posted (it is a
negotiation) but nobody can accept it; the floor is read again at acceptance, under
the contract's lock, since the board may have changed it meanwhile.

Locks: the contract row first (every step takes it), then, for a new contract, the
cooperative row (its contract numbers); deliveries are written under the contract's
lock.
"""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative, CoopRole
from guyub.core.money import format_rupiah
from guyub.core.roles import Role
from guyub.notifications.services import notify

from ... import notices
from ...allocation.models import Delivery
from .. import selectors
from ..models import MAX_DELIVERY_VALUE, VALUE_TOO_LARGE, Contract, ContractVersion, Offer

Party = Offer.Party
Status = Contract.Status
TERMS = ("price", "quantity_per_delivery", "deliveries", "payment_terms_days")


def _locked(contract) -> Contract:
    return Contract.objects.select_for_update().select_related("grade", "buyer").get(
        pk=contract.pk)


def _step(contract, *, party, kind, actor, message="", **terms) -> Offer:
    return Offer.objects.create(cooperative=contract.cooperative, contract=contract,
                                version=contract.version, party=party, kind=kind,
                                message=message, by=actor, at=timezone.now(), **terms)


def _links(contract) -> dict:
    slug = contract.cooperative.slug
    return {Party.BUYER: reverse("contracts:my_contract", args=[slug, contract.pk]),
            Party.COOPERATIVE: reverse("contracts:detail", args=[slug, contract.pk])}


def _users_of(contract, party) -> list[int]:
    if party == Party.BUYER:
        return [contract.buyer.user_id] if contract.buyer.user_id else []
    return selectors.cooperative_side_users(contract.cooperative)


def _tell_other_side(contract, step: Offer) -> None:
    other = Party.COOPERATIVE if step.party == Party.BUYER else Party.BUYER
    party_name = (str(contract.buyer) if step.party == Party.BUYER
                  else contract.cooperative.name)
    notify(cooperative=contract.cooperative, topic=notices.NEGOTIATION_STEP,
           event_id=f"contract:{contract.pk}:step:{step.pk}",
           recipients=_users_of(contract, other), link=_links(contract)[other],
           params={"party": party_name, "contract": str(contract),
                   "step": str(Offer.Kind(step.kind).label)})


def _check_terms(terms: dict) -> dict:
    for name in TERMS:
        if terms.get(name) is None:
            raise DomainError(_("Penawaran harus memuat semua syarat."), field=name)
    if terms["price"] * terms["quantity_per_delivery"] > MAX_DELIVERY_VALUE:
        raise DomainError(_(VALUE_TOO_LARGE), field="price")
    field = Contract._meta.get_field
    for name, value in terms.items():
        for validator in field(name).validators:
            try:
                validator(value)
            except Exception as error:  # Django's ValidationError, in its own words
                raise DomainError(" ".join(getattr(error, "messages", [str(error)])),
                                  field=name) from None
    return terms


def request_contract(contract: Contract, *, actor, buyer) -> Contract:
    """A new contract for `buyer` (by its own login, or entered by staff): numbered in
    its cooperative, its terms proposed as the request."""
    with transaction.atomic():
        coop = Cooperative.objects.select_for_update().get(pk=contract.cooperative_id)
        if contract.first_delivery_on < timezone.localdate():
            raise DomainError(_("Pengiriman pertama tidak boleh di masa lalu."),
                              field="first_delivery_on")
        contract.buyer = buyer
        contract.number = (Contract.objects.filter(cooperative=coop).aggregate(
            n=Max("number"))["n"] or 0) + 1
        contract.status, contract.version = Status.REQUESTED, 1
        contract.requested_by = actor
        contract.save()
        step = _step(contract, party=Party.BUYER, kind=Offer.Kind.REQUEST, actor=actor,
                     **{name: getattr(contract, name) for name in TERMS})
        log_action(cooperative=coop, actor=actor, action="contract.requested", obj=contract,
                   amount=contract.price, quantity=contract.quantity_per_delivery)
        _tell_other_side(contract, step)
    return contract


def _require_open(contract) -> None:
    if contract.status not in selectors.OPEN:
        raise DomainError(_("Kontrak ini tidak sedang dirundingkan."), code="transition")


def propose(*, contract, party, actor, price, quantity_per_delivery, deliveries,
            payment_terms_days, message: str = "") -> Offer:
    """A (counter-)offer: the full negotiated terms. Allowed below the floor (the page
    warns); such an offer simply cannot be accepted."""
    terms = _check_terms({"price": price, "quantity_per_delivery": quantity_per_delivery,
                          "deliveries": deliveries, "payment_terms_days": payment_terms_days})
    with transaction.atomic():
        contract = _locked(contract)
        _require_open(contract)
        if contract.status == Status.REQUESTED:
            contract.move_to(Status.NEGOTIATING)
        for name, value in terms.items():
            setattr(contract, name, value)
        contract.save()
        step = _step(contract, party=party, kind=Offer.Kind.OFFER, actor=actor,
                     message=message, **terms)
        log_action(cooperative=contract.cooperative, actor=actor, action="contract.offered",
                   obj=contract, amount=terms["price"],
                   quantity=terms["quantity_per_delivery"])
        _tell_other_side(contract, step)
    return step


def post_message(*, contract, party, actor, message: str) -> Offer:
    if not message.strip():
        raise DomainError(_("Tuliskan pesannya."), field="message")
    with transaction.atomic():
        contract = _locked(contract)
        _require_open(contract)
        step = _step(contract, party=party, kind=Offer.Kind.MESSAGE, actor=actor,
                     message=message)
        log_action(cooperative=contract.cooperative, actor=actor, action="contract.message",
                   obj=contract)
        _tell_other_side(contract, step)
    return step


def _may_accept(contract, party, actor) -> None:
    if party == Party.COOPERATIVE and not CoopRole.objects.filter(
            cooperative=contract.cooperative, user=actor, role=Role.BOARD).exists():
        raise DomainError(_("Hanya pengurus yang dapat menyetujui kontrak atas nama "
                            "koperasi."), code="conflict")


def accept(*, contract, party, actor) -> ContractVersion:
    """Accept the proposal on the table: the terms become version n, the delivery
    schedule follows them.

    Refused when nothing is on the table, when the accepting side made that proposal
    itself, and whenever its price is below the grade's floor price in force now.

    The schedule: a first agreement creates one PLANNED delivery per date. An amendment
    replaces only the deliveries still PLANNED (their date and quantity follow the new
    version; planned ones past the new number of deliveries are cancelled, missing
    ones created); deliveries already allocated, received or delivered stay as they
    were agreed."""
    with transaction.atomic():
        contract = _locked(contract)
        _may_accept(contract, party, actor)
        offer = selectors.on_table(contract)
        if offer is None:
            raise DomainError(_("Tidak ada penawaran yang dapat disetujui."), code="conflict")
        if offer.party == party:
            raise DomainError(_("Penawaran terakhir dari pihak Anda sendiri: pihak lain yang "
                                "menyetujuinya."), code="conflict")
        floor = selectors.below_floor(contract, offer)
        if floor is not None:
            # The floor's amount is the cooperative's bargaining position: its own side
            # reads it, the buyer only that the price is below it.
            if party == Party.COOPERATIVE:
                message = _("Harga %(price)s di bawah harga dasar %(floor)s untuk %(grade)s: "
                            "penawaran ini tidak dapat disetujui.")
            else:
                message = _("Harga %(price)s di bawah harga dasar koperasi untuk %(grade)s: "
                            "penawaran ini tidak dapat disetujui.")
            raise DomainError(message % {"price": format_rupiah(offer.price),
                                         "floor": format_rupiah(floor),
                                         "grade": contract.grade},
                              field="price", code="conflict")
        for name in TERMS:
            setattr(contract, name, getattr(offer, name))
        amendment = contract.status == Status.AMENDING
        contract.move_to(Status.ACTIVE)
        contract.save()
        _step(contract, party=party, kind=Offer.Kind.ACCEPT, actor=actor)
        agreed = ContractVersion.objects.create(
            cooperative=contract.cooperative, contract=contract, version=contract.version,
            terms=contract.terms(), accepted_by=actor, agreed_at=timezone.now())
        _schedule(contract)
        log_action(cooperative=contract.cooperative, actor=actor,
                   action="contract.amended" if amendment else "contract.agreed",
                   obj=contract, amount=contract.price,
                   quantity=contract.quantity_per_delivery, number=str(contract.version))
        links = _links(contract)
        for side in (Party.BUYER, Party.COOPERATIVE):
            notify(cooperative=contract.cooperative, topic=notices.AGREED,
                   event_id=f"contract:{contract.pk}:agreed:{contract.version}",
                   recipients=_users_of(contract, side), link=links[side],
                   params={"contract": str(contract), "version": str(contract.version),
                           "quantity": f"{contract.quantity_per_delivery} {contract.unit}",
                           "price": format_rupiah(contract.price)})
    return agreed


def _schedule(contract) -> None:
    existing = {d.sequence: d for d in Delivery.objects.select_for_update().filter(
        contract=contract)}
    dates = contract.delivery_dates()
    for sequence, day in enumerate(dates, start=1):
        row = existing.get(sequence)
        if row is None:
            Delivery.objects.create(cooperative=contract.cooperative, contract=contract,
                                    sequence=sequence, due_on=day,
                                    quantity=contract.quantity_per_delivery)
        elif row.status == Delivery.Status.PLANNED:
            row.due_on, row.quantity = day, contract.quantity_per_delivery
            row.save(update_fields=["due_on", "quantity"])
    for sequence, row in existing.items():
        if sequence > len(dates) and row.status == Delivery.Status.PLANNED:
            row.move_to(Delivery.Status.CANCELLED)
            row.save(update_fields=["status"])


def _restore_agreed(contract) -> None:
    """An amendment refused: the terms and version in force come back."""
    agreed = selectors.last_agreed(contract)
    for name in TERMS:
        value = agreed.terms[name]
        setattr(contract, name, type(getattr(contract, name))(value))
    contract.version = agreed.version


def decline(*, contract, party, actor, message: str = "") -> Offer:
    """Refuse: before agreement the contract ends DECLINED; during an amendment the
    amendment ends and the version in force stays."""
    with transaction.atomic():
        contract = _locked(contract)
        _require_open(contract)
        step = _step(contract, party=party, kind=Offer.Kind.DECLINE, actor=actor,
                     message=message)
        if contract.status == Status.AMENDING:
            _restore_agreed(contract)
            contract.move_to(Status.ACTIVE)
        else:
            contract.move_to(Status.DECLINED)
        contract.save()
        log_action(cooperative=contract.cooperative, actor=actor, action="contract.declined",
                   obj=contract, reason=message)
        _tell_other_side(contract, step)
    return step


def withdraw(*, contract, actor, message: str = "") -> Offer:
    """The buyer withdraws its request before anything is agreed."""
    with transaction.atomic():
        contract = _locked(contract)
        if contract.status not in (Status.REQUESTED, Status.NEGOTIATING):
            raise DomainError(_("Permintaan hanya dapat dibatalkan sebelum kontrak "
                                "disepakati."), code="transition")
        contract.move_to(Status.WITHDRAWN)
        contract.save()
        step = _step(contract, party=Party.BUYER, kind=Offer.Kind.WITHDRAW, actor=actor,
                     message=message)
        log_action(cooperative=contract.cooperative, actor=actor, action="contract.withdrawn",
                   obj=contract, reason=message)
        _tell_other_side(contract, step)
    return step


def start_amendment(*, contract, party, actor, price, quantity_per_delivery, deliveries,
                    payment_terms_days, message: str = "") -> Offer:
    """Either side proposes changed terms for an active contract: version n+1 is
    negotiated (its first step is this offer) while version n stays in force."""
    terms = _check_terms({"price": price, "quantity_per_delivery": quantity_per_delivery,
                          "deliveries": deliveries, "payment_terms_days": payment_terms_days})
    with transaction.atomic():
        contract = _locked(contract)
        if contract.status != Status.ACTIVE:
            raise DomainError(_("Hanya kontrak yang berjalan yang dapat diubah."),
                              code="transition")
        contract.move_to(Status.AMENDING)
        # A refused amendment keeps its number in the history: the next one goes on.
        used = contract.offers.aggregate(v=Max("version"))["v"] or contract.version
        contract.version = max(used, contract.version) + 1
        for name, value in terms.items():
            setattr(contract, name, value)
        contract.save()
        step = _step(contract, party=party, kind=Offer.Kind.OFFER, actor=actor,
                     message=message, **terms)
        log_action(cooperative=contract.cooperative, actor=actor,
                   action="contract.amendment_started", obj=contract, amount=terms["price"],
                   quantity=terms["quantity_per_delivery"], number=str(contract.version))
        _tell_other_side(contract, step)
    return step
