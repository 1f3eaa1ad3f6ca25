"""sales.services one rule at a time: placing and cancelling orders, payments and their
journal entries, hand-over, consolidated shipments and consignment payouts."""

import datetime as dt
import random
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.catalog.models import Bundle, Category, PriceTier, Product
from guyub.catalog.services import save_bundle
from guyub.core.errors import DomainError
from guyub.ledger import selectors as ledger
from guyub.ledger.models import JournalEntry
from guyub.sales import services
from guyub.sales.models import Buyer, FulfilmentLine, Order, Payment, PayoutLine, Shipment
from guyub.sales.services import Item
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

D = Decimal
JOGJA = {"city": "Kota Yogyakarta", "province": "34", "address": "Jl. Malioboro 1"}
SOLO = {"city": "Kota Surakarta", "province": "33", "address": "Jl. Slamet Riyadi 5"}


@pytest.fixture(autouse=True)
def in_coop(coop):
    """Run every test body inside the cooperative's tenant scope, as a request would."""
    with scope(cooperative=coop):
        yield coop


@pytest.fixture
def shop(in_coop, coop, board):
    """Two makers: coffee (food, the cooperative's 10 % commission) and batik (15 %),
    and a hamper bundling two coffees with one batik."""
    coffee_maker = MemberFactory(cooperative=coop, owner_name="Bambang Sutrisno")
    batik_maker = MemberFactory(cooperative=coop, owner_name="Siti Aminah")
    food = Category.objects.create(cooperative=coop, name="Kopi", is_food=True)
    cloth = Category.objects.create(cooperative=coop, name="Batik", commission_pct=D(15))
    coffee = Product.objects.create(
        cooperative=coop, member=coffee_maker, name="Kopi Merapi 250 g", category=food,
        net_weight_grams=250, price=D(45000), stock=20, status=Product.Status.APPROVED)
    batik = Product.objects.create(
        cooperative=coop, member=batik_maker, name="Batik tulis", category=cloth,
        net_weight_grams=400, price=D(350000), stock=5, status=Product.Status.APPROVED)
    hamper = save_bundle(
        bundle=Bundle(cooperative=coop, name="Hampers Jogja", price=D(380000)),
        items=[(coffee, 2, D(80000)), (batik, 1, D(300000))], actor=board)
    return SimpleNamespace(coffee_maker=coffee_maker, batik_maker=batik_maker, food=food,
                           cloth=cloth, coffee=coffee, batik=batik, hamper=hamper)


@pytest.fixture
def buyer(in_coop, coop):
    return Buyer.objects.create(cooperative=coop, name="Dewi Lestari", email="dewi@contoh.id",
                                phone="+6281234567890")


@pytest.fixture
def business_buyer(in_coop, coop):
    return Buyer.objects.create(cooperative=coop, kind=Buyer.Kind.BUSINESS, name="Agus",
                                company="CV Oleh-oleh Malioboro", email="cv@contoh.id",
                                phone="+6281298765432")


def order(coop, buyer, *items, where=JOGJA):
    """Place an order of (kind, object, quantity) items."""
    return services.place_order(
        cooperative=coop, buyer=buyer, **where,
        items=[Item(kind, obj.pk, quantity) for kind, obj, quantity in items])


def pay(order, *, reference=None, actor=None, method="bank_transfer"):
    payment, _created = services.record_payment(
        order=order, amount=order.total, method=method,
        reference=reference or f"TRF-{order.number}", actor=actor)
    return payment


def hand_over_all(order, actor):
    for line in order.fulfilment.all():
        services.hand_over(line=line, actor=actor)


def stock(*products):
    return tuple(Product.objects.get(pk=p.pk).stock for p in products)


def trial_balance():
    return ledger.trial_balance(as_of=timezone.localdate())


def deposits_held():
    """What the cooperative holds as buyers' part payments (2104 Uang muka pembeli)."""
    (row,) = [r for r in trial_balance() if r.account.role == "buyer_deposits"]
    return row.credit - row.debit


def owed_to(member):
    return ledger.member_balance(member=member, role="payable_members")


