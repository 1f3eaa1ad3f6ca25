"""Demo data for contracts with corporate buyers: a hotel (the demo's corporate buyer
login) buying roasted Arabika from four member roasters, the member login among them.

- the board's grade "Arabika sangrai grade 1" with its floor price, and the four
  producers' 1 kg roasted coffee approved for it;
- contract 1, agreed a month ago: the hotel's request (below the floor), the board's
  counter-offer and the hotel's acceptance (version 1, whose PDF the contract page
  prints); the rule published and the producers' capacities declared; delivery 1
  split, checked (one producer's goods partly rejected, the shortfall re-allocated),
  delivered with its invoice (open: the hotel pays in 30 days) and the members paid;
  delivery 2 split and waiting for the goods;
- a complaint by the hotel about delivery 1, still open, with the cooperative's reply;
- contract 2, still being negotiated: the hotel's counter-offer waits for the board.

Called by guyub.core.demo.load_demo inside the demo cooperative's scope, through the
services the pages use. Those take their dates from the clock (timezone.now()), and
the negotiation, the agreed versions and the complaint threads are append-only (no
date can be moved afterwards), so each step runs on its own day: `_on(days_ago)`
(guyub.core.demo_clock.on, shared with the other demo loaders) winds
Django's clock back to that day while the services run (every row, notice, audit line
and journal entry then carries the day it happened, as if done on that day). The clock
is back to now when the loader returns.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.formats import date_format

from guyub.catalog import services as catalog
from guyub.catalog.illustrations import illustration
from guyub.catalog.models import Category, Channel, Product
from guyub.core.demo import CORPORATE_LOGIN, MEMBER_LOGIN
from guyub.core.demo_clock import day as _day
from guyub.core.demo_clock import on as _on
from guyub.members.models import Member, Sector

from .allocation import services as allocation
from .deliveries import services as deliveries
from .disputes import services as disputes
from .models import (
    Allotment,
    BusinessProfile,
    Contract,
    Delivery,
    Dispute,
    Grade,
    MemberPayment,
    Offer,
)
from .negotiation import services as negotiation

D = Decimal
STAFF_LOGIN = "staf@demo.guyub.id"
CATEGORY = "Kopi dan teh"
Party = Offer.Party

PROFILE = {
    "legal_name": "PT Hotel Nusantara Raya", "nib": "9120304175526",
    "npwp": "0317425986541000", "contact_name": "Rina Kartika",
    "contact_phone": "+6281328004512", "contact_email": CORPORATE_LOGIN,
    "billing_address": "Bagian Keuangan, Hotel Nusantara Raya, Jl. Laksda Adisucipto Km 8, "
                       "Depok, Sleman 55281",
}
GRADE = ("Arabika sangrai grade 1",
         "Arabika lereng Merapi, sangrai medium, biji utuh. Kadar air biji hijau paling "
         "tinggi 12,5 %, cacat paling banyak 11 per 300 g, disangrai paling lama 7 hari "
         "sebelum dikirim, kemasan kraft 1 kg berkatup satu arah.")
FLOOR = D(140000)
# The member roasters' 1 kg packs for hotels and cafés: (name, price per kg,
# description), the member login's first; capacity per delivery and the deliveries
# of contract 1 they said in advance they cannot serve.
PRODUCTS = [
    ("Kopi Arabika Wulan Sangrai Medium 1 kg", 185000,
     "Arabika natural dari kebun sendiri di Cangkringan, sangrai medium, untuk horeka.",
     60, []),
    ("Kopi Arabika Merapi Sangrai Medium 1 kg", 180000,
     "Arabika full wash lereng Merapi 1.200 mdpl, biji utuh, kemasan kraft berkatup.",
     50, []),
    ("Kopi Arabika Kaliurang Honey 1 kg", 190000,
     "Arabika proses honey, sangrai medium, manis dan bersih.", 40, [5]),
    ("Kopi Arabika Turgo Sangrai 1 kg", 175000,
     "Arabika petik merah dari Turgo, sangrai medium, biji utuh.", 30, []),
]
# Which producer's goods for delivery 1 are partly rejected, how much, and why.
REJECTED = (2, 5, "Kadar air 13,6 % (batas 12,5 %) dan aroma apek pada 5 kemasan; "
               "dikembalikan ke anggota.")
CONTRACT_1 = {
    "title": "Kopi Arabika sangrai untuk restoran dan kamar hotel",
    "specification": "Arabika sangrai medium, biji utuh, kemasan kraft 1 kg berkatup satu "
                     "arah, label tanggal sangrai; disangrai paling lama 7 hari sebelum "
                     "dikirim.",
    "unit": Contract.Unit.KG, "lot_size": 1, "min_lot": 0, "interval_days": 7,
    "delivery_place": "Gudang F&B Hotel Nusantara Raya, Jl. Laksda Adisucipto Km 8, "
                      "Depok, Sleman",
}
CONTRACT_2 = {
    "title": "Kopi Arabika sangrai untuk kafe lobi dan banquet 2027",
    "specification": "Arabika sangrai medium-dark untuk espreso, biji utuh, kemasan kraft "
                     "1 kg berkatup satu arah; contoh sangrai disetujui chef lebih dulu.",
    "unit": Contract.Unit.KG, "lot_size": 1, "min_lot": 10, "interval_days": 14,
    "delivery_place": "Gudang F&B Hotel Nusantara Raya, Jl. Laksda Adisucipto Km 8, "
                      "Depok, Sleman",
}


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _producers(coop, board) -> list[tuple[Member, Product]]:
    """The member login and three coffee members without a login, each with a 1 kg
    roasted Arabika curated into the catalog (six weeks ago)."""
    members = [Member.objects.get(user__username=MEMBER_LOGIN)]
    members += list(Member.objects.filter(status=Member.Status.ACTIVE, sector=Sector.COFFEE,
                                          user__isnull=True).order_by("number")[:3])
    category = Category.objects.filter(name=CATEGORY).first() or Category.objects.create(
        cooperative=coop, name=CATEGORY, is_food=True)
    channels = list(Channel.objects.filter(code__in=("lokal", "regional")))
    made = []
    with _on(42, 10):
        for member, (name, price, description, *_capacity) in zip(members, PRODUCTS,
                                                                  strict=False):
            product = catalog.save_product(
                product=Product(cooperative=coop, member=member, name=name, unit="kg",
                                category=category, description=description,
                                net_weight_grams=1000, price=D(price), stock=40,
                                hs_code="090121", min_order_qty=1),
                actor=board, channels=channels,
                tiers=[(10, (D(price) * D("0.9")).quantize(D(1000)))])
            catalog.add_photo(product=product, actor=board, upload=illustration(name, CATEGORY))
            catalog.submit(product=product, actor=board)
            made.append((member, product))
    with _on(41, 11):
        made = [(member, catalog.review(product=product, actor=board, outcome="approve"))
                for member, product in made]
    return made


def _grade(coop, board, staff, producers) -> Grade:
    """The board's grade and floor price; staff approve the producers' samples."""
    with _on(40, 10):
        category = producers[0][1].category
        grade = negotiation.save_grade(Grade(cooperative=coop, category=category,
                                             name=GRADE[0], description=GRADE[1]), actor=board)
        negotiation.set_floor_price(
            grade=grade, price=FLOOR, actor=board,
            reference=f"Rapat pengurus {date_format(_day(40), 'j F Y')}")
    with _on(39, 14):
        for _member, product in producers:
            negotiation.approve_product(
                grade=grade, product=product, actor=staff,
                valid_until=_day(-365),
                note="Contoh 1 kg lolos uji: kadar air 11,8 %, cacat 6 per 300 g, "
                     "cupping 84.")
    return grade


def _corporate_buyer(coop):
    """The hotel's login saves its business profile (its Buyer row comes with it)."""
    login = _user(CORPORATE_LOGIN)
    with _on(36, 13):
        profile = negotiation.save_business_profile(
            BusinessProfile(cooperative=coop, **PROFILE), actor=login)
    return profile.buyer


