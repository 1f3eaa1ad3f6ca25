"""Writes of the allocation: publishing a contract's rule (members are told), members
declaring their capacity, splitting a delivery among them by the rule, a member
withdrawing from their share and the re-allocation of it to standby producers.

Lock order, in every service that takes more than one lock: the contract, then the
delivery, then the allotment (or the capacity), so two requests never wait on each
other in a circle."""

import datetime as dt
import logging
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.notifications.services import notify, notify_each

from .. import notices
from ..deliveries.models import Receipt
from ..negotiation.models import MAX_QUANTITY, Contract
from . import rules, selectors
from .models import Allotment, Capacity, Delivery

logger = logging.getLogger(__name__)

# Publishing is for contracts still being agreed or in force (an amendment keeps the
# rule it had).
PUBLISHABLE = (Contract.Status.REQUESTED, Contract.Status.NEGOTIATING, Contract.Status.ACTIVE)
REASON_MAX = 255


def _lock_contract(contract: Contract) -> Contract:
    # Only the contract row: its channel may be null, and PostgreSQL does not lock the
    # nullable side of an outer join.
    return (Contract.objects.select_for_update(of=("self",))
            .select_related("grade__category", "channel").get(pk=contract.pk))


def _lock_delivery(delivery: Delivery) -> Delivery:
    return Delivery.objects.select_for_update().get(pk=delivery.pk)


def _check_rule(rule: str) -> str:
    if rule not in Contract.Rule.values:
        raise DomainError(_("Pilih aturan pembagian yang tersedia."), field="rule")
    return rule


def _unpublished(contract: Contract) -> None:
    if contract.rule_published_at is not None:
        raise DomainError(_("Aturan pembagian sudah diumumkan dan tidak dapat diubah lagi."),
                          field="rule", code="conflict")
    if contract.status not in PUBLISHABLE:
        raise DomainError(_("Aturan pembagian hanya dapat diumumkan untuk kontrak yang "
                            "diminta, dirundingkan atau berjalan."), code="transition")


@transaction.atomic
def set_rule(*, contract: Contract, rule: str, actor) -> Contract:
    """Change the allocation rule while it is not yet published."""
    locked = _lock_contract(contract)
    _unpublished(locked)
    _check_rule(rule)
    if locked.rule != rule:
        before = locked.rule
        locked.rule = rule
        locked.save(update_fields=["rule"])
        log_action(cooperative=locked.cooperative, actor=actor, action="contract.rule_changed",
                   obj=locked, changes={"rule": [before, rule]})
    return locked


@transaction.atomic
def publish_rule(*, contract: Contract, actor, rule: str | None = None) -> Contract:
    """Publish the allocation rule (optionally changing it first): from now on it is
    locked and members may declare capacity. Every eligible member is told, in this
    transaction (one notice call for all of them)."""
    locked = _lock_contract(contract)
    _unpublished(locked)
    if rule is not None:
        locked.rule = _check_rule(rule)
    locked.rule_published_at = timezone.now()
    locked.save(update_fields=["rule", "rule_published_at"])
    eligible = selectors.eligible_members(locked)
    slug = locked.cooperative.slug
    notify(cooperative=locked.cooperative, topic=notices.CAPACITY_OPEN,
           event_id=f"contract:{locked.pk}:capacity_open",
           recipients=[m.user_id for m in eligible if m.user_id],
           link=reverse("contracts:member_capacity", args=[slug, locked.pk]),
           params={"contract": str(locked), "grade": str(locked.grade),
                   "quantity": selectors.amount(locked.quantity_per_delivery, locked.unit),
                   "rule": str(locked.get_rule_display())})
    log_action(cooperative=locked.cooperative, actor=actor, action="contract.rule_published",
               obj=locked, rule=locked.rule, members=len(eligible))
    return locked


def _sequences(contract: Contract, unavailable) -> list[int]:
    wanted = set()
    for value in unavailable or ():
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise DomainError(_("Pilih pengiriman dari jadwal."), field="unavailable") from None
        wanted.add(number)
    known = set(contract.schedule.values_list("sequence", flat=True))
    if not wanted <= known:
        raise DomainError(_("Pilih pengiriman dari jadwal."), field="unavailable")
    return sorted(wanted)