def today_payout(coop, actor):
    today = timezone.localdate()
    return services.create_payout(cooperative=coop, start=today - dt.timedelta(days=1),
                                  end=today, actor=actor)


# --- placing an order ---------------------------------------------------------------


def test_it_refuses_less_than_the_minimum_order_quantity(coop, shop, buyer):
    Product.objects.filter(pk=shop.coffee.pk).update(min_order_qty=6)

    with pytest.raises(DomainError, match="minimal pembelian 6") as refused:
        order(coop, buyer, ("product", shop.coffee, 5))

    assert refused.value.field == "items"
    assert not Order.objects.exists()
    assert stock(shop.coffee) == (20,)
    assert order(coop, buyer, ("product", shop.coffee, 6)).lines.get().quantity == 6


def test_it_refuses_a_product_not_yet_approved(coop, shop, buyer):
    Product.objects.filter(pk=shop.batik.pk).update(status=Product.Status.SUBMITTED)

    with pytest.raises(DomainError, match="Produk tidak tersedia"):
        order(coop, buyer, ("product", shop.coffee, 1), ("product", shop.batik, 1))

    assert not Order.objects.exists()
    assert stock(shop.coffee, shop.batik) == (20, 5)


def test_it_refuses_a_bundle_whose_component_went_back_to_curation(coop, shop, buyer):
    Product.objects.filter(pk=shop.batik.pk).update(status=Product.Status.CHANGES)

    with pytest.raises(DomainError, match="dalam paket tidak tersedia"):
        order(coop, buyer, ("bundle", shop.hamper, 1))

    assert not Order.objects.exists()


def test_it_refuses_an_inactive_bundle(coop, shop, buyer):
    Bundle.objects.filter(pk=shop.hamper.pk).update(active=False)

    with pytest.raises(DomainError, match="Paket tidak tersedia"):
        order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))

    assert not Order.objects.exists()
    assert stock(shop.coffee, shop.batik) == (20, 5)


def test_it_reserves_exactly_the_units_ordered_alone_and_inside_bundles(coop, shop, buyer):
    placed = order(coop, buyer, ("product", shop.coffee, 3), ("bundle", shop.hamper, 2),
                   ("product", shop.batik, 1))

    # Coffee: 3 alone + 2 hampers x 2; batik: 1 alone + 2 hampers x 1.
    assert stock(shop.coffee, shop.batik) == (20 - 7, 5 - 3)
    handed = {}
    for line in placed.fulfilment.all():
        handed[line.product_id] = handed.get(line.product_id, 0) + line.quantity
    assert handed == {shop.coffee.pk: 7, shop.batik.pk: 3}
    assert placed.subtotal == 3 * D(45000) + 2 * D(380000) + D(350000)
    assert placed.weight_grams == 7 * 250 + 3 * 400


def test_it_counts_a_product_alone_and_in_a_bundle_together_against_its_stock(coop, shop,
                                                                             buyer):
    Product.objects.filter(pk=shop.coffee.pk).update(stock=6)

    # 3 alone + 2 hampers x 2 = 7 coffees, one more than there are; each part fits alone.
    with pytest.raises(DomainError, match="Stok Kopi Merapi 250 g tinggal 6"):
        order(coop, buyer, ("product", shop.coffee, 3), ("bundle", shop.hamper, 2))

    assert stock(shop.coffee, shop.batik) == (6, 5)
    assert not Order.objects.exists()
    order(coop, buyer, ("product", shop.coffee, 2), ("bundle", shop.hamper, 2))
    assert stock(shop.coffee, shop.batik) == (0, 3)


def test_a_business_buyer_pays_the_wholesale_tier_they_reach(coop, shop, buyer,
                                                            business_buyer):
    Product.objects.filter(pk=shop.coffee.pk).update(stock=100)
    PriceTier.objects.bulk_create([
        PriceTier(cooperative=coop, product=shop.coffee, min_qty=5, price=D(40000)),
        PriceTier(cooperative=coop, product=shop.coffee, min_qty=10, price=D(36000)),
    ])

    def unit_price(who, quantity):
        return order(coop, who, ("product", shop.coffee, quantity)).lines.get().unit_price

    assert unit_price(business_buyer, 4) == D(45000)
    assert unit_price(business_buyer, 5) == D(40000)
    assert unit_price(business_buyer, 10) == D(36000)
    # A retail buyer pays the retail price whatever the quantity.
    assert unit_price(buyer, 10) == D(45000)


