"""Short ways to place, pay and hand over an order through the services, and to read the
books, for the rule tests of orders, payments, fulfilment and payouts (their shop and
buyers are fixtures: guyub/sales/conftest.py)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from guyub.catalog.models import Product
from guyub.ledger import selectors as ledger
from guyub.sales.fulfilment import services as fulfilment
from guyub.sales.orders import payments
from guyub.sales.orders import services as ordering
from guyub.sales.orders.services import Item
from guyub.sales.payouts import services as payouts

JOGJA = {"city": "Kota Yogyakarta", "province": "34", "address": "Jl. Malioboro 1"}
SOLO = {"city": "Kota Surakarta", "province": "33", "address": "Jl. Slamet Riyadi 5"}


def order(coop, buyer, *items, where=JOGJA):
    """Place an order of (kind, object, quantity) items."""
    return ordering.place_order(
        cooperative=coop, buyer=buyer, **where,
        items=[Item(kind, obj.pk, quantity) for kind, obj, quantity in items]).order


def pay(order, *, reference=None, actor=None, method="bank_transfer"):
    payment, _created = payments.record_payment(
        order=order, amount=order.total, method=method,
        reference=reference or f"TRF-{order.number}", actor=actor)
    return payment


def hand_over_all(order, actor):
    for line in order.fulfilment.all():
        fulfilment.hand_over(line=line, actor=actor)


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
    return payouts.create_payout(cooperative=coop, start=today - dt.timedelta(days=1),
                                 end=today, actor=actor)


def entry_by_role(entry):
    """{role: (debit, credit)} and {member_id: credit to payable_members} of an entry."""
    totals, makers = {}, {}
    for line in entry.lines.select_related("account"):
        debit, credit = totals.get(line.account.role, (Decimal(0), Decimal(0)))
        totals[line.account.role] = (debit + line.debit, credit + line.credit)
        if line.account.role == "payable_members":
            assert line.member_id is not None, "a maker's payable names the maker"
            makers[line.member_id] = makers.get(line.member_id, Decimal(0)) + line.credit
    return totals, makers
