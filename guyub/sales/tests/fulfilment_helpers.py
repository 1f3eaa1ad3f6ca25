"""Orders for the pick list, shipment, payout and report tests, made through the services."""

import datetime as dt
from decimal import Decimal

from django.contrib.messages import get_messages
from django.utils import timezone
from django_scopes import scope

from guyub.catalog.models import Category, Product
from guyub.sales.fulfilment import services as fulfilment
from guyub.sales.models import Buyer, Order
from guyub.sales.orders import payments
from guyub.sales.orders import services as ordering


def category(coop, name="Kopi", **kwargs) -> Category:
    with scope(cooperative=coop):
        return Category.objects.get_or_create(cooperative=coop, name=name, defaults=kwargs)[0]


def product(coop, member, name, *, price=50_000, grams=250, stock=500, cat=None,
            **kwargs) -> Product:
    with scope(cooperative=coop):
        return Product.objects.create(
            cooperative=coop, member=member, name=name, category=cat or category(coop),
            price=Decimal(price), net_weight_grams=grams, stock=stock,
            status=Product.Status.APPROVED, **kwargs)


def buyer(coop, name="Toko Oleh-Oleh Bu Tini") -> Buyer:
    with scope(cooperative=coop):
        return Buyer.objects.get_or_create(
            cooperative=coop, name=name,
            defaults={"email": "pembeli@contoh.id", "phone": "+6281234500001"})[0]


def local(day: dt.date, hour=10, minute=0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def order(coop, items, *, paid=True, paid_at=None, city="Kota Yogyakarta", province="34",
          country="ID", actor=None, channel=None, who=None) -> Order:
    """An order of [(product, quantity)], paid in full unless paid=False."""
    with scope(cooperative=coop):
        made = ordering.place_order(
            cooperative=coop, buyer=who or buyer(coop), city=city, province=province,
            country=country, address="Jl. Malioboro 52", channel=channel,
            items=[ordering.Item("product", item.pk, quantity)
                   for item, quantity in items]).order
        if paid and paid_at is not None and paid_at < made.placed_at:
            # An order paid in the past was placed before that (payments cannot precede it).
            made.placed_at = paid_at - dt.timedelta(hours=1)
            Order.objects.filter(pk=made.pk).update(placed_at=made.placed_at)
        if paid:
            payments.record_payment(order=made, amount=made.total, method="bank_transfer",
                                    reference=f"TRF-{coop.slug}-{made.number}", actor=actor,
                                    received_at=paid_at)
        return Order.objects.get(pk=made.pk)


def hand_over_all(coop, made: Order, actor=None) -> Order:
    with scope(cooperative=coop):
        for line in made.fulfilment.all():
            fulfilment.hand_over(line=line, actor=actor)
        return Order.objects.get(pk=made.pk)


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]