def test_a_wholesale_price_is_what_the_maker_is_credited_for(coop, shop, business_buyer):
    PriceTier.objects.create(cooperative=coop, product=shop.coffee, min_qty=10,
                             price=D(36000))

    placed = order(coop, business_buyer, ("product", shop.coffee, 10))

    line = placed.fulfilment.get()
    assert (line.sale_amount, line.commission) == (D(360000), D(36000))
    assert placed.total == D(360000)


def test_a_cooperative_that_is_not_pkp_charges_no_ppn(coop, shop, buyer):
    assert not coop.is_pkp

    placed = order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))

    assert (placed.subtotal, placed.ppn_rate, placed.ppn_amount, placed.total) == (
        D(425000), D(0), D(0), D(425000))


def test_a_pkp_cooperative_adds_ppn_on_top_of_the_subtotal(coop, shop, buyer):
    coop.is_pkp = True
    coop.ppn_rate = D(11)
    coop.save()

    placed = order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))

    assert (placed.subtotal, placed.ppn_rate, placed.ppn_amount, placed.total) == (
        D(425000), D(11), D(46750), D(471750))
    # The makers are credited on the price before tax.
    assert sum(f.sale_amount for f in placed.fulfilment.all()) == D(425000)


def test_a_bundle_line_is_shared_by_the_agreed_price_per_bundle(coop, shop, buyer, board):
    # The agreed prices are each maker's price for their part of one bundle (three
    # coffees together: 70.000) and need not add up to the bundle's price.
    gift = save_bundle(bundle=Bundle(cooperative=coop, name="Paket Kopi", price=D(380000)),
                       items=[(shop.coffee, 3, D(70000)), (shop.batik, 1, D(300000))],
                       actor=board)

    placed = order(coop, buyer, ("bundle", gift, 2))

    shares = {f.member_id: (f.quantity, f.sale_amount) for f in placed.fulfilment.all()}
    # 760.000 split 70 : 300 is 143.783,78 and 616.216,22; the rupiah left by rounding
    # down goes to the larger remainder, so the shares add up to the line exactly.
    assert shares == {shop.coffee_maker.pk: (6, D(143784)),
                      shop.batik_maker.pk: (2, D(616216))}


def test_order_numbers_run_per_cooperative_and_are_never_reused(coop, other_coop, shop, buyer,
                                                                board):
    first = order(coop, buyer, ("product", shop.coffee, 1))
    services.cancel_order(order=first, actor=board, reason="Salah pesan")
    with pytest.raises(DomainError):
        order(coop, buyer, ("product", shop.coffee, 999))  # refused: takes no number
    second = order(coop, buyer, ("product", shop.coffee, 1))
    with scope(cooperative=other_coop):
        maker = MemberFactory(cooperative=other_coop)
        cat = Category.objects.create(cooperative=other_coop, name="Kopi")
        elsewhere = Product.objects.create(
            cooperative=other_coop, member=maker, name="Kopi Gayo", category=cat,
            net_weight_grams=250, price=D(60000), stock=5, status=Product.Status.APPROVED)
        their_buyer = Buyer.objects.create(cooperative=other_coop, name="Rina",
                                           email="rina@contoh.id", phone="+6281234567891")
        theirs = order(other_coop, their_buyer, ("product", elsewhere, 1))

    assert (first.display_number, second.display_number) == ("PSN-000001", "PSN-000002")
    assert theirs.display_number == "PSN-000001"


def test_an_empty_cart_is_refused(coop, shop, buyer):
    with pytest.raises(DomainError, match="Keranjang kosong"):
        order(coop, buyer, ("product", shop.coffee, 0))


# --- cancelling ---------------------------------------------------------------------


