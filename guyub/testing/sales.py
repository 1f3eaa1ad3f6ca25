"""Sales objects for tests: one order taken through the whole consignment path."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

from guyub.catalog.models import Category, Product
from guyub.sales.fulfilment import services as fulfilment
from guyub.sales.models import Buyer
from guyub.sales.orders import payments
from guyub.sales.orders import services as ordering
from guyub.sales.payouts import services as payouts


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
        order = ordering.place_order(
            cooperative=cooperative, buyer=buyer, city="Kota Yogyakarta", province="34",
            address="Jl. Malioboro 52", items=[ordering.Item("product", product.pk, 2)]).order
        payments.record_payment(order=order, amount=order.total, method="bank_transfer",
                                reference=f"TRF-{cooperative.slug}-{order.number}", actor=user)
        line = order.fulfilment.get()
        fulfilment.hand_over(line=line, actor=user)
        shipment = fulfilment.create_shipment(cooperative=cooperative, orders=[order],
                                            actor=user, carrier="JNE", cost=Decimal("18000"))
        today = timezone.localdate()
        batch = payouts.create_payout(cooperative=cooperative, actor=user,
                                       start=today - dt.timedelta(days=1), end=today)
        return {"order": order, "fulfilment_line": line, "shipment": shipment,
                "payout_batch": batch, "payout_line": batch.lines.get()}
