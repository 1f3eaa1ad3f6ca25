"""Contract figures on the dashboards: invoiced, paid by buyers and paid to members per
month; unpaid invoices by age; a member's own contract goods, what they are owed and
the allotments they must bring (never another member's)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from guyub.contracts.models import (
    Allotment,
    BuyerInvoice,
    Delivery,
    MemberPayment,
    Receipt,
)
from guyub.reports.dashboards import contracts, periods
from guyub.testing.contracts import contract_world

pytestmark = pytest.mark.django_db


def _delivered(coop, board, world, *, paid_members: bool, buyer_paid: bool, due_days: int):
    """Delivery 1 received from the three producers and invoiced; the invoice due
    `due_days` from today (negative: already late)."""
    today = timezone.localdate()
    with scope(cooperative=coop):
        delivery = Delivery.objects.get(contract=world["contract"], sequence=1)
        payments = []
        for member, quantity in zip(world["members"], (1000, 600, 400), strict=True):
            allotment = Allotment.objects.create(
                cooperative=coop, delivery=delivery, member=member, quantity=quantity,
                capacity=member.contract_capacities.get(), status=Allotment.Status.RECEIVED)
            receipt = Receipt.objects.create(cooperative=coop, allotment=allotment,
                                             received=quantity, accepted=quantity,
                                             checked_by=board)
            payments.append(MemberPayment.objects.create(
                cooperative=coop, receipt=receipt, member=member,
                amount=D(quantity) * D(90_250), due_on=today + dt.timedelta(days=7),
                status=MemberPayment.Status.PAID if paid_members else MemberPayment.Status.DUE,
                paid_on=today if paid_members else None))
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.DELIVERED)
        invoice = BuyerInvoice.objects.create(
            cooperative=coop, delivery=delivery, number=1, quantity=2000,
            unit_price=D(95_000), payment_terms_days=60, amount=D(2000) * D(95_000),
            issued_on=today,
            due_on=today + dt.timedelta(days=due_days),
            status=BuyerInvoice.Status.PAID if buyer_paid else BuyerInvoice.Status.OPEN,
            paid_on=today if buyer_paid else None)
    return invoice, payments


def test_board_series_shows_members_paid_before_the_buyer(coop, board):
    world = contract_world(coop, board)
    _delivered(coop, board, world, paid_members=True, buyer_paid=False, due_days=60)
    period, _before = periods.resolve(periods.THIS_MONTH, timezone.localdate())
    with scope(cooperative=coop):
        series = contracts.board_series(period)
    invoiced, buyer_paid, members_paid = (sum(v) for v in series.values())
    assert invoiced == D(190_000_000)
    assert buyer_paid == 0
    assert members_paid == D(2000) * D(90_250)


def test_unpaid_invoices_fall_in_their_age_bucket(coop, board):
    world = contract_world(coop, board)
    invoice, _payments = _delivered(coop, board, world, paid_members=False,
                                    buyer_paid=False, due_days=-45)
    with scope(cooperative=coop):
        BuyerInvoice.objects.filter(pk=invoice.pk).update(credited=D(1_000_000))
        buckets = contracts.receivables_by_age(coop, timezone.localdate())
    amounts = [b["amount"] for b in buckets]
    # 45 days late: the 31–60 bucket, less the credit note.
    assert amounts == [0, 0, D(189_000_000), 0]
    assert [b["count"] for b in buckets] == [0, 0, 1, 0]


def test_board_dashboard_page_lists_contract_tables(board_client, coop, board):
    world = contract_world(coop, board)
    _delivered(coop, board, world, paid_members=False, buyer_paid=False, due_days=-3)
    response = board_client.get(reverse("reports:dashboard", args=[coop.slug]))
    tables = {t.key: t for t in response.context["tables"]}
    assert tables["piutang-kontrak"].rows[1][1:] == [1, D(190_000_000)]
    assert "Kontrak pembeli korporat per bulan" in response.content.decode()


def test_a_member_sees_their_own_contract_money_and_allotments(client, coop, board):
    world = contract_world(coop, board)
    _delivered(coop, board, world, paid_members=False, buyer_paid=False, due_days=60)
    sri, bambang = world["members"][0], world["members"][1]
    with scope(cooperative=coop):
        second = Delivery.objects.get(contract=world["contract"], sequence=2)
        Allotment.objects.create(cooperative=coop, delivery=second, member=bambang,
                                 quantity=600, capacity=bambang.contract_capacities.get())
    client.force_login(sri.user)
    response = client.get(reverse("reports:my_dashboard", args=[coop.slug]))
    assert response.context["contract_owed"]["amount"] == D(1000) * D(90_250)
    tables = {t.key: t for t in response.context["tables"]}
    assert tables["kontrak-saya"].foot[1] == D(1000) * D(90_250)
    # Bambang's allotment for delivery 2 is his, not Sri's deadline.
    assert not [d for d in response.context["deadlines"] if d["kind"] == "contract"]
    client.force_login(bambang.user)
    response = client.get(reverse("reports:my_dashboard", args=[coop.slug]))
    contract_items = [d for d in response.context["deadlines"] if d["kind"] == "contract"]
    assert [d["date"] for d in contract_items] == [second.due_on]
    assert "600 kg" in contract_items[0]["text"]


def test_the_board_sees_what_waits_in_its_contracts(board_client, coop, board):
    world = contract_world(coop, board)
    _delivered(coop, board, world, paid_members=False, buyer_paid=False, due_days=-3)
    with scope(cooperative=coop):
        MemberPayment.objects.filter(member=world["members"][0]).update(
            due_on=timezone.localdate() - dt.timedelta(days=1))
        queues = contracts.work_queues(timezone.localdate())
    # Delivery 1 invoiced 3 days late; delivery 2 (in 14 days) is outside the week; Sri's
    # payment was due yesterday, the other two in a week.
    assert queues["overdue"] == 1
    assert queues["to_allocate"] == 0
    assert (queues["payments_due"], queues["payments_late"]) == (1, 1)
    page = board_client.get(reverse("reports:dashboard", args=[coop.slug])).content.decode()
    assert "1 faktur pembeli lewat jatuh tempo" in page
    assert "1 pembayaran anggota jatuh tempo dalam 2 hari" in page
