"""Demo data for joint marketing: the catalog, buyers, orders in every state, shipments
and a payout batch, all made through the services the pages use.

Called by guyub.core.demo.load_demo inside the demo cooperative's scope. Orders are
made now and then back-dated (placed, due, handed over, shipped), so the reports show
several months of sales. Payments are recorded as received on their day, so the sales'
journal entries carry that date too; cancellations, shipping costs and the payout are
booked today, when the demo makes them.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from guyub.catalog import services as catalog
from guyub.catalog.illustrations import illustration
from guyub.catalog.models import Bundle, Category, Certificate, Channel, Product
from guyub.members.models import Member, Sector

from .fulfilment import services as fulfilment
from .models import Buyer, FulfilmentLine, Order, Shipment
from .orders import payments
from .orders import services as ordering
from .payouts import services as payouts

D = Decimal

# (name, food?, commission % or None for the by-laws' 10%)
CATEGORIES = [
    ("Kopi dan teh", True, None),
    ("Batik dan tenun", False, D(15)),
    ("Makanan ringan", True, None),
    ("Kerajinan", False, D(12)),
    ("Fesyen", False, D(12)),
]
# sector -> (category, [(name, price, net weight g, unit, stock, HS code, description)])
PRODUCTS = {
    Sector.COFFEE: ("Kopi dan teh", [
        ("Kopi Arabika Merapi 250 g", 65000, 250, "pak", 60, "090121",
         "Arabika lereng Merapi 1.200 mdpl, sangrai medium, biji utuh."),
        ("Kopi Robusta Lereng Merapi 500 g", 75000, 500, "pak", 40, "090121",
         "Robusta petik merah, proses natural, sangrai medium-dark."),
        ("Kopi Luwak Liar Turgo 100 g", 185000, 100, "pak", 15, "090121",
         "Dari luwak liar di hutan Turgo, bukan luwak kandang."),
        ("Kopi Tubruk Kaliurang Giling 200 g", 35000, 200, "pak", 80, "090122",
         "Bubuk kasar untuk kopi tubruk khas Jogja."),
        ("Teh Rosella Kering 50 g", 28000, 60, "pak", 50, "121190",
         "Kelopak rosella merah kering, tanpa pemanis."),
    ]),
    Sector.BATIK: ("Batik dan tenun", [
        ("Kain Batik Tulis Motif Parang 2 m", 650000, 400, "lembar", 8, "520852",
         "Batik tulis pewarna alam, dikerjakan tiga minggu."),
        ("Kain Batik Cap Motif Kawung 2 m", 225000, 350, "lembar", 30, "520852",
         "Batik cap katun primisima, motif kawung klasik."),
        ("Kemeja Batik Ecoprint Pria", 285000, 300, "pcs", 20, "620520",
         "Ecoprint daun jati dan ketapang, katun, lengan pendek."),
        ("Selendang Tenun Lurik", 120000, 150, "pcs", 25, "621420",
         "Lurik ATBM dari Klaten, motif telupat."),
        ("Syal Ecoprint Daun Jati", 145000, 100, "pcs", 25, "621420",
         "Sutra ecoprint, setiap lembar unik."),
    ]),
    Sector.SNACKS: ("Makanan ringan", [
        ("Bakpia Kacang Hijau isi 20", 45000, 600, "box", 80, "190590",
         "Bakpia basah isi kacang hijau, tahan 7 hari."),
        ("Keripik Tempe Sagu 250 g", 22000, 250, "pak", 100, "200899",
         "Tempe tipis renyah dengan bumbu bawang dan daun jeruk."),
        ("Geplak Bantul Aneka Rasa", 25000, 400, "box", 60, "170490",
         "Manisan kelapa khas Bantul, lima rasa."),
        ("Peyek Kacang Tanah 200 g", 20000, 200, "pak", 90, "200811",
         "Rempeyek kacang renyah, tanpa pengawet."),
        ("Salak Pondoh Pie isi 10", 38000, 350, "box", 50, "190590",
         "Pie isi selai salak pondoh Sleman."),
    ]),
    Sector.CRAFTS: ("Kerajinan", [
        ("Vas Gerabah Kasongan Sedang", 95000, 1500, "pcs", 20, "691390",
         "Gerabah tanah liat Kasongan, finishing terakota."),
        ("Tas Anyaman Bambu", 135000, 500, "pcs", 25, "460219",
         "Anyaman bambu apus, lapis kain batik di dalam."),
        ("Dompet Kulit Sapi Handmade", 175000, 150, "pcs", 30, "420232",
         "Kulit sapi nabati, dijahit tangan."),
        ("Wayang Kulit Arjuna Hiasan Dinding", 450000, 300, "pcs", 6, "970300",
         "Tatahan dan sunggingan tangan, dengan bingkai kayu."),
        ("Tempat Tisu Anyaman Pandan", 55000, 250, "pcs", 40, "460219",
         "Pandan duri kering, pewarna alam."),
    ]),
    Sector.FASHION: ("Fesyen", [
        ("Tas Rajut Benang Katun", 165000, 300, "pcs", 20, "420222",
         "Rajutan tangan benang katun susu."),
        ("Hijab Segi Empat Motif Batik", 85000, 120, "pcs", 50, "621410",
         "Voal premium motif batik parang, 115 × 115 cm."),
        ("Sepatu Kulit Pantofel Pria", 425000, 900, "pcs", 10, "640359",
         "Kulit sapi asli, sol karet, buatan tangan."),
        ("Blus Lurik Wanita", 195000, 250, "pcs", 20, "620630",
         "Lurik katun, potongan modern."),
    ]),
}
# The member login's own products: her portal has something to show.
WULAN_PRODUCTS = [
    ("Kopi Lereng Merapi Wulan Arabika Natural 200 g", 70000, 200, "pak", 40, "090121",
     "Arabika proses natural dari kebun sendiri di Cangkringan."),
    ("Kopi Wulan Robusta Honey 250 g", 60000, 250, "pak", 40, "090121",
     "Robusta proses honey, manis dan tebal."),
]
# (name, kind, company, email, phone, country, province, city, address)
BUYERS = [
    # The first is the demo's buyer login (core/demo.py BUYER_LOGIN): a wholesale shop.
    ("Ratna Sari", "business", "Toko Oleh-Oleh Jogja Istimewa", "pembeli@demo.guyub.id",
     "+6281227001122", "ID", "34", "Kota Yogyakarta", "Jl. Malioboro No. 112"),
    ("Bambang Hartono", "business", "Galeri Kriya Nusantara", "bambang@kriyanusantara.id",
     "+6281311223344", "ID", "31", "Kota Jakarta Selatan", "Jl. Kemang Raya No. 8"),
    ("Dewi Anggraini", "retail", "", "dewi.anggraini@contoh.id", "+6285722334455",
     "ID", "32", "Kota Bandung", "Jl. Dago No. 45"),
    ("Hendro Wibisono", "business", "CV Cinderamata Surabaya", "hendro@cinderamata.id",
     "+6281333445566", "ID", "35", "Kota Surabaya", "Jl. Tunjungan No. 27"),
    ("Made Wirawan", "retail", "", "made.wirawan@contoh.id", "+6281999887766",
     "ID", "51", "Kota Denpasar", "Jl. Teuku Umar No. 90"),
    ("Kenji Tanaka", "business", "Tanaka Trading Co., Ltd.", "kenji@tanaka-trading.jp",
     "+81612345678", "JP", "", "Osaka", "2-3-1 Minamisenba, Chuo-ku"),
    ("Yuliana Putri", "retail", "", "yuliana.putri@contoh.id", "+6287855667788",
     "ID", "34", "Kabupaten Sleman", "Jl. Kaliurang Km 12, Ngaglik"),
]
# (buyer, [(product or bundle name, quantity)], channel code, what happens, days ago paid)
ORDERS = [
    (1, [("Wayang Kulit Arjuna Hiasan Dinding", 2), ("Tas Anyaman Bambu", 4)],
     "regional", "delivered:JKT", 125),
    (1, [("Hampers Kopi & Batik Jogja", 3), ("Dompet Kulit Sapi Handmade", 5)],
     "regional", "delivered:JKT", 118),
    (5, [("Kopi Arabika Merapi 250 g", 20), ("Kopi Lereng Merapi Wulan Arabika Natural 200 g",
                                              12), ("Kopi Luwak Liar Turgo 100 g", 4)],
     "ekspor", "delivered:JP", 85),
    (2, [("Kemeja Batik Ecoprint Pria", 1), ("Hijab Segi Empat Motif Batik", 2)],
     "regional", "delivered:BDG", 55),
    (3, [("Paket Camilan Khas Jogja", 10), ("Bakpia Kacang Hijau isi 20", 10)],
     "regional", "shipped", 9),
    (3, [("Geplak Bantul Aneka Rasa", 12), ("Salak Pondoh Pie isi 10", 12)],
     "regional", "shipped", 7),
    (0, [("Kopi Tubruk Kaliurang Giling 200 g", 15), ("Keripik Tempe Sagu 250 g", 20)],
     "lokal", "ready", 3),
    (0, [("Peyek Kacang Tanah 200 g", 20), ("Kopi Wulan Robusta Honey 250 g", 6)],
     "lokal", "ready", 2),
    (4, [("Syal Ecoprint Daun Jati", 1), ("Tempat Tisu Anyaman Pandan", 2)],
     "regional", "ready", 2),
    (1, [("Hampers Kopi & Batik Jogja", 2), ("Vas Gerabah Kasongan Sedang", 3)],
     "regional", "partly", 1),
    (6, [("Kopi Lereng Merapi Wulan Arabika Natural 200 g", 2), ("Blus Lurik Wanita", 1)],
     "lokal", "paid", 5),
    (2, [("Selendang Tenun Lurik", 2), ("Tas Rajut Benang Katun", 1)],
     "regional", "paid", 0),
    (4, [("Kain Batik Tulis Motif Parang 2 m", 1)], "regional", "placed", None),
    (6, [("Paket Camilan Khas Jogja", 2)], "lokal", "placed", None),
    (2, [("Sepatu Kulit Pantofel Pria", 1), ("Teh Rosella Kering 50 g", 3)],
     "regional", "cancelled", 12),
]
# destination tag -> (carrier, cost, tracking number, days ago shipped, days ago delivered)
SHIPMENTS = {
    "delivered:JKT": ("JNE", 185000, "JNE0012678834", 112, 109),
    "delivered:JP": ("DHL Express", 1250000, "DHL7734120056", 80, 74),
    "delivered:BDG": ("SiCepat", 42000, "SCP004567812", 52, 50),
    "shipped": ("J&T Express", 96000, "JT9912045567", 1, None),
}


def _ago(days: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def _catalog(coop, board) -> dict[str, Product]:
    categories = {}
    for name, food, pct in CATEGORIES:
        categories[name] = Category.objects.create(cooperative=coop, name=name, is_food=food,
                                                   commission_pct=pct)
    channels = {c.code: c for c in Channel.objects.all()}
    from guyub.core.demo import MEMBER_LOGIN

    wulan = Member.objects.get(user__username=MEMBER_LOGIN)
    makers = [(wulan, "Kopi dan teh", WULAN_PRODUCTS)]
    for sector, (category, items) in PRODUCTS.items():
        members = list(Member.objects.filter(status=Member.Status.ACTIVE, sector=sector,
                                             user__isnull=True).order_by("number")[:3])
        for i, item in enumerate(items):
            makers.append((members[i % len(members)], category, [item]))
    products = {}
    for member, category, items in makers:
        for name, price, grams, unit, stock, hs_code, description in items:
            food = categories[category].is_food
            product = catalog.save_product(
                product=Product(cooperative=coop, member=member, name=name, unit=unit,
                                category=categories[category], description=description,
                                net_weight_grams=grams, price=D(price), stock=stock,
                                hs_code=hs_code, min_order_qty=1),
                actor=board,
                channels=[channels[c] for c in (("lokal", "regional") if food
                                                 else ("lokal", "regional", "ekspor"))],
                # Wholesale tiers for the cheaper goods shops buy by the carton.
                tiers=[(10, (D(price) * D("0.9")).quantize(D(100))),
                       (25, (D(price) * D("0.85")).quantize(D(100)))]
                if price < 100000 else [])
            # A drawn illustration (it says so on it), stored as the product's photo the
            # way a member's upload is: the storefront shows pictures, not letter tiles.
            catalog.add_photo(product=product, actor=board,
                              upload=illustration(name, category))
            catalog.submit(product=product, actor=board)
            products[name] = catalog.review(product=product, actor=board, outcome="approve")
    return products


def _certificates(coop, board, products) -> None:
    today = timezone.localdate()
    coffee = products["Kopi Arabika Merapi 250 g"]
    wulan = products["Kopi Lereng Merapi Wulan Arabika Natural 200 g"]
    bakpia = products["Bakpia Kacang Hijau isi 20"]
    keripik = products["Keripik Tempe Sagu 250 g"]
    rows = [
        # (product, general for the maker?, kind, number, issuer, days since issued,
        #  days still valid)
        (coffee, True, "pirt", "2063404010567-28", "Dinas Kesehatan Sleman", 900, 920),
        (coffee, False, "halal", "ID34110000123450424", "BPJPH", 700, 1100),
        (wulan, True, "pirt", "2073404012345-29", "Dinas Kesehatan Sleman", 400, 1400),
        # Expiring soon: the curators should see them on their list.
        (wulan, False, "halal", "ID34110000987650125", "BPJPH", 1440, 21),
        (bakpia, True, "pirt", "2023471017788-26", "Dinas Kesehatan Kota Yogyakarta",
         1760, 45),
        (bakpia, False, "halal", "ID34110000456780323", "BPJPH", 900, 560),
        (keripik, True, "bpom_md", "MD 245611001234", "BPOM", 300, 1500),
    ]
    for product, general, kind, number, issuer, issued_ago, valid_days in rows:
        catalog.add_certificate(certificate=Certificate(
            cooperative=coop, member=product.member, product=None if general else product,
            kind=kind, number=number, issuer=issuer,
            issued_on=today - dt.timedelta(days=issued_ago),
            expires_on=today + dt.timedelta(days=valid_days)), actor=board)


def _bundles(coop, board, products) -> dict[str, Bundle]:
    specs = [
        ("Hampers Kopi & Batik Jogja", 345000,
         "Dua bungkus kopi Merapi dan sehelai batik cap kawung dalam besek bambu.",
         [("Kopi Lereng Merapi Wulan Arabika Natural 200 g", 2, 125000),
          ("Kain Batik Cap Motif Kawung 2 m", 1, 210000)]),
        ("Paket Camilan Khas Jogja", 119000,
         "Bakpia, geplak, pie salak dan keripik tempe: oleh-oleh lengkap.",
         [("Bakpia Kacang Hijau isi 20", 1, 40000), ("Geplak Bantul Aneka Rasa", 1, 22000),
          ("Salak Pondoh Pie isi 10", 1, 34000), ("Keripik Tempe Sagu 250 g", 1, 20000)]),
    ]
    bundles = {}
    for name, price, description, items in specs:
        bundles[name] = catalog.save_bundle(
            bundle=Bundle(cooperative=coop, name=name, price=D(price), description=description,
                          created_by=board),
            items=[(products[p], q, D(a)) for p, q, a in items], actor=board)
    return bundles


def _buyers(coop) -> list[Buyer]:
    """The demo's buyers; one with a login of the same e-mail is that account's buyer
    record, so the account shops at its wholesale price and sees its orders."""
    accounts = {u.username: u for u in get_user_model().objects.filter(
        username__in=[b[3] for b in BUYERS])}
    return [Buyer.objects.create(cooperative=coop, name=name, kind=kind, company=company,
                                 email=email, phone=phone, user=accounts.get(email))
            for name, kind, company, email, phone, *_rest in BUYERS]


def _backdate(order: Order, paid_days: int) -> None:
    """Move an order's delivery dates back to when it happened (demo realism only)."""
    placed = _ago(paid_days + 1, 9)
    FulfilmentLine.objects.filter(order=order).update(
        due_date=(placed + dt.timedelta(days=ordering.DELIVERY_DAYS)).date())
    FulfilmentLine.objects.filter(order=order, handed_over_at__isnull=False).update(
        handed_over_at=_ago(max(paid_days - 1, 0), 11))


