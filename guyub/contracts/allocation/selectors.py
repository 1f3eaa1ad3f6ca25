"""Reads of the allocation: who is eligible for a contract (and what is missing for
those who are not), the declared capacities, the problem a delivery's split is
computed from, the capacity shortfall, and a member's own allotments."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from babel.numbers import format_decimal
from django.db.models import Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guyub.catalog import selectors as catalog
from guyub.catalog.eligibility import missing_for_channel
from guyub.catalog.models import Product
from guyub.members.models import Member

from ..negotiation.models import Contract, GradeApproval
from . import rules
from .models import Allotment, Capacity, Delivery

# Members may declare capacity (and a rule may be published) only while the contract
# can still lead to deliveries.
OPEN_FOR_CAPACITY = (Contract.Status.REQUESTED, Contract.Status.NEGOTIATING,
                     Contract.Status.ACTIVE, Contract.Status.AMENDING)
# Deliveries are split only for contracts in force.
IN_FORCE = (Contract.Status.ACTIVE, Contract.Status.AMENDING)
# Rotation looks back this far for the work each member already had from contracts.
RECENT_WORK_DAYS = 90
# An allotment that still counts (given to the member, or delivered and checked).
STANDING = (Allotment.Status.ALLOTTED, Allotment.Status.RECEIVED)


@dataclass
class ProductCheck:
    product: Product
    missing: list[str] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.missing


@dataclass
class Eligibility:
    """Whether a member may supply a contract, product by product, and why not."""

    member: Member
    products: list[ProductCheck] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # about the member, not a product

    @property
    def eligible_products(self) -> list[Product]:
        return [c.product for c in self.products if c.eligible]

    @property
    def eligible(self) -> bool:
        return not self.reasons and bool(self.eligible_products)

    def why_not(self) -> list[str]:
        """Everything missing, in sentences a member understands."""
        if self.eligible:
            return []
        said = list(self.reasons)
        said += [_("%(product)s: %(missing)s.") % {"product": c.product.name,
                                                     "missing": "; ".join(c.missing)}
                 for c in self.products if c.missing]
        return said


def eligibility(contract: Contract, members, on: dt.date | None = None) -> dict[int, Eligibility]:
    """Eligibility of each of `members` for `contract`, in a fixed number of queries.

    Eligible: an active member with an approved catalog product of the grade's category
    that staff approved for the grade (the approval not past its `valid_until`) and,
    when the contract names a channel, that meets the channel's certificate rules with
    the certificates in force on `on`."""
    on = on or timezone.localdate()
    members = list(members)
    grade = contract.grade
    products = list(Product.objects.filter(member__in=members, category_id=grade.category_id,
                                           status=Product.Status.APPROVED)
                    .select_related("category").order_by("name", "pk"))
    approvals = {a.product_id: a for a in GradeApproval.objects.filter(
        grade=grade, product__in=products)}
    certificates = catalog.certificates_for(products) if contract.channel_id else {}
    result = {m.pk: Eligibility(member=m) for m in members}
    for product in products:
        check = ProductCheck(product)
        approval = approvals.get(product.pk)
        if approval is None:
            check.missing.append(_("belum lolos uji mutu %(grade)s") % {"grade": grade.name})
        elif approval.valid_until is not None and approval.valid_until < on:
            check.missing.append(_("persetujuan mutu %(grade)s berakhir %(date)s")
                                 % {"grade": grade.name,
                                    "date": approval.valid_until.strftime("%d-%m-%Y")})
        if contract.channel_id:
            lacking = missing_for_channel(
                catalog.facts_for(product, certificates[product.pk], on), contract.channel.rules)
            if lacking:
                check.missing.append(_("syarat saluran %(channel)s belum terpenuhi: %(what)s")
                                     % {"channel": contract.channel.name,
                                        "what": ", ".join(lacking)})
        result[product.member_id].products.append(check)
    for found in result.values():
        if not found.member.is_member:
            found.reasons.append(_("Hanya anggota aktif yang dapat memasok kontrak."))
        if not found.products:
            found.reasons.append(
                _("Belum ada produk %(category)s Anda yang disetujui kurasi.")
                % {"category": grade.category.name})
    return result


def member_eligibility(contract: Contract, member: Member) -> Eligibility:
    return eligibility(contract, [member])[member.pk]


def eligible_members(contract: Contract) -> list[Member]:
    """The active members who may supply the contract (whom publishing tells)."""
    candidates = Member.objects.filter(
        status=Member.Status.ACTIVE, products__category_id=contract.grade.category_id,
        products__status=Product.Status.APPROVED,
        products__grade_approvals__grade=contract.grade).distinct().order_by("pk")
    found = eligibility(contract, candidates)
    return [e.member for e in found.values() if e.eligible]


def published_contracts():
    """Contracts open for members' capacity: the rule published, not ended."""
    return (Contract.objects.filter(rule_published_at__isnull=False,
                                    status__in=OPEN_FOR_CAPACITY)
            .select_related("grade__category", "channel").order_by("first_delivery_on", "pk"))


