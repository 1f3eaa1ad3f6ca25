"""Request bodies for the storefront and order endpoints in the permission table
(guyub/core/tests): each call that must succeed gets what it needs."""

from django_scopes import scope, scopes_disabled

from guyub.catalog.models import Product
from guyub.sales.models import Buyer, Order
from guyub.sales.orders.services import Item, place_order

BUYER = {"name": "Toko Bu Tini", "email": "tini@contoh.id", "phone": "081234500001"}
DESTINATION = {"address": "Jl. Malioboro 52", "city": "Kota Yogyakarta", "province": "34"}


def _product(member) -> Product:
    with scopes_disabled():
        return (Product.objects.filter(member=member, status=Product.Status.APPROVED)
                .order_by("pk").first())


def world_order(member) -> Order:
    """The order of the world (guyub.testing.sales.sales_world): the member's first."""
    with scopes_disabled():
        return Order.objects.filter(fulfilment__member=member).order_by("pk").first()


def order_body(member) -> dict:
    """Place one unit of the member's product, for a new buyer."""
    return {"items": [{"kind": "product", "id": _product(member).pk, "quantity": 1}],
            "buyer": BUYER, "destination": DESTINATION}


def notify_body(member, n: int) -> dict:
    """A payment notification for a fresh unpaid order (one per call, so every role
    allowed to notify records a payment of its own)."""
    cooperative = member.cooperative
    with scope(cooperative=cooperative):
        buyer = Buyer.objects.create(cooperative=cooperative,
                                     **{**BUYER, "phone": "+6281234500001"})
        order = place_order(cooperative=cooperative, buyer=buyer,
                            items=[Item("product", _product(member).pk, 1)],
                            **DESTINATION).order
    return {"order_number": order.display_number, "amount": str(order.total),
            "method": "bank_transfer", "reference": f"UJI-{cooperative.slug}-{order.number}-{n}"}
