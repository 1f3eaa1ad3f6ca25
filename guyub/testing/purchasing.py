"""Collective purchasing objects for tests: a supplier with a price list and one round
taken through commitment, close and receipt, in which `member` has a share."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

from guyub.purchasing.models import Item, PriceList, Supplier
from guyub.purchasing.rounds import services
from guyub.purchasing.suppliers import services as setup

D = Decimal


def supplier_offer(cooperative, user, *, name="PT Kedelai Nusantara", item="Kedelai impor",
                   pack="50", minimum="0", retail="12000", unit="kg",
                   tiers=((0, 10000), (100, 9500))) -> PriceList:
    """A supplier (no login), an item and its price list, made through the services."""
    supplier = setup.save_supplier(supplier=Supplier(cooperative=cooperative, name=name),
                                   actor=user)
    item = setup.save_item(item=Item(cooperative=cooperative, name=item, unit=unit,
                                     retail_reference_price=D(retail)), actor=user)
    return setup.save_price_list(
        price_list=PriceList(cooperative=cooperative, supplier=supplier, item=item,
                             pack_size=D(pack), min_order_qty=D(minimum),
                             valid_from=timezone.localdate() - dt.timedelta(days=30)),
        tiers=[(D(q), D(p)) for q, p in tiers], actor=user)


def open_round(cooperative, user, *price_lists, title="Kedelai bersama", hours=48, **terms):
    now = timezone.now()
    return services.open_round(
        cooperative=cooperative, actor=user, title=title, opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(hours=hours), pickup_place="Gudang koperasi",
        pickup_date=timezone.localdate() + dt.timedelta(days=3),
        price_lists=list(price_lists), **terms)


def purchasing_world(cooperative, user, member) -> dict:
    """`member` commits 60 kg of an item sold in 50 kg sacks; the round closes (one sack) and the
    goods are received in full: a round with a bill, a purchase order and a payable."""
    with scope(cooperative=cooperative):
        # Names of its own: the tender world has a kedelai supplier and item already.
        price_list = supplier_offer(cooperative, user, name="UD Sumber Pangan",
                                    item="Gula aren cetak")
        round_ = open_round(cooperative, user, price_list, transport_cost=D(20000))
        item = round_.items.get()
        services.set_commitment(round_item=item, member=member, quantity=D(60), actor=user)
        services.close_round(round_=round_, actor=user)
        item.refresh_from_db()
        services.receive_goods(round_item=item, received_qty=item.ordered_qty, actor=user)
        round_.refresh_from_db()
    return {"purchase_round": round_, "round_item": item, "price_list": price_list,
            "purchase_supplier": price_list.supplier, "purchase_item": price_list.item}