def contract_capacities(contract: Contract) -> list[Capacity]:
    """The declarations, each carrying `.eligibility` (checked today, not at declaring)."""
    capacities = list(contract.capacities.select_related("member", "product")
                      .order_by("-quantity", "member__owner_name", "pk"))
    found = eligibility(contract, [c.member for c in capacities])
    for capacity in capacities:
        capacity.eligibility = found[capacity.member_id]
        capacity.counts = any(p.pk == capacity.product_id
                              for p in capacity.eligibility.eligible_products)
    return capacities


def counting_capacities(contract: Contract) -> list[Capacity]:
    """Declarations that count: the member is still eligible with the product declared."""
    return [c for c in contract_capacities(contract) if c.counts]


def recent_work(member_ids, before: dt.date) -> dict[int, int]:
    """What each member already had from contracts lately, for the rotation rule: the
    quantity of their standing allotments (given, or delivered and checked, never the
    withdrawn) on deliveries due in the RECENT_WORK_DAYS before `before`, over all the
    cooperative's contracts."""
    since = before - dt.timedelta(days=RECENT_WORK_DAYS)
    rows = (Allotment.objects.filter(member_id__in=list(member_ids), status__in=STANDING,
                                     delivery__due_on__gte=since, delivery__due_on__lt=before)
            .values("member_id").annotate(total=Sum("quantity")))
    return {row["member_id"]: row["total"] for row in rows}


def delivery_problem(delivery: Delivery, capacities=None) -> rules.Problem:
    """The split asked of the rules: the delivery's quantity among the counting
    capacities of members who did not say they cannot serve this delivery."""
    contract = delivery.contract
    if capacities is None:
        capacities = counting_capacities(contract)
    available = [c for c in capacities if delivery.sequence not in (c.unavailable or [])]
    work = recent_work([c.member_id for c in available], delivery.due_on)
    return rules.Problem(
        quantity=delivery.quantity, rule=contract.rule, lot=contract.lot_size,
        min_lot=contract.min_lot,
        producers=tuple(rules.Producer(key=c.member_id, capacity=c.quantity,
                                       recent_work=work.get(c.member_id, 0))
                        for c in available))


def capacity_problem(contract: Contract, capacities=None) -> rules.Problem:
    """One delivery of the contract against every counting declaration."""
    if capacities is None:
        capacities = counting_capacities(contract)
    return rules.Problem(
        quantity=contract.quantity_per_delivery, rule=contract.rule, lot=contract.lot_size,
        min_lot=contract.min_lot,
        producers=tuple(rules.Producer(key=c.member_id, capacity=c.quantity)
                        for c in capacities))


def capacity_shortfall(contract: Contract) -> int:
    """How much of each delivery the declared capacities cannot cover (whole lots and
    the minimum share respected): what the negotiation page warns about."""
    return rules.shortfall(capacity_problem(contract))


def standing_shares(delivery: Delivery) -> dict[int, int]:
    """Each member's standing quantity in the delivery (all their allotment rows)."""
    rows = (Allotment.objects.filter(delivery=delivery, status__in=STANDING)
            .values("member_id").annotate(total=Sum("quantity")))
    return {row["member_id"]: row["total"] for row in rows}


def withdrawn_members(delivery: Delivery) -> set[int]:
    return set(Allotment.objects.filter(delivery=delivery, status=Allotment.Status.WITHDRAWN)
               .values_list("member_id", flat=True))


def contract_deliveries(contract: Contract):
    return contract.schedule.prefetch_related("allotments__member").order_by("sequence")


def delivery_allotments(delivery: Delivery):
    return delivery.allotments.select_related("member", "capacity__product").order_by(
        "member__owner_name", "pk")


def get_delivery(contract: Contract, pk: int) -> Delivery:
    return get_object_or_404(Delivery.objects.select_related("contract__grade"),
                             contract=contract, pk=pk)


def member_capacities(member: Member):
    return (Capacity.objects.filter(member=member)
            .select_related("contract", "product").order_by("-declared_at"))


def member_allotments(member: Member):
    return (Allotment.objects.filter(member=member)
            .select_related("delivery__contract", "capacity__product")
            .order_by("delivery__due_on", "pk"))


def own_allotment(member: Member, pk: int) -> Allotment:
    """The member's own allotment; another member's does not exist for them (404)."""
    return get_object_or_404(
        Allotment.objects.select_related("delivery__contract__grade", "capacity__product"),
        member=member, pk=pk)


def withdrawals_of(member: Member):
    """Allotments the member could not deliver: kept, and counted against them."""
    return (Allotment.objects.filter(member=member, status=Allotment.Status.WITHDRAWN)
            .select_related("delivery__contract").order_by("-withdrawn_at", "-pk"))


