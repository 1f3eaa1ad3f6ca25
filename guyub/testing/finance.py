"""A cooperative's year of member business for the finance tests, dated where the test
says (the services date what they do today): simpanan and loan interest as journal
entries, sales, pooled purchases, contract deliveries and asset bookings as the records
the SHU reads (finance/shu/figures.py). Each helper takes the amounts in whole rupiah."""

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

from guyub.catalog.models import Category, Product
from guyub.contracts.deliveries.models import MemberPayment, Receipt
from guyub.ledger.services import Line, post_entry, reverse_entry
from guyub.members.models import Member, StatusChange
from guyub.purchasing.models import Item, PriceList, Round, RoundItem, Share, Supplier
from guyub.resources.assets.models import Asset
from guyub.resources.bookings.models import Booking
from guyub.sales.models import Buyer, FulfilmentLine, Order, OrderLine
from guyub.testing.factories import MemberFactory
from guyub.testing.resources import roaster

D = Decimal
_numbers = itertools.count(1)


def noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def member(cooperative, *, joined=dt.date(2024, 1, 15), **fields) -> Member:
    return MemberFactory(cooperative=cooperative, join_date=joined, **fields)


def leave(person: Member, on: dt.date, *, status=Member.Status.EXITED) -> Member:
    """The member leaves on `on`, their simpanan (pokok, wajib, sukarela) paid back."""
    with scope(cooperative=person.cooperative):
        for kind in ("pokok", "wajib", "sukarela"):
            balance = _balance(person, f"simpanan_{kind}", on)
            if balance > 0:
                simpanan(person, on, -balance, kind=kind)
        Member.objects.filter(pk=person.pk).update(status=status)
        StatusChange.objects.create(cooperative=person.cooperative, member=person,
                                    from_status=Member.Status.ACTIVE, to_status=status,
                                    date=on, reason="Pindah domisili")
    person.refresh_from_db()
    return person


def _balance(person: Member, role: str, on: dt.date) -> Decimal:
    from django.db.models import Sum

    from guyub.ledger.models import JournalLine

    sums = JournalLine.objects.filter(member=person, account__role=role,
                                      date__lte=on).aggregate(c=Sum("credit"), d=Sum("debit"))
    return (sums["c"] or D(0)) - (sums["d"] or D(0))


def simpanan(person: Member, on: dt.date, amount, *, kind="pokok"):
    """A deposit (a withdrawal when `amount` is negative) on the member's simpanan."""
    amount = D(amount)
    role = f"simpanan_{kind}"
    lines = ([Line("cash", debit=amount), Line(role, credit=amount, member=person)]
             if amount > 0 else
             [Line(role, debit=-amount, member=person), Line("cash", credit=-amount)])
    with scope(cooperative=person.cooperative):
        return post_entry(cooperative=person.cooperative, date=on, lines=lines,
                          description=f"Simpanan {kind}")


def loan_interest(person: Member, on: dt.date, interest, principal=0):
    """A loan repayment: principal and interest received from the member."""
    interest, principal = D(interest), D(principal)
    lines = [Line("cash", debit=interest + principal),
             Line("loan_interest", credit=interest, member=person)]
    if principal:
        lines.append(Line("loans_receivable", credit=principal, member=person))
    with scope(cooperative=person.cooperative):
        return post_entry(cooperative=person.cooperative, date=on, lines=lines,
                          description="Angsuran pinjaman")