def _orders(coop, board, products, bundles, buyers) -> dict[str, list[Order]]:
    channels = {c.code: c for c in Channel.objects.all()}
    made: dict[str, list[Order]] = {}
    for number, (buyer_index, items, channel, fate, paid_days) in enumerate(ORDERS, start=1):
        buyer = buyers[buyer_index]
        *_head, country, province, city, address = BUYERS[buyer_index]
        order = ordering.place_order(
            cooperative=coop, buyer=buyer, city=city, province=province, country=country,
            address=address, channel=channels[channel], actor=board,
            items=[ordering.Item("bundle", bundles[name].pk, q) if name in bundles
                   else ordering.Item("product", products[name].pk, q)
                   for name, q in items]).order
        if fate == "placed":
            made.setdefault(fate, []).append(order)
            continue
        # Placed the day before it was paid (a payment cannot come before its order).
        order.placed_at = _ago(paid_days + 1, 9)
        Order.objects.filter(pk=order.pk).update(placed_at=order.placed_at)
        payments.record_payment(order=order, amount=order.total, actor=board,
                                method="qris" if buyer.kind == "retail" else "bank_transfer",
                                reference=f"DEMO-{timezone.localdate():%y%m}-{number:04d}",
                                received_at=_ago(paid_days, 14))
        if fate == "cancelled":
            ordering.cancel_order(order=order, actor=board,
                                  reason="Pembeli membatalkan: salah ukuran sepatu")
        elif fate != "paid":
            lines = list(order.fulfilment.all())
            if fate == "partly":
                lines = lines[len(lines) // 2:]
            for line in lines:
                fulfilment.hand_over(line=line, actor=board)
        _backdate(order, paid_days)
        made.setdefault(fate, []).append(order)
    return made


def _shipments(coop, board, orders) -> None:
    for tag, (carrier, cost, tracking, shipped_days, delivered_days) in SHIPMENTS.items():
        shipment = fulfilment.create_shipment(cooperative=coop, orders=orders[tag], actor=board,
                                            carrier=carrier, cost=D(cost), method="bank")
        fulfilment.mark_shipped(shipment=shipment, actor=board, tracking_number=tracking)
        if delivered_days is not None:
            fulfilment.mark_delivered(shipment=shipment, actor=board)
            Order.objects.filter(shipment=shipment).update(delivered_at=_ago(delivered_days))
        Shipment.objects.filter(pk=shipment.pk).update(
            created_at=_ago(shipped_days + 1), shipped_at=_ago(shipped_days, 15),
            delivered_at=_ago(delivered_days, 11) if delivered_days is not None else None)


def load_sales_demo(coop, board) -> None:
    """Catalog, orders, shipments and a payout for the demo cooperative (in its scope)."""
    products = _catalog(coop, board)
    _certificates(coop, board, products)
    bundles = _bundles(coop, board, products)
    orders = _orders(coop, board, products, bundles, _buyers(coop))
    _shipments(coop, board, orders)
    # Sales up to a month ago are paid out; the newer ones wait for the next batch.
    today = timezone.localdate()
    payouts.create_payout(cooperative=coop, actor=board, method="bank",
                           start=today - dt.timedelta(days=130),
                           end=today - dt.timedelta(days=30))
