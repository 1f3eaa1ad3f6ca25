"""The whole consignment path, end to end at the service level: order a product and a
bundle, pay, hand over, ship, pay the makers; the books balance at every step."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.catalog.models import Bundle, Category, Product
from guyub.catalog.services import save_bundle
from guyub.ledger import selectors as ledger
from guyub.sales.fulfilment import services as fulfilment
from guyub.sales.models import Buyer, Order
from guyub.sales.orders import payments
from guyub.sales.orders import services as ordering
from guyub.sales.payouts import services as payouts
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _balanced(as_of=None):
    rows = ledger.trial_balance(as_of=as_of or timezone.localdate())
    return sum(r.debit for r in rows) == sum(r.credit for r in rows)


def test_an_order_flows_from_checkout_to_the_makers_payout(coop, board):
    coffee_maker = MemberFactory(cooperative=coop, owner_name="Bambang")
    batik_maker = MemberFactory(cooperative=coop, owner_name="Siti")
    with scope(cooperative=coop):
        food = Category.objects.create(cooperative=coop, name="Kopi", is_food=True)
        cloth = Category.objects.create(cooperative=coop, name="Batik",
                                        commission_pct=Decimal("15"))
        coffee = Product.objects.create(
            cooperative=coop, member=coffee_maker, name="Kopi Merapi 250 g", category=food,
            net_weight_grams=250, price=Decimal("45000"), stock=10, status="approved")
        batik = Product.objects.create(
            cooperative=coop, member=batik_maker, name="Batik tulis", category=cloth,
            net_weight_grams=400, price=Decimal("350000"), stock=3, status="approved")
        hamper = save_bundle(
            bundle=Bundle(cooperative=coop, name="Hampers Jogja", price=Decimal("380000")),
            items=[(coffee, 2, Decimal("80000")), (batik, 1, Decimal("300000"))], actor=board)
        buyer = Buyer.objects.create(cooperative=coop, name="Toko Malioboro",
                                     email="toko@contoh.id", phone="+6281234567890")
        order = ordering.place_order(
            cooperative=coop, buyer=buyer, city="Kota Yogyakarta", province="34",
            address="Jl. Malioboro 1",
            items=[ordering.Item("product", coffee.pk, 1),
                   ordering.Item("bundle", hamper.pk, 1)]).order

        coffee.refresh_from_db()
        batik.refresh_from_db()
        assert (coffee.stock, batik.stock) == (7, 2)
        assert order.total == Decimal("425000")
        shares = {f.member_id: f.sale_amount for f in order.fulfilment.all()
                  if f.order_line.bundle_id}
        # The agreed prices are per bundle (80.000 for both coffees, 300.000 for the
        # batik) and add up to its price, so each maker gets exactly what was agreed.
        assert shares == {coffee_maker.pk: Decimal("80000"), batik_maker.pk: Decimal("300000")}

        payment, created = payments.record_payment(order=order, amount=Decimal("425000"),
                                                   method="bank_transfer", reference="TRF-1",
                                                   actor=board)
        again, created_again = payments.record_payment(order=order, amount=Decimal("425000"),
                                                       method="bank_transfer",
                                                       reference="TRF-1")
        assert created and not created_again and again.pk == payment.pk
        assert _balanced()

        for line in order.fulfilment.all():
            fulfilment.hand_over(line=line, actor=board)
        shipment = fulfilment.create_shipment(cooperative=coop, orders=[order], actor=board,
                                            carrier="JNE", cost=Decimal("30000"))
        fulfilment.mark_shipped(shipment=shipment, actor=board, tracking_number="JNE123")
        fulfilment.mark_delivered(shipment=shipment, actor=board)
        assert Order.objects.get(pk=order.pk).status == "delivered"

        today = timezone.localdate()
        batch = payouts.create_payout(cooperative=coop, start=today - dt.timedelta(days=1),
                                       end=today, actor=board)
        paid = {line.member_id: line.amount for line in batch.lines.all()}
        # Coffee: 45.000 + 80.000 at 10% commission; batik: 300.000 at 15%.
        assert paid[coffee_maker.pk] == Decimal("45000") - 4500 + Decimal("80000") - 8000
        assert paid[batik_maker.pk] == Decimal("300000") - 45000
        assert _balanced()
        owed = ledger.member_balance(member=coffee_maker, role="payable_members")
        assert owed == 0
