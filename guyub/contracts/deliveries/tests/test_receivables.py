"""Buyers' open invoices by age, the receivables page, and the board's overdue notice
(once per invoice and age bucket, not every day)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.contracts import notices
from guyub.contracts.deliveries import selectors, services
from guyub.contracts.models import BuyerInvoice
from guyub.notifications.models import Notice
from guyub.testing.contracts_deliveries import allotted_delivery, check_all

TODAY = timezone.localdate


@pytest.fixture
def invoices(coop, world, board):
    """Three invoices of Rp190.000.000, due 10 days ahead, 5 and 45 days ago."""
    made = []
    for sequence, due in ((1, 10), (2, -5), (3, -45)):
        delivery = allotted_delivery(world, sequence=sequence)
        check_all(delivery, board)
        with scope(cooperative=coop):
            invoice = services.deliver_to_buyer(delivery=delivery, actor=board)
        with scopes_disabled():
            BuyerInvoice.objects.filter(pk=invoice.pk).update(
                due_on=TODAY() + dt.timedelta(days=due))
        made.append(invoice)
    return made


def test_open_invoices_carry_their_age_past_due(coop, invoices):
    with scope(cooperative=coop):
        rows = {r.invoice.pk: r for r in selectors.open_invoices(coop, TODAY())}
        totals = {b["key"]: b["amount"] for b in selectors.receivable_totals(list(rows.values()))}
        overdue = [r.invoice.pk for r in selectors.overdue_invoices(coop, TODAY())]
    current, late, later = invoices
    assert (rows[current.pk].days_overdue, rows[current.pk].overdue) == (0, False)
    assert (rows[late.pk].days_overdue, rows[late.pk].bucket) == (5, "1-30")
    assert (rows[later.pk].days_overdue, rows[later.pk].bucket) == (45, "31-60")
    assert totals == {"current": Decimal("190000000"), "1-30": Decimal("190000000"),
                      "31-60": Decimal("190000000"), "60+": 0}
    assert sorted(overdue) == sorted([late.pk, later.pk])


def test_the_receivables_page_flags_overdue_invoices_with_their_age(board_client, coop,
                                                                    invoices):
    response = board_client.get(f"/k/{coop.slug}/kontrak/tagihan/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="invoice-{invoices[1].pk}" class="overdue"' in page
    assert f'id="invoice-{invoices[0].pk}">' in page
    assert "lewat 45 hari" in page
    assert "Rp570.000.000" in page


def test_a_paid_invoice_leaves_the_list(board_client, coop, invoices):
    response = board_client.post(f"/k/{coop.slug}/kontrak/tagihan/{invoices[2].pk}/bayar/",
                                 {"paid_on": TODAY().isoformat(), "method": "bank"})
    assert response.status_code == 302
    with scope(cooperative=coop):
        assert [r.invoice.pk for r in selectors.overdue_invoices(coop, TODAY())] == [
            invoices[1].pk]


def test_the_board_is_told_once_per_age_bucket(coop, board, invoices):
    told = services.tell_overdue_invoices(cooperative=coop, today=TODAY())
    assert sorted(i.pk for i in told) == sorted([invoices[1].pk, invoices[2].pk])
    # The next day: same buckets, nobody is told again.
    assert services.tell_overdue_invoices(today=TODAY() + dt.timedelta(days=1)) == []
    # 16 days later the 45-day invoice is 61 days late (a new bucket, a new notice) and
    # the first is 6 days late; the 5-day one (now 21) is still in its bucket.
    again = services.tell_overdue_invoices(today=TODAY() + dt.timedelta(days=16))
    assert sorted(i.pk for i in again) == sorted([invoices[0].pk, invoices[2].pk])
    with scopes_disabled():
        notices_ = Notice.objects.filter(topic=notices.INVOICE_OVERDUE, user=board)
        assert notices_.count() == 4
        assert {n.params["days"] for n in notices_} == {"5", "45", "61", "6"}


def test_a_paid_invoice_is_not_reported_overdue(coop, board, invoices):
    with scope(cooperative=coop):
        for invoice in invoices[1:]:
            services.record_buyer_payment(invoice=invoice, paid_on=TODAY(), method="bank",
                                          actor=board)
    assert services.tell_overdue_invoices(cooperative=coop, today=TODAY()) == []