@transaction.atomic
def declare_capacity(*, contract: Contract, member, product, quantity: int, unavailable=(),
                     actor) -> Capacity:
    """A member's capacity per delivery from one of their eligible products, and the
    deliveries they say in advance they cannot serve. Declaring again replaces the
    declaration; deliveries already split keep their allotments."""
    locked = _lock_contract(contract)
    if locked.rule_published_at is None:
        raise DomainError(_("Kapasitas baru dapat dinyatakan setelah koperasi mengumumkan "
                            "aturan pembagian."), code="transition")
    if locked.status not in selectors.OPEN_FOR_CAPACITY:
        raise DomainError(_("Kontrak ini sudah tidak menerima pernyataan kapasitas."),
                          code="transition")
    if isinstance(quantity, bool) or not isinstance(quantity, int) \
            or not 1 <= quantity <= MAX_QUANTITY:
        raise DomainError(_("Kapasitas harus antara 1 dan %(max)s.")
                          % {"max": selectors.amount(MAX_QUANTITY, locked.unit)},
                          field="quantity")
    if product is None or product.member_id != member.pk:
        raise DomainError(_("Pilih salah satu produk Anda."), field="product")
    found = selectors.member_eligibility(locked, member)
    if found.reasons:
        raise DomainError(" ".join(found.reasons), field="product")
    check = next((c for c in found.products if c.product.pk == product.pk), None)
    if check is None or check.missing:
        what = "; ".join(check.missing) if check else _("bukan produk kategori %(category)s") \
            % {"category": locked.grade.category.name}
        raise DomainError(_("Produk %(product)s belum memenuhi syarat kontrak ini: %(what)s.")
                          % {"product": product.name, "what": what}, field="product")
    sequences = _sequences(locked, unavailable)
    capacity = Capacity.objects.select_for_update().filter(contract=locked, member=member).first()
    if capacity is None:
        capacity = Capacity(cooperative=locked.cooperative, contract=locked, member=member)
    capacity.product = product
    capacity.quantity = quantity
    capacity.unavailable = sequences
    capacity.declared_at = timezone.now()
    capacity.save()
    log_action(cooperative=locked.cooperative, actor=actor, action="capacity.declared",
               obj=locked, member=member.pk, product=product.pk, quantity=quantity,
               unavailable=sequences)
    return capacity