def test_cancelling_an_unpaid_order_returns_its_stock(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 3), ("bundle", shop.hamper, 2))

    services.cancel_order(order=placed, actor=board, reason="Pembeli membatalkan")

    assert stock(shop.coffee, shop.batik) == (20, 5)
    placed.refresh_from_db()
    assert placed.status == Order.Status.CANCELLED and placed.cancelled_at is not None
    assert not JournalEntry.objects.exists()


def test_cancelling_a_paid_order_reverses_its_payment_in_the_books(coop, shop, buyer, board):
    coop.is_pkp = True
    coop.save()
    placed = order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))
    payment = pay(placed, actor=board)
    assert owed_to(shop.coffee_maker) > 0

    services.cancel_order(order=placed, actor=board, reason="Barang rusak di gudang")

    reversal = JournalEntry.objects.get(reverses=payment.entry)
    assert reversal.lines.count() == payment.entry.lines.count()
    assert owed_to(shop.coffee_maker) == 0
    assert owed_to(shop.batik_maker) == 0
    # Every account is back where it started: the sale left nothing in the books.
    assert [(r.account.role, r.debit - r.credit) for r in trial_balance()
            if r.debit != r.credit] == []
    assert stock(shop.coffee, shop.batik) == (20, 5)


def test_a_shipped_order_cannot_be_cancelled(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    pay(placed)
    hand_over_all(placed, board)
    shipment = services.create_shipment(cooperative=coop, orders=[placed], actor=board)
    services.mark_shipped(shipment=shipment, actor=board, tracking_number="JNE0001")

    with pytest.raises(DomainError, match="sudah dikirim") as refused:
        services.cancel_order(order=placed, actor=board, reason="Terlambat")

    assert refused.value.code == "transition"
    assert Order.objects.get(pk=placed.pk).status == Order.Status.SHIPPED
    assert stock(shop.coffee) == (18,)
    assert not JournalEntry.objects.filter(reverses__isnull=False).exists()


def test_cancelling_needs_a_reason(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))

    with pytest.raises(DomainError, match="Alasan"):
        services.cancel_order(order=placed, actor=board, reason="  ")

    assert Order.objects.get(pk=placed.pk).status == Order.Status.PLACED
    assert stock(shop.coffee) == (18,)


# --- payments -----------------------------------------------------------------------


@pytest.mark.parametrize("amount", [90001, 180000])
def test_an_overpayment_is_refused_with_the_balance_shown(coop, shop, buyer, amount):
    placed = order(coop, buyer, ("product", shop.coffee, 2))

    with pytest.raises(DomainError) as refused:
        services.record_payment(order=placed, amount=D(amount),
                                method="bank_transfer", reference="TRF-77")

    assert refused.value.field == "amount"
    assert "Sisa tagihan Rp90.000." in refused.value.message
    assert not Payment.objects.exists() and not JournalEntry.objects.exists()
    assert Order.objects.get(pk=placed.pk).status == Order.Status.PLACED


@pytest.mark.parametrize("amount", [0, -1, "0.5", "NaN", "Infinity"])
def test_a_payment_of_nothing_or_a_fraction_is_refused(coop, shop, buyer, amount):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    with pytest.raises(DomainError, match="rupiah utuh lebih dari nol"):
        services.record_payment(order=placed, amount=D(amount), method="cash",
                                reference="KW-1")
    assert not Payment.objects.exists()


