"""Two officers pressing the same button at the same moment (PostgreSQL: parallel
connections and row locks): goods are checked once, members paid once, an invoice
settled once, and the books show each event once."""

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.contracts.deliveries import selectors, services
from guyub.contracts.models import MemberPayment, Receipt
from guyub.ledger.models import JournalEntry
from guyub.testing.concurrency import at_once
from guyub.testing.contracts import contract_world
from guyub.testing.contracts_deliveries import allotments, allotted_delivery, check_all

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def entry_count(coop):
    with scopes_disabled():
        return JournalEntry.objects.filter(cooperative=coop).count()


def test_two_checks_of_the_same_goods_at_once_book_them_once(coop, board):
    delivery = allotted_delivery(contract_world(coop, board))
    allotment = allotments(delivery)[0]
    before = entry_count(coop)

    def check():
        return services.check_goods(allotment=allotment, received=1000, accepted=1000,
                                    rejected=0, reason="", photo=None, returned=0,
                                    actor=board).pk

    results = at_once(coop, [check, check])
    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    with scopes_disabled():
        assert Receipt.objects.filter(allotment=allotment).count() == 1
        assert MemberPayment.objects.filter(receipt__allotment=allotment).count() == 1
    assert entry_count(coop) == before + 1


def test_two_payment_runs_at_once_pay_each_member_once(coop, board):
    delivery = allotted_delivery(contract_world(coop, board))
    check_all(delivery, board)
    with scope(cooperative=coop):
        ids = [p.pk for p in selectors.payments_due(coop)]
    before = entry_count(coop)

    def pay():
        return len(services.pay_members(payment_ids=ids, paid_on=timezone.localdate(),
                                        method="bank", cooperative=coop, actor=board))

    results = at_once(coop, [pay, pay])
    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    assert [value for kind, value in results if kind == "ok"] == [3]
    assert entry_count(coop) == before + 1


def test_two_records_of_the_buyers_payment_at_once_settle_it_once(coop, board):
    delivery = allotted_delivery(contract_world(coop, board))
    check_all(delivery, board)
    with scope(cooperative=coop):
        invoice = services.deliver_to_buyer(delivery=delivery, actor=board)
    before = entry_count(coop)

    def pay():
        return services.record_buyer_payment(invoice=invoice, paid_on=timezone.localdate(),
                                             method="bank", actor=board).pk

    results = at_once(coop, [pay, pay])
    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    assert entry_count(coop) == before + 1
