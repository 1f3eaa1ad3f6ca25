"""Sales objects for tests: one order taken through the whole consignment path."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

from guyub.catalog.models import Category, Product
from guyub.sales import services
from guyub.sales.models import Buyer


def sales_world(cooperative, user, member) -> dict:
    """A paid order of `member`'s product with its goods in the warehouse, the shipment it
    waits in (still being prepared) and the payout that paid `member` for it."""
    with scope(cooperative=cooperative):
        category = Category.objects.create(cooperative=cooperative, name="Kopi", is_food=True)
        product = Product.objects.create(
            cooperative=cooperative, member=member, name="Kopi Arabika Merapi 250 g",
            category=category, net_weight_grams=250, price=Decimal("55000"), stock=20,
            status=Product.Status.APPROVED)
        buyer = Buyer.objects.create(cooperative=cooperative, name="Toko Oleh-Oleh Bu Tini",
                                     email="tini@contoh.id", phone="+6281234500001")
        order = services.place_order(
            cooperative=cooperative, buyer=buyer, city="Kota Yogyakarta", province="34",
            address="Jl. Malioboro 52", items=[services.Item("product", product.pk, 2)])
        services.record_payment(order=order, amount=order.total, method="bank_transfer",
                                reference=f"TRF-{cooperative.slug}-{order.number}", actor=user)
        line = order.fulfilment.get()
        services.hand_over(line=line, actor=user)
        shipment = services.create_shipment(cooperative=cooperative, orders=[order],
                                            actor=user, carrier="JNE", cost=Decimal("18000"))
        today = timezone.localdate()
        batch = services.create_payout(cooperative=cooperative, actor=user,
                                       start=today - dt.timedelta(days=1), end=today)
        return {"order": order, "fulfilment_line": line, "shipment": shipment,
                "payout_batch": batch, "payout_line": batch.lines.get()}