def test_a_business_buyer_pays_a_deposit_then_the_rest(coop, shop, business_buyer, board):
    placed = order(coop, business_buyer, ("product", shop.coffee, 2))  # Rp90.000
    deposit, _ = services.record_payment(order=placed, amount=D(30000), method="bank_transfer",
                                         reference="DP-1", actor=board)

    placed = Order.objects.get(pk=placed.pk)
    assert placed.status == Order.Status.PLACED and placed.paid_at is None
    assert (placed.amount_paid, placed.balance_due) == (30000, 60000)
    # The deposit is owed back to the buyer until the sale is complete: nothing is owed
    # to the maker yet, and the books balance.
    assert deposits_held() == 30000
    assert owed_to(shop.coffee_maker) == 0
    assert deposit.entry.description.startswith("Uang muka PSN-")

    with pytest.raises(DomainError, match="Sisa tagihan Rp60.000"):
        services.record_payment(order=placed, amount=D(60001), method="bank_transfer",
                                reference="TRF-2")
    services.record_payment(order=placed, amount=D(20000), method="cash", reference="KW-2")
    rest, _ = services.record_payment(order=placed, amount=D(40000), method="bank_transfer",
                                      reference="TRF-3", actor=board)

    placed = Order.objects.get(pk=placed.pk)
    assert placed.status == Order.Status.PAID and placed.paid_at == rest.received_at
    assert (placed.amount_paid, placed.balance_due) == (90000, 0)
    assert deposits_held() == 0
    assert owed_to(shop.coffee_maker) == D(81000)
    assert JournalEntry.objects.count() == 3
    totals = trial_balance()
    assert sum(r.debit for r in totals) == sum(r.credit for r in totals)
    with pytest.raises(DomainError, match="tidak sedang menunggu pembayaran"):
        services.record_payment(order=placed, amount=D(1), method="cash", reference="KW-9")


def test_a_deposit_notified_twice_is_recorded_once(coop, shop, business_buyer):
    placed = order(coop, business_buyer, ("product", shop.coffee, 2))
    services.record_payment(order=placed, amount=D(30000), method="qris", reference="Q-1")
    _again, created = services.record_payment(order=placed, amount=D(30000), method="qris",
                                              reference="Q-1")
    assert created is False
    assert Order.objects.get(pk=placed.pk).amount_paid == 30000


def test_cancelling_after_a_deposit_returns_it_in_the_books(coop, shop, business_buyer, board):
    placed = order(coop, business_buyer, ("product", shop.coffee, 2))
    services.record_payment(order=placed, amount=D(30000), method="cash", reference="DP-7")
    services.cancel_order(order=placed, actor=board, reason="Pembeli membatalkan")
    assert deposits_held() == 0
    assert Order.objects.get(pk=placed.pk).balance_due == 0


def test_the_same_reference_twice_records_one_payment_and_one_entry(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))

    first, created = services.record_payment(order=placed, amount=D(90000), method="qris",
                                             reference="QRIS-555", actor=board)
    again, created_again = services.record_payment(order=placed, amount=D(90000),
                                                   method="qris", reference=" QRIS-555 ")

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Payment.objects.count() == 1
    assert JournalEntry.objects.count() == 1
    assert owed_to(shop.coffee_maker) == D(81000)


def test_a_reference_already_used_for_another_order_is_refused(coop, shop, buyer):
    first = order(coop, buyer, ("product", shop.coffee, 2))
    second = order(coop, buyer, ("product", shop.coffee, 2))
    pay(first, reference="TRF-1")

    with pytest.raises(DomainError, match="TRF-1 sudah dipakai") as refused:
        services.record_payment(order=second, amount=second.total, method="bank_transfer",
                                reference="TRF-1")

    assert refused.value.code == "conflict"
    assert Payment.objects.get().order_id == first.pk
    assert JournalEntry.objects.count() == 1
    assert Order.objects.get(pk=second.pk).status == Order.Status.PLACED