def _two_places(value: Fraction) -> Decimal:
    """An exact fraction shown to two places (no float on the way)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def _explanation(allocation: rules.Allocation, key: int, problem: rules.Problem, *,
                 kind: str, reason: str = "") -> dict:
    """The rule's working for one member, frozen as JSON: fractions as "p/q" strings
    (exact) beside a two-decimal figure for display."""
    data = rules.explain(allocation, key)
    ideal, rounding = Fraction(data["ideal"]), Fraction(data["rounding"])
    return {
        "kind": kind, "reason": reason, "rule": data["rule"], "capacity": data["capacity"],
        "usable_capacity": data["usable_capacity"], "total_capacity": data["total_capacity"],
        "recent_work": data["recent_work"], "quantity": data["quantity"],
        "allocated": data["allocated"], "shortfall": data["shortfall"],
        "share": data["share"], "lot": problem.lot, "min_lot": problem.min_lot,
        "ideal": str(ideal), "ideal_display": f"{_two_places(ideal):f}",
        "rounding": str(rounding), "rounding_display": f"{_two_places(rounding):+f}",
    }


def _write_shares(delivery, allocation, problem, capacities, actor, *, kind, reason=""):
    made = []
    for share in allocation.shares:
        if share.quantity:
            made.append(Allotment(
                cooperative=delivery.cooperative, delivery=delivery, member_id=share.key,
                capacity=capacities[share.key], kind=kind, quantity=share.quantity,
                explanation=_explanation(allocation, share.key, problem, kind=kind,
                                         reason=reason),
                created_by=actor if getattr(actor, "is_authenticated", False) else None))
    # PostgreSQL and SQLite (3.35+) hand back the new ids from one INSERT.
    Allotment.objects.bulk_create(made)
    return list(Allotment.objects.filter(pk__in=[a.pk for a in made]).select_related("member")
                .order_by("pk"))


def _tell_allotted(delivery, allotments, event: str) -> None:
    contract = delivery.contract
    personal = {}
    for allotment in allotments:
        if allotment.member.user_id:
            personal[allotment.member.user_id] = {
                "contract": str(contract), "due": date_format(delivery.due_on, "j F Y"),
                "quantity": selectors.amount(allotment.quantity, contract.unit)}
    notify_each(cooperative=delivery.cooperative, topic=notices.ALLOTTED,
                event_id=f"delivery:{delivery.pk}:{event}", personal=personal,
                link=reverse("contracts:member_contracts", args=[delivery.cooperative.slug]))


@transaction.atomic
def allocate_delivery(*, delivery: Delivery, actor=None) -> Delivery:
    """Split one planned delivery among the eligible members' capacities by the
    contract's published rule; what cannot be covered is the delivery's shortfall.
    A delivery already split is refused (nothing is split twice)."""
    contract = _lock_contract(delivery.contract)
    locked = _lock_delivery(delivery)
    locked.contract = contract
    if locked.status != Delivery.Status.PLANNED:
        raise DomainError(_("Pengiriman ini sudah dibagi ke anggota."), code="conflict")
    if contract.status not in selectors.IN_FORCE:
        raise DomainError(_("Hanya pengiriman kontrak yang berjalan yang dapat dibagi."),
                          code="transition")
    if contract.rule_published_at is None:
        raise DomainError(_("Umumkan aturan pembagian lebih dulu."), code="transition")
    capacities = selectors.counting_capacities(contract)
    problem = selectors.delivery_problem(locked, capacities)
    allocation = rules.allocate(problem)
    made = _write_shares(locked, allocation, problem, {c.member_id: c for c in capacities},
                         actor, kind=Allotment.Kind.ORIGINAL)
    locked.shortfall = allocation.shortfall
    locked.move_to(Delivery.Status.ALLOCATED)
    locked.allocated_at = timezone.now()
    locked.save(update_fields=["shortfall", "status", "allocated_at"])
    _tell_allotted(locked, made, "allotted")
    log_action(cooperative=locked.cooperative, actor=actor, action="delivery.allocated",
               obj=contract, delivery=locked.sequence, rule=contract.rule,
               quantity=locked.quantity, shortfall=allocation.shortfall, members=len(made))
    return locked


@transaction.atomic
def reallocate(*, delivery: Delivery, quantity: int, exclude_member_ids, actor,
               reason: str) -> list[Allotment]:
    """Split `quantity` of an allocated delivery that someone will not bring (a
    withdrawal, goods rejected at the quality check) among the other producers with
    spare capacity, by the same rule: new allotments of kind REALLOCATED. Members who
    withdrew from this delivery are never asked again; what nobody can take is added
    to the delivery's shortfall."""
    contract = _lock_contract(delivery.contract)
    locked = _lock_delivery(delivery)
    locked.contract = contract
    if locked.status != Delivery.Status.ALLOCATED:
        raise DomainError(_("Hanya pengiriman yang sudah dibagi dan belum diterima yang "
                            "dapat dibagi ulang."), code="transition")
    if isinstance(quantity, bool) or not isinstance(quantity, int) \
            or not 0 < quantity <= locked.quantity:
        raise DomainError(_("Jumlah yang dibagi ulang tidak valid."), field="quantity")
    capacities = selectors.counting_capacities(contract)
    base = selectors.delivery_problem(locked, capacities)
    excluded = set(exclude_member_ids) | selectors.withdrawn_members(locked)
    current = selectors.standing_shares(locked)
    # The current split as the rules see it: every producer's standing share (0 for
    # those without one), so spare_problem gives each their capacity minus that share.
    now = rules.Allocation(
        rule=base.rule, quantity=locked.quantity, allocated=sum(current.values()),
        shortfall=locked.shortfall, total_capacity=sum(p.capacity for p in base.producers),
        shares=tuple(rules.Share(key=p.key, capacity=p.capacity,
                                 quantity=min(current.get(p.key, 0), p.capacity),
                                 ideal=Fraction(0)) for p in base.producers))
    problem = rules.spare_problem(base, now, {p.key for p in base.producers} & excluded,
                                  missing=quantity)
    allocation = rules.allocate(problem)
    made = _write_shares(locked, allocation, problem, {c.member_id: c for c in capacities},
                         actor, kind=Allotment.Kind.REALLOCATED, reason=reason[:REASON_MAX])
    locked.shortfall += allocation.shortfall
    locked.save(update_fields=["shortfall"])
    first = min((a.pk for a in made), default=0)
    if made:
        _tell_allotted(locked, made, f"reallocated:{first}")
    log_action(cooperative=locked.cooperative, actor=actor, action="delivery.reallocated",
               obj=contract, delivery=locked.sequence, quantity=quantity,
               shortfall=allocation.shortfall, members=len(made), reason=reason[:REASON_MAX])
    return made


