"""Demo data for collective purchasing: two suppliers (one with the demo supplier
login), three items with volume price tiers, one round open now with several members'
commitments, and one round from last month taken all the way to distribution, so the
savings report and the member's page have figures.

Called by guyub.core.demo.load_demo inside the demo cooperative's scope, through the
same services the pages use.
"""

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from django.contrib.auth import get_user_model
from django.utils import timezone

from guyub.members.models import Member

from . import services
from . import supplier_services as setup
from .models import Item, PriceList, Round, Share, Supplier

D = Decimal
SUPPLIER_LOGIN = "pemasok@demo.guyub.id"

# name, unit, retail reference (what one member pays at the market)
ITEMS = {
    "kedelai": ("Kedelai impor", "kg", 12500),
    "gula": ("Gula aren cetak", "kg", 30000),
    "toples": ("Toples kaca 500 ml", "pcs", 6500),
}
# item -> (supplier index, pack size, minimum order, [(from quantity, unit price)])
OFFERS = {
    "kedelai": (0, 50, 100, [(0, 10400), (250, 9900), (500, 9500), (1000, 9100)]),
    "gula": (0, 25, 0, [(0, 24000), (100, 22500), (250, 21000)]),
    "toples": (1, 24, 48, [(0, 5200), (240, 4600), (480, 4200)]),
}
# commitments per item: (member index, quantity, tolerance)
OPEN_ROUND = {
    "kedelai": [(0, 100, 0), (1, 60, 10), (2, 45, 5), (3, 25, 0)],
    "gula": [(4, 30, 5), (5, 20, 0), (1, 15, 5)],
    "toples": [(6, 96, 24), (2, 48, 0), (7, 30, 6)],
}
PAST_ROUND = {
    "kedelai": [(0, 150, 0), (1, 80, 20), (2, 60, 0), (3, 40, 15)],
    "toples": [(6, 144, 0), (7, 72, 24), (4, 48, 0)],
}


def _month(day: dt.date) -> str:
    return format_date(day, "MMMM yyyy", locale="id").capitalize()


def _suppliers(coop, board) -> list[Supplier]:
    login = get_user_model().objects.filter(username=SUPPLIER_LOGIN).first()
    rows = [
        Supplier(cooperative=coop, name="UD Tani Makmur Klaten", contact_name="Pak Suparno",
                 phone="+6282134567001", email="order@tanimakmur.co.id",
                 address="Jl. Solo–Yogya Km 4, Ceper, Klaten", npwp="01.234.567.8-525.000"),
        Supplier(cooperative=coop, name="CV Sumber Kemasan", user=login,
                 contact_name="Bu Ratna Dewi", phone="+6281325550042",
                 email=SUPPLIER_LOGIN, address="Kawasan Industri Tugu, Semarang"),
    ]
    return [setup.save_supplier(supplier=s, actor=board) for s in rows]


def _price_lists(coop, board, suppliers) -> dict[str, PriceList]:
    today = timezone.localdate()
    found = {}
    for key, (name, unit, retail) in ITEMS.items():
        item = setup.save_item(item=Item(cooperative=coop, name=name, unit=unit,
                                         retail_reference_price=D(retail)), actor=board)
        index, pack, minimum, tiers = OFFERS[key]
        found[key] = setup.save_price_list(
            price_list=PriceList(cooperative=coop, supplier=suppliers[index], item=item,
                                 pack_size=D(pack), min_order_qty=D(minimum),
                                 valid_from=today - dt.timedelta(days=75),
                                 valid_until=today + dt.timedelta(days=120)),
            tiers=[(D(q), D(p)) for q, p in tiers], actor=board)
    return found


def _round(coop, board, title, prices, plan, members, *, closes_in, pickup_in, **terms):
    now = timezone.now().replace(second=0, microsecond=0)
    round_ = services.open_round(
        cooperative=coop, actor=board, title=title, opens_at=now - dt.timedelta(days=2),
        closes_at=now + closes_in, pickup_place="Gudang koperasi, Jl. Kaliurang Km 9,5",
        pickup_date=timezone.localdate() + pickup_in,
        price_lists=[prices[key] for key in plan], **terms)
    items = {ri.price_list.item_id: ri for ri in round_.items.select_related("price_list")}
    for key, rows in plan.items():
        for index, quantity, tolerance in rows:
            services.set_commitment(round_item=items[prices[key].item_id],
                                    member=members[index], quantity=D(quantity),
                                    tolerance=D(tolerance), actor=board)
    return round_


def _distribute(round_, board, members) -> None:
    """Last month's round: closed, one sack torn on arrival, paid, picked up."""
    services.close_round(round_=round_, actor=board)
    for item in round_.items.select_related("price_list__item").order_by("id"):
        short = item.price_list.item.unit == "kg"
        services.receive_goods(round_item=item, actor=board,
                               received_qty=item.ordered_qty - (D(25) if short else 0),
                               note="1 karung sobek, 25 kg tidak layak" if short else "")
    paying = {m.pk for m in members[:6]}
    for member in {s.member for s in Share.objects.filter(round_item__round=round_,
                                                          quantity__gt=0)}:
        if member.pk in paying:
            services.pay_share(round_=round_, member=member, actor=board,
                               method="bank" if member.pk % 2 else "cash")
    for share in Share.objects.filter(round_item__round=round_, quantity__gt=0):
        services.pick_up(share=share, actor=board)
    round_.refresh_from_db()
    for row in setup.round_payables(round_):
        if row["supplier"] is not None and row["supplier"].user_id:
            setup.pay_supplier(round_=round_, payee=row["key"], amount=row["outstanding"],
                               method="bank", reference="TRF-BCA-0117", actor=board)
    # Back-date the round itself to last month (its journal entries keep today's date).
    past = timezone.now() - dt.timedelta(days=30)
    Round.objects.filter(pk=round_.pk).update(
        opens_at=past - dt.timedelta(days=7), closes_at=past, closed_at=past,
        pickup_date=(past + dt.timedelta(days=4)).date())


def load_purchasing_demo(coop, board) -> None:
    members = list(Member.objects.filter(status=Member.Status.ACTIVE).order_by("number")[:7])
    wulan = Member.objects.filter(user__username="anggota@demo.guyub.id").first()
    members.append(wulan or members[0])
    suppliers = _suppliers(coop, board)
    prices = _price_lists(coop, board, suppliers)
    last_month = timezone.localdate() - dt.timedelta(days=30)
    past = _round(coop, board, f"Kedelai dan toples kaca {_month(last_month)}", prices,
                  PAST_ROUND, members, closes_in=dt.timedelta(hours=1),
                  pickup_in=dt.timedelta(days=1), transport_cost=D(350000),
                  handling_cost=D(100000), fee_pct=D(2))
    _distribute(past, board, members)
    _round(coop, board, f"Kedelai, gula aren dan toples {_month(timezone.localdate())}",
           prices, OPEN_ROUND, members, closes_in=dt.timedelta(days=3),
           pickup_in=dt.timedelta(days=6), transport_cost=D(400000),
           handling_cost=D(120000), fee_pct=D(2))