def test_a_cancelled_order_cannot_be_paid(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    services.cancel_order(order=placed, actor=board, reason="Pembeli membatalkan")

    with pytest.raises(DomainError, match="tidak sedang menunggu pembayaran"):
        pay(placed)

    assert not Payment.objects.exists() and not JournalEntry.objects.exists()


def entry_by_role(entry):
    """{role: (debit, credit)} and {member_id: credit to payable_members} of an entry."""
    totals, makers = {}, {}
    for line in entry.lines.select_related("account"):
        debit, credit = totals.get(line.account.role, (D(0), D(0)))
        totals[line.account.role] = (debit + line.debit, credit + line.credit)
        if line.account.role == "payable_members":
            assert line.member_id is not None, "a maker's payable names the maker"
            makers[line.member_id] = makers.get(line.member_id, D(0)) + line.credit
    return totals, makers


def test_a_payment_is_booked_on_the_day_the_money_came_in(coop, shop, buyer, board):
    friday = timezone.now() - dt.timedelta(days=3)
    placed = order(coop, buyer, ("product", shop.coffee, 1))
    placed.placed_at = friday - dt.timedelta(hours=2)  # ordered on Friday morning
    Order.objects.filter(pk=placed.pk).update(placed_at=placed.placed_at)

    payment, _created = services.record_payment(order=placed, amount=placed.total,
                                                method="bank_transfer", reference="TRF-JUM",
                                                received_at=friday, actor=board)

    assert payment.entry.date == timezone.localdate(friday)
    assert Order.objects.get(pk=placed.pk).paid_at == friday


@pytest.mark.parametrize("when, error", [
    (dt.timedelta(days=1), "masa depan"),
    (dt.timedelta(days=-1), "sebelum pesanannya dibuat"),
])
def test_a_payment_received_in_the_future_or_before_its_order_is_refused(
        coop, shop, buyer, board, when, error):
    placed = order(coop, buyer, ("product", shop.coffee, 1))
    with pytest.raises(DomainError, match=error) as refused:
        services.record_payment(order=placed, amount=placed.total, method="cash",
                                reference="KAS-1", actor=board,
                                received_at=timezone.now() + when)
    assert refused.value.field == "received_at"
    assert not Payment.objects.exists() and not JournalEntry.objects.exists()


def test_a_payment_posts_each_makers_earning_commission_and_ppn(coop, shop, buyer, board):
    coop.is_pkp = True
    coop.save()
    placed = order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))

    payment = pay(placed, actor=board, method="cash")

    totals, makers = entry_by_role(payment.entry)
    # Coffee: 45.000 alone + 80.000 of the hamper at 10 %; batik: 300.000 at 15 %.
    assert makers == {shop.coffee_maker.pk: D(45000 - 4500 + 80000 - 8000),
                      shop.batik_maker.pk: D(300000 - 45000)}
    assert totals == {
        "cash": (D(471750), D(0)),
        "payable_members": (D(0), sum(makers.values())),
        "income_commission": (D(0), D(4500 + 8000 + 45000)),
        "vat_payable": (D(0), D(46750)),
    }
    assert payment.entry.source_id == str(payment.pk)


@pytest.mark.parametrize("pkp", [False, True])
def test_every_payment_entry_balances_and_matches_the_fulfilment(coop, shop, buyer, board, pkp):
    coop.is_pkp = pkp
    coop.save()
    Product.objects.filter(pk=shop.coffee.pk).update(commission_pct=D("12.5"), stock=10_000)
    Product.objects.filter(pk=shop.batik.pk).update(stock=10_000)
    rng = random.Random(11)
    for n in range(12):
        items = [(kind, obj, rng.randint(0, 7)) for kind, obj in
                 (("product", shop.coffee), ("product", shop.batik), ("bundle", shop.hamper))]
        if not any(q for _k, _o, q in items):
            continue
        placed = order(coop, buyer, *items)
        payment = pay(placed, reference=f"QRIS-{n}", actor=board)

        totals, makers = entry_by_role(payment.entry)
        assert sum(d for d, _c in totals.values()) == sum(c for _d, c in totals.values())
        earned = {}
        for line in placed.fulfilment.all():
            earned[line.member_id] = earned.get(line.member_id, D(0)) + line.member_earning
        assert makers == {m: e for m, e in earned.items() if e}
        fees = sum(f.commission for f in placed.fulfilment.all())
        assert totals.get("income_commission", (0, 0))[1] == fees
        assert totals.get("vat_payable", (0, 0))[1] == placed.ppn_amount
        assert (placed.ppn_amount > 0) == pkp
        assert totals["bank"] == (placed.total, D(0))
    rows = trial_balance()
    assert sum(r.debit for r in rows) == sum(r.credit for r in rows)


# --- fulfilment and shipments -------------------------------------------------------


