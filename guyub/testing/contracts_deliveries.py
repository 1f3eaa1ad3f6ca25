"""Delivery objects for tests: allotments written directly (as the allocation would
have split delivery 1 of `contract_world`: 1,000 / 600 / 400 kg), and the same delivery
checked, delivered and invoiced through the deliveries services.

The allotments are rows, not the allocation service's work, so the deliveries tests
stand on a known world whatever the allocation does."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from PIL import Image

from guyub.contracts.models import Allotment, Capacity, Delivery
from guyub.testing.contracts import contract_world


def allotted_delivery(world: dict, sequence: int = 1) -> Delivery:
    """Delivery `sequence` of the world's contract split 1,000 / 600 / 400 among its
    three producers (their declared capacities), moved to ALLOCATED."""
    contract = world["contract"]
    coop = contract.cooperative
    with scopes_disabled():
        delivery = Delivery.objects.get(contract=contract, sequence=sequence)
        for member in world["members"]:
            capacity = Capacity.objects.get(contract=contract, member=member)
            Allotment.objects.create(cooperative=coop, delivery=delivery, member=member,
                                     capacity=capacity, quantity=capacity.quantity,
                                     explanation={"rule": contract.rule})
        delivery.status = Delivery.Status.ALLOCATED
        delivery.allocated_at = timezone.now()
        delivery.save(update_fields=["status", "allocated_at"])
    return delivery


def allotments(delivery: Delivery) -> list[Allotment]:
    """The delivery's allotments, largest first (1,000 / 600 / 400)."""
    with scopes_disabled():
        return list(Allotment.objects.filter(delivery=delivery)
                    .select_related("member").order_by("-quantity", "pk"))


def photo_upload(name="tolak.png", size=(8, 8)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 80, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def check_all(delivery: Delivery, actor, *, rejected: dict | None = None) -> list:
    """Check every allotment through the service: all accepted except `rejected`
    ({allotment index: quantity}, with a reason)."""
    from guyub.contracts.deliveries.services import check_goods

    rejected = rejected or {}
    receipts = []
    with scope(cooperative=delivery.cooperative):
        for i, allotment in enumerate(allotments(delivery)):
            bad = rejected.get(i, 0)
            receipts.append(check_goods(
                allotment=allotment, received=allotment.quantity,
                accepted=allotment.quantity - bad, rejected=bad,
                reason="Kadar air 14 %" if bad else "", actor=actor))
    return receipts


def delivered_world(cooperative, actor) -> dict:
    """contract_world with delivery 1 allotted, checked (all accepted) and delivered to
    the buyer: its receipts and invoice too."""
    from guyub.contracts.deliveries.services import deliver_to_buyer

    world = contract_world(cooperative, actor)
    delivery = allotted_delivery(world)
    receipts = check_all(delivery, actor)
    with scope(cooperative=cooperative):
        invoice = deliver_to_buyer(delivery=delivery, actor=actor)
    return {**world, "delivery": delivery, "receipts": receipts, "invoice": invoice}


def deliveries_world(cooperative, actor) -> dict:
    """The records the permission and tenant walks point the delivery pages at."""
    world = delivered_world(cooperative, actor)
    return {"contract_delivery": world["delivery"], "contract_receipt": world["receipts"][0],
            "buyer_invoice": world["invoice"]}