def _agreed_contract(coop, board, buyer, grade) -> Contract:
    """The hotel asks for 150 kg a week at Rp138.000 (below the floor); the board
    counters at Rp148.000, 30 days; the hotel accepts. First delivery four days ago."""
    with _on(33, 10):
        contract = negotiation.request_contract(
            Contract(cooperative=coop, grade=grade, first_delivery_on=_day(4),
                     quantity_per_delivery=150, deliveries=8, price=D(138000),
                     payment_terms_days=45, **CONTRACT_1),
            actor=buyer.user, buyer=buyer)
    with _on(31, 15):
        negotiation.propose(
            contract=contract, party=Party.COOPERATIVE, actor=board, price=D(148000),
            quantity_per_delivery=150, deliveries=8, payment_terms_days=30,
            message="Terima kasih atas permintaannya. Rp138.000/kg belum menutup biaya "
                    "sangrai dan kemasan anggota; kami tawarkan Rp148.000/kg dengan "
                    "pembayaran 30 hari, karena anggota kami bayar paling lambat 7 hari "
                    "setelah barang diterima.")
    with _on(30, 10):
        negotiation.accept(contract=contract, party=Party.BUYER, actor=buyer.user)
    with _on(30, 11):
        allocation.publish_rule(contract=contract, actor=board,
                                rule=Contract.Rule.PROPORTIONAL)
    contract.refresh_from_db()
    return contract


