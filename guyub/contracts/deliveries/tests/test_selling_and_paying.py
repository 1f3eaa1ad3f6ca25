"""The sale to the buyer and the money around it: the invoice and its entry, the
buyer's payment, and members paid on the by-laws' date before the buyer pays."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.contracts import notices
from guyub.contracts.deliveries import selectors, services
from guyub.contracts.models import BuyerInvoice, ContractVersion, Delivery, MemberPayment
from guyub.core.errors import DomainError
from guyub.ledger.models import JournalLine
from guyub.notifications.models import Notice
from guyub.testing.contracts_deliveries import check_all

pytestmark = pytest.mark.usefixtures("in_scope")

TODAY = timezone.localdate


def balance(coop, role):
    """Debit minus credit of the account with `role`."""
    with scopes_disabled():
        lines = JournalLine.objects.filter(cooperative=coop, account__role=role)
        return sum((line.debit - line.credit for line in lines), Decimal(0))


def test_the_sale_invoices_accepted_goods_and_books_the_margin(coop, delivery, board, entries):
    check_all(delivery, board, rejected={1: 100})
    invoice = services.deliver_to_buyer(delivery=delivery, actor=board)
    # 1,900 kg accepted × Rp95.000; payable in the contract's 60 days.
    assert (invoice.quantity, invoice.amount) == (1900, Decimal("180500000"))
    assert invoice.issued_on == TODAY()
    assert invoice.due_on == TODAY() + dt.timedelta(days=60)
    assert invoice.number == 1
    members = Decimal("171475000")  # 1,900 × Rp90.250
    assert entries()[-1] == [("receivable_buyers", Decimal("180500000"), 0, None),
                             ("income_non_members", 0, Decimal("180500000"), None),
                             ("cost_of_sales", members, 0, None),
                             ("inventory", 0, members, None)]
    # Goods in and out: nothing left in stock; the margin is income less cost of sales.
    assert balance(coop, "inventory") == 0
    assert -balance(coop, "income_non_members") - balance(coop, "cost_of_sales") == Decimal(
        "9025000")
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.DELIVERED


def test_the_invoice_uses_the_agreed_price_while_an_amendment_is_negotiated(
        world, delivery, board):
    contract = world["contract"]
    # An amendment under negotiation proposes a new price on the contract row; the
    # agreed version 1 stays in force until it is accepted.
    type(contract).objects.filter(pk=contract.pk).update(
        price=Decimal("120000"), payment_terms_days=120, status="amending")
    check_all(delivery, board)
    invoice = services.deliver_to_buyer(delivery=delivery, actor=board)
    assert invoice.amount == Decimal("190000000")
    # Payable in the agreed 60 days, not the 120 being negotiated.
    assert (invoice.unit_price, invoice.payment_terms_days) == (Decimal("95000"), 60)
    assert invoice.due_on == TODAY() + dt.timedelta(days=60)
    assert ContractVersion.objects.get(contract=contract).terms["price"] == "95000"
    # An amendment agreed later (a new version) does not change the issued invoice.
    ContractVersion.objects.create(cooperative=contract.cooperative, contract=contract,
                                   version=2, terms={**contract.terms(), "price": "120000"})
    assert BuyerInvoice.objects.get(pk=invoice.pk).unit_price == Decimal("95000")


def test_an_invoice_credited_in_full_is_not_listed_as_owed(coop, delivery, board):
    check_all(delivery, board)
    invoice = services.deliver_to_buyer(delivery=delivery, actor=board)
    BuyerInvoice.objects.filter(pk=invoice.pk).update(
        credited=invoice.amount, due_on=TODAY() - dt.timedelta(days=40))
    assert selectors.open_invoices(coop, TODAY()) == []
    assert selectors.overdue_invoices(coop, TODAY()) == []


def test_a_login_with_a_retail_and_a_business_record_sees_its_contract_invoices(
        coop, world, delivery, board):
    from guyub.sales.models import Buyer
    buyer = world["buyer"]
    # The sales shop made a retail record for the same login before the contract.
    Buyer.objects.create(cooperative=coop, user=buyer.user, name="Rina", email="r@x.id",
                         phone="081234567890")
    check_all(delivery, board)
    invoice = services.deliver_to_buyer(delivery=delivery, actor=board)
    assert list(selectors.buyer_invoices(buyer.user)) == [invoice]


def test_a_delivery_with_goods_still_unchecked_cannot_go_to_the_buyer(delivery, board,
                                                                      entries):
    with pytest.raises(DomainError):
        services.deliver_to_buyer(delivery=delivery, actor=board)
    assert not BuyerInvoice.objects.exists()
    assert entries() == []


def test_a_second_delivery_of_the_same_goods_is_refused(delivery, board, entries):
    check_all(delivery, board)
    services.deliver_to_buyer(delivery=delivery, actor=board)
    with pytest.raises(DomainError):
        services.deliver_to_buyer(delivery=delivery, actor=board)
    assert BuyerInvoice.objects.count() == 1
    assert len(entries()) == 4  # three checks, one sale


def test_invoices_are_numbered_per_cooperative(world, delivery, board):
    from guyub.testing.contracts_deliveries import allotted_delivery

    check_all(delivery, board)
    first = services.deliver_to_buyer(delivery=delivery, actor=board)
    second_delivery = allotted_delivery(world, sequence=2)
    check_all(second_delivery, board)
    second = services.deliver_to_buyer(delivery=second_delivery, actor=board)
    assert (first.number, second.number) == (1, 2)


def test_members_are_paid_before_the_buyer_pays(coop, delivery, board, entries):
    check_all(delivery, board)
    invoice = services.deliver_to_buyer(delivery=delivery, actor=board)
    due = list(selectors.payments_due(coop))
    assert len(due) == 3
    paid = services.pay_members(payment_ids=[p.pk for p in due], paid_on=TODAY(),
                                method="bank", cooperative=coop, actor=board)
    assert {p.status for p in paid} == {MemberPayment.Status.PAID}
    run = entries()[-1]
    # One entry for the run: a debit per member (named) and one credit to the bank.
    assert sorted(run[:-1]) == sorted(
        [("payable_members", p.amount, 0, p.member_id) for p in due])
    assert run[-1] == ("bank", 0, Decimal("180500000"), None)
    # The members are settled while the buyer still owes the whole invoice.
    assert balance(coop, "payable_members") == 0
    assert balance(coop, "receivable_buyers") == Decimal("190000000")
    assert BuyerInvoice.objects.get(pk=invoice.pk).status == BuyerInvoice.Status.OPEN
    with scopes_disabled():
        told = Notice.objects.filter(topic=notices.MEMBER_PAID).count()
    assert told == 3


def test_the_buyers_payment_settles_the_receivable(coop, delivery, board, entries):
    check_all(delivery, board)
    invoice = services.deliver_to_buyer(delivery=delivery, actor=board)
    services.record_buyer_payment(invoice=invoice, paid_on=TODAY(), method="cash",
                                  actor=board)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_on) == (BuyerInvoice.Status.PAID, TODAY())
    assert entries()[-1] == [("cash", Decimal("190000000"), 0, None),
                             ("receivable_buyers", 0, Decimal("190000000"), None)]
    assert balance(coop, "receivable_buyers") == 0


def test_a_second_buyer_payment_is_refused_and_posts_nothing(delivery, board, entries):
    check_all(delivery, board)
    invoice = services.deliver_to_buyer(delivery=delivery, actor=board)
    services.record_buyer_payment(invoice=invoice, paid_on=TODAY(), method="bank",
                                  actor=board)
    posted = len(entries())
    with pytest.raises(DomainError):
        services.record_buyer_payment(invoice=invoice, paid_on=TODAY(), method="bank",
                                      actor=board)
    assert len(entries()) == posted


@pytest.mark.parametrize("days", [1, -1])
def test_a_buyer_payment_dated_before_the_invoice_or_in_the_future_is_refused(
        delivery, board, days):
    check_all(delivery, board)
    invoice = services.deliver_to_buyer(delivery=delivery, actor=board)
    day = TODAY() + dt.timedelta(days=days) if days > 0 else invoice.issued_on - dt.timedelta(1)
    with pytest.raises(DomainError) as refused:
        services.record_buyer_payment(invoice=invoice, paid_on=day, method="bank",
                                      actor=board)
    assert refused.value.field == "paid_on"
    assert BuyerInvoice.objects.get(pk=invoice.pk).status == BuyerInvoice.Status.OPEN


def test_paying_members_twice_pays_once(coop, delivery, board, entries):
    check_all(delivery, board)
    ids = [p.pk for p in selectors.payments_due(coop)]
    services.pay_members(payment_ids=ids, paid_on=TODAY(), method="bank", cooperative=coop,
                         actor=board)
    with pytest.raises(DomainError):
        services.pay_members(payment_ids=ids, paid_on=TODAY(), method="bank",
                             cooperative=coop, actor=board)
    assert len(entries()) == 4  # three checks, one payment run


def test_a_member_payment_in_the_future_is_refused(coop, delivery, board):
    check_all(delivery, board)
    ids = [p.pk for p in selectors.payments_due(coop)]
    with pytest.raises(DomainError) as refused:
        services.pay_members(payment_ids=ids, paid_on=TODAY() + dt.timedelta(days=1),
                             method="bank", cooperative=coop, actor=board)
    assert refused.value.field == "paid_on"
    assert not MemberPayment.objects.filter(status=MemberPayment.Status.PAID).exists()


def test_payments_due_by_a_day_are_those_the_by_laws_require_by_then(coop, delivery, board):
    check_all(delivery, board)
    assert list(selectors.payments_due_by(coop, TODAY() + dt.timedelta(days=6))) == []
    assert len(selectors.payments_due_by(coop, TODAY() + dt.timedelta(days=7))) == 3


def test_a_members_contract_volume_counts_accepted_goods_in_the_period(world, delivery,
                                                                       board):
    check_all(delivery, board, rejected={0: 100})
    member = world["members"][0]
    year = TODAY().year
    assert selectors.member_contract_volume(member, dt.date(year, 1, 1),
                                            dt.date(year, 12, 31)) == (900, Decimal("81225000"))
    assert selectors.member_contract_volume(member, dt.date(year - 1, 1, 1),
                                            dt.date(year - 1, 12, 31)) == (0, Decimal(0))
