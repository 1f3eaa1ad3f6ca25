"""Negotiation objects for tests: a contract requested by a corporate buyer through the
service (so it has its number and its request on the table), and the bodies the
pages and the API take."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

from guyub.contracts.models import Contract, Grade
from guyub.contracts.negotiation import services
from guyub.testing.contracts import coffee_grade, corporate_buyer


def grade_of(cooperative) -> Grade:
    """The cooperative's coffee grade (made once, with its floor of Rp85.000)."""
    with scope(cooperative=cooperative):
        grade = Grade.objects.filter(name="Arabika grade 1").first()
    return grade or coffee_grade(cooperative)


def requested_contract(cooperative, *, buyer=None, grade=None, price=Decimal("95000"),
                       quantity=2000, deliveries=4, title="Kopi sangrai untuk hotel") -> Contract:
    """A contract the buyer requested at `price`: its request is on the table."""
    buyer = buyer or corporate_buyer(cooperative, legal_name="PT Kafe Tugu Jaya")
    grade = grade or grade_of(cooperative)
    with scope(cooperative=cooperative):
        contract = Contract(
            cooperative=cooperative, title=title, grade=grade,
            specification="Arabika sangrai medium, kemasan 1 kg", unit=Contract.Unit.KG,
            quantity_per_delivery=quantity, deliveries=deliveries, interval_days=7,
            first_delivery_on=timezone.localdate() + dt.timedelta(days=14),
            delivery_place="Gudang pembeli, Jl. Malioboro 52", price=price,
            payment_terms_days=30)
        return services.request_contract(contract, actor=buyer.user, buyer=buyer)


def contract_body(grade, **changes) -> dict:
    """What the request form (and the API) takes for a valid contract."""
    body = {"title": "Kopi sangrai untuk kafe", "grade": grade.pk,
            "specification": "Arabika sangrai medium", "channel": "", "unit": "kg",
            "lot_size": 1, "min_lot": 0, "quantity_per_delivery": 500, "deliveries": 6,
            "interval_days": 7,
            "first_delivery_on": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
            "delivery_place": "Kafe Tugu, Yogyakarta", "price": "92000",
            "payment_terms_days": 45}
    body.update(changes)
    return body


def api_contract_body(grade, **changes) -> dict:
    body = contract_body(grade)
    body["grade_id"] = body.pop("grade")
    body.pop("channel")
    body.update(changes)
    return body


def offer_post(action="offer", **changes) -> dict:
    """The page's POST for a step (offer fields carry the form's prefix)."""
    body = {"action": action, "offer-price": "90000", "offer-quantity_per_delivery": "2000",
            "offer-deliveries": "4", "offer-payment_terms_days": "30", "offer-message": ""}
    body.update(changes)
    return body


def negotiation_world(cooperative, actor) -> dict:
    """For the URL walks: the grade of the contract world the walks already built
    (guyub.testing.contracts_walk) and one of its approvals; the contract pages point
    at that world's contract."""
    from guyub.contracts.models import GradeApproval

    with scope(cooperative=cooperative):
        grade = Grade.objects.get(name="Arabika grade 1")
        approval = GradeApproval.objects.filter(grade=grade).order_by("pk").first()
    return {"grade": grade, "grade_approval": approval}


def api_contract(cooperative, method: str) -> Contract:
    """For the API walk: to read, the world's contract; to write, a fresh contract the
    buyer requested at Rp95.000 (above the floor), so each call has a step to take."""
    if method == "post":
        return requested_contract(cooperative)
    with scope(cooperative=cooperative):
        return Contract.objects.filter(status=Contract.Status.ACTIVE).order_by("id").first()