def _capacities(contract, board, producers) -> None:
    """The producers declare in the days after the rule is published (the member
    login herself; an officer for the members without a login)."""
    for days_ago, (member, product), spec in zip((29, 29, 28, 27), producers, PRODUCTS,
                                                 strict=False):
        *_product, quantity, unavailable = spec
        with _on(days_ago, 16):
            allocation.declare_capacity(contract=contract, member=member, product=product,
                                        quantity=quantity, unavailable=unavailable,
                                        actor=member.user or board)


def _first_delivery(contract, board, staff, producers) -> Delivery:
    """Split four days ahead; checked the day before it was due (one producer's goods
    partly rejected: the rejected kilos go to the others' spare capacity, checked that
    afternoon); delivered on its day; the members paid two days later."""
    delivery = contract.schedule.get(sequence=1)
    with _on(8, 7):
        allocation.allocate_delivery(delivery=delivery)
    rejected_member = producers[REJECTED[0]][0] if len(producers) > REJECTED[0] else None
    for hour in (10, 15):
        with _on(5, hour):
            for allotment in (delivery.allotments.filter(status=Allotment.Status.ALLOTTED)
                              .order_by("pk")):
                bad = REJECTED[1] if (allotment.member == rejected_member
                                      and allotment.kind == Allotment.Kind.ORIGINAL) else 0
                deliveries.check_goods(
                    allotment=allotment, received=allotment.quantity,
                    accepted=allotment.quantity - bad, rejected=bad, returned=bad,
                    reason=REJECTED[2] if bad else "", actor=staff)
    with _on(4, 8):
        deliveries.deliver_to_buyer(delivery=delivery, actor=staff)
    with _on(2, 10):
        due = MemberPayment.objects.filter(receipt__allotment__delivery=delivery,
                                           status=MemberPayment.Status.DUE)
        deliveries.pay_members(payment_ids=list(due.values_list("pk", flat=True)),
                               paid_on=_day(2), method="bank", cooperative=contract.cooperative,
                               actor=board)
    delivery.refresh_from_db()
    return delivery


def _complaint(delivery, buyer, staff) -> Dispute:
    with _on(3, 16):
        dispute = disputes.open_dispute(
            delivery=delivery, party=Dispute.Party.BUYER, actor=buyer.user,
            subject="Dua kemasan sobek dan satu karton tanpa label tanggal sangrai",
            text="Pada pengiriman pertama dua kemasan 1 kg kami terima sobek di bagian "
                 "katup, dan satu karton (10 kg) tidak berlabel tanggal sangrai. Mohon "
                 "diganti atau diberi potongan harga.")
    with _on(2, 9):
        disputes.post_message(
            dispute=dispute, party=disputes.COOPERATIVE, actor=staff,
            text="Mohon maaf atas kejadian ini. Kami sedang memeriksa catatan sangrai dan "
                 "pengemasan anggota; foto kemasan yang sobek dapat dikirim di sini.")
    return dispute


def _negotiation(coop, board, buyer, grade) -> Contract:
    """Contract 2: requested last week below the floor, the board's counter-offer, and
    the hotel's counter-offer yesterday, now waiting for the board."""
    with _on(6, 11):
        contract = negotiation.request_contract(
            Contract(cooperative=coop, grade=grade, first_delivery_on=_day(-24),
                     quantity_per_delivery=80, deliveries=12, price=D(139000),
                     payment_terms_days=45, **CONTRACT_2),
            actor=buyer.user, buyer=buyer)
    with _on(4, 14):
        negotiation.propose(
            contract=contract, party=Party.COOPERATIVE, actor=board, price=D(152000),
            quantity_per_delivery=80, deliveries=12, payment_terms_days=30,
            message="Sangrai medium-dark untuk espreso butuh waktu sangrai lebih lama; "
                    "kami tawarkan Rp152.000/kg, pembayaran 30 hari.")
    with _on(1, 10):
        negotiation.propose(
            contract=contract, party=Party.BUYER, actor=buyer.user, price=D(146000),
            quantity_per_delivery=100, deliveries=12, payment_terms_days=30,
            message="Kami bisa menaikkan jumlah menjadi 100 kg per pengiriman bila harganya "
                    "Rp146.000/kg.")
    return contract


def load_contracts_demo(coop, board) -> str:
    """The contracts demo (in the cooperative's scope). Needs the members demo's member
    login and coffee members, and the corporate buyer login from core.demo."""
    staff = _user(STAFF_LOGIN) or board
    producers = _producers(coop, board)
    grade = _grade(coop, board, staff, producers)
    buyer = _corporate_buyer(coop)
    contract = _agreed_contract(coop, board, buyer, grade)
    _capacities(contract, board, producers)
    delivered = _first_delivery(contract, board, staff, producers)
    _complaint(delivered, buyer, staff)
    with _on(1, 7):
        allocation.allocate_delivery(delivery=contract.schedule.get(sequence=2))
    _negotiation(coop, board, buyer, grade)
    return "2 corporate contracts"