def test_goods_cannot_be_handed_over_before_the_order_is_paid(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    line = placed.fulfilment.get()

    with pytest.raises(DomainError, match="setelah pesanan dibayar"):
        services.hand_over(line=line, actor=board)

    assert FulfilmentLine.objects.get(pk=line.pk).handed_over_at is None
    assert Order.objects.get(pk=placed.pk).status == Order.Status.PLACED


def test_handing_over_moves_a_paid_order_to_fulfilling(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    pay(placed)

    services.hand_over(line=placed.fulfilment.get(), actor=board)

    assert Order.objects.get(pk=placed.pk).status == Order.Status.FULFILLING


def test_a_shipment_goes_to_one_destination_only(coop, shop, buyer, board):
    to_jogja = order(coop, buyer, ("product", shop.coffee, 1))
    to_solo = order(coop, buyer, ("product", shop.coffee, 1), where=SOLO)
    for placed in (to_jogja, to_solo):
        pay(placed)
        hand_over_all(placed, board)

    with pytest.raises(DomainError, match="satu tujuan"):
        services.create_shipment(cooperative=coop, orders=[to_jogja, to_solo], actor=board,
                                 cost=D(20000))

    assert not Shipment.objects.exists()
    assert not Order.objects.filter(shipment__isnull=False).exists()
    assert JournalEntry.objects.count() == 2  # the two payments, no shipping cost


def test_a_shipment_refuses_an_order_whose_goods_are_not_all_handed_over(coop, shop, buyer,
                                                                        board):
    ready = order(coop, buyer, ("product", shop.coffee, 1))
    waiting = order(coop, buyer, ("product", shop.coffee, 1), ("bundle", shop.hamper, 1))
    for placed in (ready, waiting):
        pay(placed)
    hand_over_all(ready, board)
    first, *rest = waiting.fulfilment.all()
    services.hand_over(line=first, actor=board)
    assert rest

    with pytest.raises(DomainError, match="belum diserahkan"):
        services.create_shipment(cooperative=coop, orders=[ready, waiting], actor=board)

    assert not Shipment.objects.exists()


def test_a_shipment_refuses_an_unpaid_order(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 1))

    with pytest.raises(DomainError, match="belum siap dikirim"):
        services.create_shipment(cooperative=coop, orders=[placed], actor=board)

    assert not Shipment.objects.exists()


def test_a_shipment_shares_its_cost_by_weight_and_books_it(coop, shop, buyer, board):
    light = order(coop, buyer, ("product", shop.coffee, 1))                 # 250 g
    heavy = order(coop, buyer, ("product", shop.batik, 1), ("product", shop.coffee, 1))
    for placed in (light, heavy):
        pay(placed)
        hand_over_all(placed, board)

    shipment = services.create_shipment(cooperative=coop, orders=[light, heavy], actor=board,
                                        carrier="JNE", cost=D(30001))

    shares = dict(Order.objects.filter(shipment=shipment).values_list("pk", "shipping_cost_share"))
    # 30.001 x 250/900 = 8.333,6 and x 650/900 = 21.667,4: the spare rupiah goes to the
    # larger remainder.
    assert shares == {light.pk: D(8334), heavy.pk: D(21667)}
    totals, _makers = entry_by_role(shipment.cost_entry)
    assert totals == {"shipping_expense": (D(30001), D(0)), "cash": (D(0), D(30001))}


def test_an_order_cancelled_while_its_shipment_is_prepared_is_not_shipped_or_paid_out(
        coop, shop, buyer, board):
    kept = order(coop, buyer, ("product", shop.coffee, 1))
    dropped = order(coop, buyer, ("product", shop.coffee, 2))
    for placed in (kept, dropped):
        pay(placed)
        hand_over_all(placed, board)
    shipment = services.create_shipment(cooperative=coop, orders=[kept, dropped], actor=board)
    services.cancel_order(order=dropped, actor=board, reason="Pembeli membatalkan")

    services.mark_shipped(shipment=shipment, actor=board, tracking_number="JNE0002")
    services.mark_delivered(shipment=shipment, actor=board)

    assert Order.objects.get(pk=kept.pk).status == Order.Status.DELIVERED
    assert Order.objects.get(pk=dropped.pk).status == Order.Status.CANCELLED
    # Its refunded sale must not come back into the maker's payout.
    batch = today_payout(coop, board)
    assert [(x.member_id, x.amount) for x in batch.lines.all()] == [
        (shop.coffee_maker.pk, D(40500))]
    assert owed_to(shop.coffee_maker) == 0


# --- consignment payouts ------------------------------------------------------------


def test_each_maker_is_paid_their_sales_less_commission(coop, shop, buyer, board):
    pay(order(coop, buyer, ("product", shop.coffee, 2), ("bundle", shop.hamper, 1)))
    pay(order(coop, buyer, ("product", shop.batik, 1)))

    batch = today_payout(coop, board)

    lines = {line.member_id: line for line in batch.lines.all()}
    coffee, batik = lines[shop.coffee_maker.pk], lines[shop.batik_maker.pk]
    assert (coffee.sales, coffee.commission, coffee.amount) == (
        D(90000 + 80000), D(9000 + 8000), D(90000 + 80000 - 9000 - 8000))
    assert (batik.sales, batik.commission, batik.amount) == (
        D(300000 + 350000), D(45000 + 52500), D(300000 + 350000 - 45000 - 52500))
    totals, _makers = entry_by_role(batch.entry)
    assert totals == {"payable_members": (coffee.amount + batik.amount, D(0)),
                      "bank": (D(0), coffee.amount + batik.amount)}


def test_after_a_payout_nothing_is_owed_to_the_makers(coop, shop, buyer, board):
    pay(order(coop, buyer, ("product", shop.coffee, 2), ("bundle", shop.hamper, 1)))
    assert owed_to(shop.coffee_maker) > 0 and owed_to(shop.batik_maker) > 0

    today_payout(coop, board)

    assert owed_to(shop.coffee_maker) == 0
    assert owed_to(shop.batik_maker) == 0
    rows = trial_balance()
    assert sum(r.debit for r in rows) == sum(r.credit for r in rows)


def test_a_sale_is_never_paid_out_twice(coop, shop, buyer, board):
    pay(order(coop, buyer, ("product", shop.coffee, 2)))
    first = today_payout(coop, board)

    with pytest.raises(DomainError, match="Tidak ada hasil penjualan"):
        today_payout(coop, board)
    pay(order(coop, buyer, ("product", shop.coffee, 1)))
    second = today_payout(coop, board)

    assert [(x.member_id, x.amount) for x in first.lines.all()] == [
        (shop.coffee_maker.pk, D(81000))]
    # The second batch, over the same days, pays only the sale made since the first.
    assert [(x.member_id, x.amount) for x in second.lines.all()] == [
        (shop.coffee_maker.pk, D(40500))]
    assert not FulfilmentLine.objects.filter(payout__isnull=True).exists()
    assert owed_to(shop.coffee_maker) == 0


def test_cancelled_and_unpaid_orders_are_left_out_of_the_payout(coop, shop, buyer, board):
    cancelled = order(coop, buyer, ("product", shop.batik, 1))
    pay(cancelled)
    services.cancel_order(order=cancelled, actor=board, reason="Pembeli membatalkan")
    order(coop, buyer, ("product", shop.batik, 1))  # placed, never paid
    pay(order(coop, buyer, ("product", shop.coffee, 1)))

    batch = today_payout(coop, board)

    assert [(x.member_id, x.amount) for x in batch.lines.all()] == [
        (shop.coffee_maker.pk, D(40500))]
    assert not PayoutLine.objects.filter(member=shop.batik_maker).exists()
    assert owed_to(shop.batik_maker) == 0
    assert owed_to(shop.coffee_maker) == 0


def test_a_paid_out_order_cannot_be_cancelled(coop, shop, buyer, board):
    placed = order(coop, buyer, ("product", shop.coffee, 2))
    pay(placed)
    today_payout(coop, board)

    with pytest.raises(DomainError, match="sudah dibayarkan ke anggota"):
        services.cancel_order(order=placed, actor=board, reason="Retur")

    assert Order.objects.get(pk=placed.pk).status == Order.Status.PAID
    assert not JournalEntry.objects.filter(reverses__isnull=False).exists()