@transaction.atomic
def withdraw(*, allotment: Allotment, reason: str, actor) -> Allotment:
    """A member cannot deliver their share (said by them in advance, or recorded by an
    officer): the allotment is kept as WITHDRAWN with the reason (it counts against
    the member) and its quantity is re-allocated to the standby producers."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Tuliskan alasannya."), field="reason")
    if len(reason) > REASON_MAX or "\x00" in reason:
        raise DomainError(_("Alasan paling banyak %(max)s huruf.") % {"max": REASON_MAX},
                          field="reason")
    delivery = allotment.delivery
    _lock_contract(delivery.contract)
    locked_delivery = _lock_delivery(delivery)
    locked = Allotment.objects.select_for_update().get(pk=allotment.pk)
    if locked_delivery.status != Delivery.Status.ALLOCATED:
        raise DomainError(_("Pengiriman ini sudah diterima; bagiannya tidak dapat ditarik "
                            "lagi."), code="transition")
    locked.move_to(Allotment.Status.WITHDRAWN,
                   _("Bagian ini sudah ditarik atau sudah diperiksa."))
    locked.withdrawn_reason = reason
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["status", "withdrawn_reason", "withdrawn_at"])
    log_action(cooperative=locked.cooperative, actor=actor, action="allotment.withdrawn",
               obj=delivery.contract, member=locked.member_id, delivery=delivery.sequence,
               quantity=locked.quantity, reason=reason)
    # Nor to a member whose goods for this delivery were just rejected or short.
    failed = set(Receipt.objects.filter(allotment__delivery=locked_delivery).filter(
        Q(rejected__gt=0) | Q(received__lt=F("allotment__quantity")))
        .values_list("allotment__member_id", flat=True))
    reallocate(delivery=locked_delivery, quantity=locked.quantity,
               exclude_member_ids={locked.member_id} | failed, actor=actor, reason=reason)
    return locked


def allocate_due_deliveries(*, cooperative=None, days_ahead: int = 7,
                            failures: list | None = None) -> list[Delivery]:
    """The periodic job's work: split every planned delivery of a contract in force
    that is due within `days_ahead` days (in `cooperative`, or in all), each in its own
    cooperative's scope and transaction. A delivery split by hand a moment ago is
    skipped; one that fails goes into `failures` as (delivery, error) when the caller
    collects them (else the call raises after splitting the others), so one bad
    delivery never keeps the rest from being split."""
    until = timezone.localdate() + dt.timedelta(days=days_ahead)
    with scopes_disabled():
        due = Delivery.objects.filter(status=Delivery.Status.PLANNED, due_on__lte=until,
                                      contract__status__in=selectors.IN_FORCE,
                                      contract__rule_published_at__isnull=False)
        if cooperative is not None:
            due = due.filter(cooperative=cooperative)
        due = list(due.select_related("cooperative", "contract").order_by("due_on", "pk"))
    done, failed = [], []
    for delivery in due:
        with scope(cooperative=delivery.cooperative):
            try:
                done.append(allocate_delivery(delivery=delivery))
            except DomainError:  # split by hand a moment ago, or the contract ended
                continue
            except Exception as exc:
                logger.exception("splitting delivery %s (%s) failed", delivery.pk,
                                 delivery.cooperative.slug)
                failed.append((delivery, exc))
    if failures is not None:
        failures.extend(failed)
    elif failed:
        raise RuntimeError(f"deliveries that could not be split: {[d.pk for d, _ in failed]}")
    return done
