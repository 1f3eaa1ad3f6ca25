"""Dispute objects for tests: a contract delivery taken through to the buyer (members'
allotments, their quality checks, the invoice and the members' payments due) and, for
the permission and tenant walks, one complaint on it.

Rows are written directly, not through the deliveries' services (another package),
so the dispute tests stand on a known world."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

from guyub.catalog.models import Category
from guyub.contracts.models import (
    Allotment,
    BuyerInvoice,
    Capacity,
    Delivery,
    Dispute,
    DisputeMessage,
    Grade,
    MemberPayment,
    Receipt,
)
from guyub.ledger.services import Line, post_entry
from guyub.sales.models import Buyer
from guyub.testing.catalog import approved_product
from guyub.testing.contracts import active_contract, coffee_grade, contract_world


def deliver(contract, parts, actor, *, sequence=1, invoiced=True) -> dict:
    """Delivery `sequence` of `contract` allotted, checked and delivered: `parts` is
    [(member, allotted, accepted, reason)]. With `invoiced`, the invoice for the accepted
    goods (its sale posted: Dr receivable_buyers / Cr income_non_members) and each
    member's payment due."""
    coop = contract.cooperative
    with scope(cooperative=coop):
        delivery = Delivery.objects.get(contract=contract, sequence=sequence)
        allotments, receipts, payments = [], [], []
        for member, allotted, accepted, reason in parts:
            capacity = Capacity.objects.get(contract=contract, member=member)
            allotment = Allotment.objects.create(
                cooperative=coop, delivery=delivery, member=member, capacity=capacity,
                quantity=allotted, status=Allotment.Status.RECEIVED, created_by=actor)
            receipt = Receipt.objects.create(
                cooperative=coop, allotment=allotment, received=allotted, accepted=accepted,
                rejected=allotted - accepted, reason=reason, checked_by=actor)
            allotments.append(allotment)
            receipts.append(receipt)
            if invoiced:
                payments.append(MemberPayment.objects.create(
                    cooperative=coop, receipt=receipt, member=member,
                    amount=contract.price * accepted,
                    due_on=timezone.localdate() + dt.timedelta(days=7)))
        delivery.status = Delivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.save(update_fields=["status", "delivered_at"])
        invoice = None
        if invoiced:
            accepted = sum(r.accepted for r in receipts)
            invoice = BuyerInvoice.objects.create(
                cooperative=coop, delivery=delivery,
                number=BuyerInvoice.objects.count() + 1, quantity=accepted,
                unit_price=contract.price, payment_terms_days=contract.payment_terms_days,
                amount=contract.price * accepted, issued_on=timezone.localdate(),
                due_on=timezone.localdate() + dt.timedelta(days=contract.payment_terms_days))
            post_entry(cooperative=coop, date=timezone.localdate(), actor=actor,
                       description=f"Faktur {invoice.number}", source=invoice,
                       lines=[Line("receivable_buyers", debit=invoice.amount),
                              Line("income_non_members", credit=invoice.amount)])
    return {"delivery": delivery, "allotments": allotments, "receipts": receipts,
            "invoice": invoice, "payments": payments}


def disputes_world(cooperative, actor) -> dict:
    """contract_world with its first delivery delivered: Sri 1,000 kg accepted, Bambang
    600 kg of which 50 rejected (too moist), Siti 400 kg accepted; invoiced at
    Rp95.000/kg (1,950 kg: Rp185.250.000) and the members' payments due."""
    world = contract_world(cooperative, actor)
    sri, bambang, siti = world["members"]
    done = deliver(world["contract"], [
        (sri, 1000, 1000, ""),
        (bambang, 600, 550, "Kadar air 14 %, di atas batas 12,5 %"),
        (siti, 400, 400, ""),
    ], actor)
    return {**world, **done}


def open_complaint(delivery, *, party, by, allotment=None, subject="Biji pecah",
                   text="Banyak biji pecah di karung 3.") -> Dispute:
    """A complaint with its first message, written directly."""
    coop = delivery.cooperative
    with scope(cooperative=coop):
        dispute = Dispute.objects.create(cooperative=coop, delivery=delivery,
                                         allotment=allotment, opened_by_party=party,
                                         opened_by=by, subject=subject)
        DisputeMessage.objects.create(cooperative=coop, dispute=dispute, party=party,
                                      text=text, by=by)
    return dispute


def dispute_pages_world(cooperative, user, member) -> dict:
    """For the permission and tenant walks: a contract whose buyer record is `user`'s
    (only the record: what `user` may open is decided by their roles), a delivered
    delivery with `member`'s checked part, and the buyer's complaint naming that part,
    so the buyer's and the member's own pages open for `user`."""
    with scope(cooperative=cooperative):
        buyer = Buyer.objects.create(cooperative=cooperative, user=user,
                                     kind=Buyer.Kind.BUSINESS, name="Rina Kartika",
                                     company="PT Hotel Uji Hak", email="rina@contoh.id",
                                     phone="081234567890")
        grade = Grade.objects.filter(name="Arabika grade 1").first()
    grade = grade or coffee_grade(cooperative)
    with scope(cooperative=cooperative):
        category = Category.objects.get(pk=grade.category_id)
        product = approved_product(member=member, actor=user, category=category,
                                   name="Kopi Arabika Sangrai Uji", price="120000", stock=50,
                                   grams=1000, unit="kg")
    contract = active_contract(cooperative, buyer=buyer, grade=grade, actor=user,
                               quantity=500, deliveries=2, price=Decimal("95000"))
    with scope(cooperative=cooperative):
        Capacity.objects.create(cooperative=cooperative, contract=contract, member=member,
                                product=product, quantity=500)
    done = deliver(contract, [(member, 500, 480, "Sebagian biji pecah")], user)
    dispute = open_complaint(done["delivery"], party=Dispute.Party.BUYER, by=user,
                             allotment=done["allotments"][0])
    return {"buyer_own_contract": contract, "dispute_delivery": done["delivery"],
            "contract_allotment": done["allotments"][0],
            "contract_dispute": dispute}