def fraction(text) -> Fraction:
    """An explanation's fraction ("1000/3") back as a number."""
    return Fraction(str(text))


def amount(quantity, unit: str) -> str:
    """A quantity with its unit as the pages and notices write it: "2.000 kg"."""
    locale = "en_ID" if (get_language() or "id").startswith("en") else "id_ID"
    number = quantity if isinstance(quantity, int) else round(Decimal(quantity.numerator)
                                                               / quantity.denominator, 2)
    return f"{format_decimal(number, locale=locale)} {unit}"


def _percent(part, whole) -> str:
    locale = "en_ID" if (get_language() or "id").startswith("en") else "id_ID"
    value = round(Decimal(part) * 100 / Decimal(whole), 1) if whole else Decimal(0)
    return f"{format_decimal(value, format='#,##0.#', locale=locale)} %"


def explain_share(allotment: Allotment) -> list[str]:
    """"Explain my share": the rule's working for the member, in plain sentences, from
    what was frozen on the allotment when it was computed."""
    data = allotment.explanation or {}
    unit = allotment.delivery.contract.unit
    if not data:
        return [_("Bagian Anda %(share)s.") % {"share": amount(allotment.quantity, unit)}]

    def qty(value):
        return amount(fraction(value) if isinstance(value, str) else value, unit)

    rule = data["rule"]
    said = [_("Aturan pembagian kontrak ini: %(rule)s.")
            % {"rule": Contract.Rule(rule).label}]
    if data.get("kind") == Allotment.Kind.REALLOCATED:
        said.append(_("Bagian ini adalah bagian pengganti: anggota lain tidak bisa mengirim "
                      "bagiannya (%(reason)s), dan kekurangannya dibagi kepada anggota yang "
                      "masih punya kapasitas sisa dengan aturan yang sama. Kapasitas di bawah "
                      "ini adalah kapasitas sisa.") % {"reason": data.get("reason") or "—"})
    usable, total = data["usable_capacity"], data["total_capacity"]
    if usable != data["capacity"]:
        said.append(_("Dari kapasitas Anda %(capacity)s, yang dihitung %(usable)s (kelipatan "
                      "%(lot)s dan paling sedikit %(min)s per anggota).")
                    % {"capacity": qty(data["capacity"]), "usable": qty(usable),
                       "lot": qty(data["lot"]), "min": qty(data["min_lot"])})
    asked = qty(data["quantity"])
    ideal = qty(data["ideal"])
    if rule == Contract.Rule.PROPORTIONAL:
        said.append(_("Kapasitas Anda %(usable)s dari total %(total)s (%(pct)s), jadi bagian "
                      "ideal Anda %(pct)s dari %(asked)s yang diminta, yaitu %(ideal)s.")
                    % {"usable": qty(usable), "total": qty(total),
                       "pct": _percent(usable, total), "asked": asked, "ideal": ideal})
    elif rule == Contract.Rule.EQUAL:
        said.append(_("Dengan aturan sama rata, %(asked)s yang diminta dibagi sama besar, "
                      "tetapi tidak ada yang mendapat lebih dari kapasitasnya (kapasitas Anda "
                      "%(usable)s dari total %(total)s). Bagian ideal Anda %(ideal)s.")
                    % {"asked": asked, "usable": qty(usable), "total": qty(total),
                       "ideal": ideal})
    else:
        said.append(_("Dengan aturan bergiliran, anggota yang paling sedikit mendapat pekerjaan "
                      "kontrak dalam %(days)s hari terakhir didahulukan, sampai kapasitasnya "
                      "penuh. Pekerjaan kontrak Anda dalam %(days)s hari terakhir: %(work)s. "
                      "Kapasitas Anda %(usable)s dari total %(total)s; bagian ideal Anda "
                      "%(ideal)s dari %(asked)s yang diminta.")
                    % {"days": RECENT_WORK_DAYS, "work": qty(data["recent_work"]),
                       "usable": qty(usable), "total": qty(total), "ideal": ideal,
                       "asked": asked})
    rounding = fraction(data["rounding"])
    share = qty(data["share"])
    if rounding == 0:
        said.append(_("Bagian Anda %(share)s, tepat sama dengan bagian idealnya.")
                    % {"share": share})
    else:
        said.append(_("Karena setiap bagian harus bilangan bulat kelipatan %(lot)s, bagian "
                      "Anda dibulatkan menjadi %(share)s (%(diff)s dari bagian ideal); "
                      "pembulatan semua anggota saling menutup sehingga jumlahnya tetap.")
                    % {"lot": qty(data["lot"]), "share": share,
                       "diff": ("+" if rounding > 0 else "−") + qty(abs(rounding))})
    if data.get("shortfall"):
        said.append(_("Kapasitas yang ada kurang %(short)s dari yang diminta; kekurangan itu "
                      "dicatat koperasi, bukan dibebankan kepada Anda.")
                    % {"short": qty(data["shortfall"])})
    return said
