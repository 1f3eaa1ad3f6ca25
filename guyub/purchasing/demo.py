"""Demo data for collective purchasing: two suppliers (one with the demo supplier
login), three items with volume price tiers, one round open now with several members'
commitments, and one round from last month taken all the way to distribution, so the
savings report and the member's page have figures. Two sealed tenders: one for palm
sugar awarded last week, whose winning price list the open round buys on, and one for
packaging open for bids until later this week, with the demo supplier's bid in it.

Called by guyub.core.demo.load_demo inside the demo cooperative's scope, through the
same services the pages use.
"""

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from django.contrib.auth import get_user_model
from django.utils import timezone

from guyub.members.models import Member

from .models import Bid, Item, PriceList, Round, Share, Supplier, Tender
from .rounds import services
from .suppliers import services as setup
from .tenders import services as tenders

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


# Tender suppliers: invited to quote, without a portal login (they bid on paper or by
# e-mail, and staff would enter it; the demo places their bids directly).
TENDER_SUPPLIERS = [
    ("KUD Gula Kelapa Kulon Progo", "Pak Wardoyo", "+6281228770015",
     "Jl. Wates Km 12, Sentolo, Kulon Progo"),
    ("PT Plastindo Kemas Semarang", "Bu Linda Hartono", "+6282433100876",
     "Kawasan Industri Candi Blok C-7, Semarang"),
]
# Last week's awarded tender: palm sugar for the open round. supplier -> (pack, tiers)
GULA_BIDS = {
    "UD Tani Makmur Klaten": (25, [(0, 23800), (100, 22300), (250, 20900)]),
    "KUD Gula Kelapa Kulon Progo": (25, [(0, 23200), (100, 21600), (250, 20300)]),
}
GULA_WINNER = "KUD Gula Kelapa Kulon Progo"
# The tender still open: stand-up pouches; only the demo supplier has bid so far.
POUCH = ("Standing pouch kraft 250 g", "pcs", 1250)
POUCH_BID = (100, [(0, 980), (2000, 900), (5000, 840)])


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
                                    tolerance=D(tolerance), actor=board, confirm=True)
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


def _tender_suppliers(coop, board, suppliers) -> dict[str, Supplier]:
    rows = [setup.save_supplier(supplier=Supplier(
        cooperative=coop, name=name, contact_name=contact, phone=phone, address=address),
        actor=board) for name, contact, phone, address in TENDER_SUPPLIERS]
    return {s.name: s for s in [*suppliers, *rows]}


def _awarded_gula_tender(coop, board, by_name, gula: Item) -> PriceList:
    """Palm sugar for the round: invited, bid on, and awarded after its deadline last
    week, through the same services as the pages; then dated back to last week."""
    now = timezone.now().replace(second=0, microsecond=0)
    tender = tenders.create_tender(
        cooperative=coop, item=gula, quantity=D(250), deadline=now + dt.timedelta(days=2),
        suppliers=[by_name[name] for name in GULA_BIDS], actor=board,
        terms="Gula aren cetak kering, kadar air paling tinggi 10%, dikemas karung 25 kg, "
              "diantar ke gudang koperasi.")
    for name, (pack, tiers) in GULA_BIDS.items():
        tenders.place_bid(tender=tender, supplier=by_name[name], pack_size=D(pack),
                          tiers=[[q, p] for q, p in tiers], actor=board,
                          delivery_date=timezone.localdate() + dt.timedelta(days=5),
                          payment_terms="Tempo 14 hari setelah barang diterima")
    # The deadline passes by the clock, never by hand: here the clock is wound back.
    deadline = now - dt.timedelta(days=8)
    Tender.objects.filter(pk=tender.pk).update(deadline=deadline,
                                               created_at=deadline - dt.timedelta(days=5))
    Bid.objects.filter(tender=tender).update(submitted_at=deadline - dt.timedelta(days=2),
                                             delivery_date=(deadline + dt.timedelta(days=6))
                                             .date())
    tender.refresh_from_db()
    winner = Bid.objects.get(tender=tender, supplier=by_name[GULA_WINNER])
    price_list = tenders.award(bid=winner, actor=board, reason=(
        "Harga total termurah untuk 250 kg (Rp20.300/kg) dan kadar air terendah pada "
        "contoh barang; KUD anggota jaringan koperasi petani gula kelapa."))
    awarded = timezone.localdate() - dt.timedelta(days=7)
    PriceList.objects.filter(pk=price_list.pk).update(
        valid_from=awarded, valid_until=awarded + dt.timedelta(days=120))
    price_list.refresh_from_db()
    return price_list


def _open_pouch_tender(coop, board, by_name) -> Tender:
    """Packaging, open for bids until later this week; the demo supplier has bid."""
    item = setup.save_item(item=Item(cooperative=coop, name=POUCH[0], unit=POUCH[1],
                                     retail_reference_price=D(POUCH[2])), actor=board)
    kemasan = by_name["CV Sumber Kemasan"]
    tender = tenders.create_tender(
        cooperative=coop, item=item, quantity=D(6000),
        deadline=timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=4),
        suppliers=[kemasan, by_name["PT Plastindo Kemas Semarang"]], actor=board,
        terms="Standing pouch kraft 250 g dengan zipper dan jendela, food grade, cetak "
              "logo koperasi satu warna; contoh dikirim bersama penawaran.")
    pack, tiers = POUCH_BID
    tenders.place_bid(tender=tender, supplier=kemasan, pack_size=D(pack),
                      tiers=[[q, p] for q, p in tiers],
                      delivery_date=timezone.localdate() + dt.timedelta(days=21),
                      payment_terms="DP 30%, pelunasan tempo 30 hari", actor=kemasan.user)
    return tender


def load_purchasing_demo(coop, board) -> None:
    members = list(Member.objects.filter(status=Member.Status.ACTIVE).order_by("number")[:7])
    wulan = Member.objects.filter(user__username="anggota@demo.guyub.id").first()
    members.append(wulan or members[0])
    suppliers = _suppliers(coop, board)
    prices = _price_lists(coop, board, suppliers)
    by_name = _tender_suppliers(coop, board, suppliers)
    gula_awarded = _awarded_gula_tender(coop, board, by_name, prices["gula"].item)
    _open_pouch_tender(coop, board, by_name)
    last_month = timezone.localdate() - dt.timedelta(days=30)
    past = _round(coop, board, f"Kedelai dan toples kaca {_month(last_month)}", prices,
                  PAST_ROUND, members, closes_in=dt.timedelta(hours=1),
                  pickup_in=dt.timedelta(days=1), transport_cost=D(350000),
                  handling_cost=D(100000), fee_pct=D(2))
    _distribute(past, board, members)
    # This month's palm sugar is bought on the tender's winning price list.
    _round(coop, board, f"Kedelai, gula aren dan toples {_month(timezone.localdate())}",
           {**prices, "gula": gula_awarded}, OPEN_ROUND, members, closes_in=dt.timedelta(days=3),
           pickup_in=dt.timedelta(days=6), transport_cost=D(400000),
           handling_cost=D(120000), fee_pct=D(2))