def sale(person: Member, paid_on: dt.date, amount, *, commission=0,
         status=Order.Status.DELIVERED) -> FulfilmentLine:
    """An order of the member's product, paid on `paid_on`: `amount` the goods' value."""
    coop, amount = person.cooperative, D(amount)
    n = next(_numbers)
    with scope(cooperative=coop):
        category, _ = Category.objects.get_or_create(cooperative=coop, name="Kopi",
                                                     defaults={"is_food": True})
        product = Product.objects.create(
            cooperative=coop, member=person, name=f"Kopi {n}", category=category,
            net_weight_grams=250, price=amount, stock=5, status=Product.Status.APPROVED)
        buyer = Buyer.objects.create(cooperative=coop, name=f"Pembeli {n}",
                                     email=f"b{n}@contoh.id", phone=f"+628130000{n:04d}")
        order = Order.objects.create(
            cooperative=coop, number=n, buyer=buyer, status=status, city="Sleman",
            province="34", address="Jl. Kaliurang 5", subtotal=amount, total=amount,
            placed_at=noon(paid_on), paid_at=noon(paid_on), access_key=f"k{n}")
        line = OrderLine.objects.create(cooperative=coop, order=order, product=product,
                                        name=product.name, quantity=1, unit_price=amount,
                                        line_total=amount)
        return FulfilmentLine.objects.create(
            cooperative=coop, order=order, order_line=line, member=person, product=product,
            quantity=1, sale_amount=amount, commission=D(commission), due_date=paid_on)


def purchase(person: Member, closed_on: dt.date, goods, *, cost=0, fee=0,
             status=Round.Status.RECEIVED) -> Share:
    """The member's share of a pooled round closed on `closed_on`."""
    coop = person.cooperative
    n = next(_numbers)
    with scope(cooperative=coop):
        supplier = Supplier.objects.create(cooperative=coop, name=f"CV Tani {n}")
        item = Item.objects.create(cooperative=coop, name=f"Pupuk {n}", unit="kg",
                                   retail_reference_price=D(12000))
        prices = PriceList.objects.create(cooperative=coop, supplier=supplier, item=item,
                                          pack_size=D(50), min_order_qty=D(0),
                                          valid_from=closed_on)
        round_ = Round.objects.create(
            cooperative=coop, title=f"Pupuk bersama {n}", opens_at=noon(closed_on),
            closes_at=noon(closed_on), closed_at=noon(closed_on), pickup_place="Gudang",
            pickup_date=closed_on, status=status)
        round_item = RoundItem.objects.create(cooperative=coop, round=round_,
                                              price_list=prices, packs=1,
                                              ordered_qty=D(50), unit_price=D(10000))
        return Share.objects.create(
            cooperative=coop, round_item=round_item, member=person, committed=D(50),
            tolerance=D(0), quantity=D(50), goods_amount=D(goods), cost_amount=D(cost),
            fee_amount=D(fee))


def asset_fee(person: Member, on: dt.date, fee, *, released=False) -> Booking:
    """A booking of the roaster charged to the member on `on` (its charge reversed the
    same day when `released`)."""
    coop, fee = person.cooperative, D(fee)
    with scope(cooperative=coop):
        asset = Asset.objects.filter(cooperative=coop).first() or roaster(coop)
        entry = post_entry(cooperative=coop, date=on, description="Sewa mesin sangrai",
                           lines=[Line("receivable_members", debit=fee, member=person),
                                  Line("asset_fees_members", credit=fee)])
        booking = Booking.objects.create(
            cooperative=coop, number=next(_numbers), asset=asset, member=person,
            starts_at=noon(on), ends_at=noon(on) + dt.timedelta(hours=2), fee=fee,
            status=Booking.Status.CANCELLED if released else Booking.Status.RETURNED,
            charge_entry=entry)
        if released:
            reverse_entry(entry=entry, date=on, reason="Dibatalkan tepat waktu", actor=None)
        return booking


def contract_deliveries(cooperative, actor, checked_on: dt.date) -> dict[Member, Decimal]:
    """contracts' delivered world with its quality checks moved to `checked_on`: the
    producers and what each is owed for their accepted goods."""
    from guyub.testing.contracts_deliveries import delivered_world

    world = delivered_world(cooperative, actor)
    with scope(cooperative=cooperative):
        Receipt.objects.filter(cooperative=cooperative).update(checked_at=noon(checked_on))
        Member.objects.filter(pk__in=[m.pk for m in world["members"]]).update(
            join_date=dt.date(2024, 1, 15))
        owed = {}
        for payment in MemberPayment.objects.filter(cooperative=cooperative):
            owed[payment.member] = owed.get(payment.member, D(0)) + payment.amount
    return owed
