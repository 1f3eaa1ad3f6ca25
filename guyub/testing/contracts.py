"""Contract objects for tests: a corporate buyer with its business profile, a graded
coffee category with a floor price, member producers whose products meet the grade,
and (on request) an agreed contract with its schedule and declared capacities.

The rows are written directly, not through the services, so that each package's tests
stand on a known world without depending on another package's pages."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.catalog.models import Category
from guyub.contracts.models import (
    BusinessProfile,
    Capacity,
    Contract,
    ContractVersion,
    Delivery,
    FloorPrice,
    Grade,
    GradeApproval,
    Offer,
)
from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.sales.models import Buyer
from guyub.testing.catalog import approved_product
from guyub.testing.factories import MemberFactory, UserFactory

PRODUCERS = [("Sri Wahyuni", "Kopi Merapi Bu Sri"), ("Bambang Sutrisno", "Sangrai Kaliurang"),
             ("Siti Aminah", "Kopi Lereng Turgo")]


def corporate_buyer(cooperative, *, user=None, legal_name="PT Hotel Nusantara Raya") -> Buyer:
    """A business buyer with a portal login (buyer role) and its business profile."""
    if user is None:
        user = UserFactory()
    with scopes_disabled():
        CoopRole.objects.get_or_create(user=user, cooperative=cooperative, role=Role.BUYER)
        buyer = Buyer.objects.create(cooperative=cooperative, user=user, kind=Buyer.Kind.BUSINESS,
                                     name="Rina Kartika", company=legal_name,
                                     email=user.email, phone="081234567890")
        BusinessProfile.objects.create(
            cooperative=cooperative, buyer=buyer, legal_name=legal_name, nib="9120001234567",
            npwp="0123456789012345", contact_name="Rina Kartika", contact_phone="081234567890",
            contact_email=user.email, billing_address="Jl. Malioboro 52, Yogyakarta")
    return buyer


def coffee_grade(cooperative, *, floor=Decimal("85000")) -> Grade:
    """Roasted coffee, grade 1, with the board's floor price per kg."""
    with scopes_disabled():
        category, _ = Category.objects.get_or_create(
            cooperative=cooperative, name="Kopi sangrai", defaults={"is_food": True})
        grade = Grade.objects.create(cooperative=cooperative, category=category,
                                     name="Arabika grade 1",
                                     description="Kadar air ≤ 12,5 %, cacat ≤ 11 per 300 g")
        FloorPrice.objects.create(cooperative=cooperative, grade=grade, price=floor,
                                  reference="Rapat pengurus 2 Desember 2026")
    return grade


def producers(cooperative, actor, grade, count=3) -> list:
    """Members, each with an approved coffee product approved for the grade."""
    made = []
    with scope(cooperative=cooperative):
        for i in range(count):
            name, business = PRODUCERS[i % len(PRODUCERS)]
            member = MemberFactory(cooperative=cooperative, user=UserFactory(),
                                   owner_name=name if i < len(PRODUCERS) else f"{name} {i}",
                                   business_name=business)
            CoopRole.objects.get_or_create(user=member.user, cooperative=cooperative,
                                           role=Role.MEMBER)
            product = approved_product(member=member, actor=actor, category=grade.category,
                                       name=f"Kopi Arabika Sangrai {business}",
                                       price="120000", stock=50, grams=1000, unit="kg")
            GradeApproval.objects.create(cooperative=cooperative, product=product, grade=grade,
                                         approved_by=actor)
            member.coffee = product
            made.append(member)
    return made


def active_contract(cooperative, *, buyer, grade, actor, quantity=2000, deliveries=4,
                    price=Decimal("95000"), rule=Contract.Rule.PROPORTIONAL, lot_size=1,
                    min_lot=0, first_delivery_on=None, payment_terms_days=60) -> Contract:
    """An agreed contract (version 1, the rule published) with its delivery schedule."""
    first = first_delivery_on or timezone.localdate() + dt.timedelta(days=7)
    with scope(cooperative=cooperative):
        number = Contract.objects.filter(cooperative=cooperative).count() + 1
        contract = Contract.objects.create(
            cooperative=cooperative, number=number, buyer=buyer,
            title="Kopi sangrai untuk hotel", grade=grade,
            specification="Arabika sangrai medium, kemasan 1 kg", unit=Contract.Unit.KG,
            lot_size=lot_size, min_lot=min_lot, quantity_per_delivery=quantity,
            deliveries=deliveries, interval_days=7, first_delivery_on=first,
            delivery_place="Gudang Hotel Nusantara, Jl. Malioboro 52", price=price,
            payment_terms_days=payment_terms_days, rule=rule, status=Contract.Status.ACTIVE,
            rule_published_at=timezone.now(), requested_by=buyer.user)
        Offer.objects.create(cooperative=cooperative, contract=contract, version=1,
                             party=Offer.Party.BUYER, kind=Offer.Kind.REQUEST, price=price,
                             quantity_per_delivery=quantity, deliveries=deliveries,
                             payment_terms_days=payment_terms_days, by=buyer.user)
        Offer.objects.create(cooperative=cooperative, contract=contract, version=1,
                             party=Offer.Party.COOPERATIVE, kind=Offer.Kind.ACCEPT, by=actor)
        ContractVersion.objects.create(cooperative=cooperative, contract=contract, version=1,
                                       terms=contract.terms(), accepted_by=actor)
        Delivery.objects.bulk_create([
            Delivery(cooperative=cooperative, contract=contract, sequence=i + 1, due_on=day,
                     quantity=quantity)
            for i, day in enumerate(contract.delivery_dates())])
    return contract


def declare(contract, member, quantity, unavailable=()) -> Capacity:
    with scopes_disabled():
        return Capacity.objects.create(cooperative=contract.cooperative, contract=contract,
                                       member=member, product=member.coffee, quantity=quantity,
                                       unavailable=list(unavailable))


def contract_world(cooperative, actor) -> dict:
    """A buyer, a grade, three producers with capacities 1,000, 600 and 400 kg per
    delivery, and an agreed 4-delivery contract of 2,000 kg each."""
    buyer = corporate_buyer(cooperative)
    grade = coffee_grade(cooperative)
    members = producers(cooperative, actor, grade)
    contract = active_contract(cooperative, buyer=buyer, grade=grade, actor=actor)
    for member, quantity in zip(members, (1000, 600, 400), strict=True):
        declare(contract, member, quantity)
    return {"buyer": buyer, "grade": grade, "members": members, "contract": contract}
