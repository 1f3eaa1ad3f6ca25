"""Two payments of the same booking at the same moment (PostgreSQL, parallel
connections): the booking row lock makes the second wait and find it paid, so the fee
is paid once, whichever ways the two tried."""

import time
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from guyub.ledger.models import JournalEntry
from guyub.resources.bookings.models import Booking
from guyub.resources.charges import services
from guyub.testing.concurrency import at_once
from guyub.testing.resources import books

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_posting(monkeypatch):
    """Hold each payment inside its transaction after its checks: a rival not made to
    wait on the booking row would slip in right there."""
    original = services.post_entry

    def slow(**kwargs):
        time.sleep(0.3)
        return original(**kwargs)

    monkeypatch.setattr(services, "post_entry", slow)


@pytest.mark.parametrize("methods", [("cash", "bank"), ("cash", "cash"),
                                     ("sukarela", "cash")])
def test_two_payments_at_once_one_counts(coop, booked, board, tani, fund, slow_posting,
                                         methods):
    fund(tani, 500000)

    def pay(method):
        return lambda: services.pay_booking(booking=booked, actor=board, method=method)

    results = at_once(coop, [pay(m) for m in methods])
    assert sorted(kind for kind, _value in results) == ["ok", "refused"], results
    with scopes_disabled():
        booking = Booking.objects.get(pk=booked.pk)
        paid_entries = JournalEntry.objects.filter(description__startswith="Pembayaran biaya")
        assert paid_entries.count() == 1
    winner = methods[[kind for kind, _v in results].index("ok")]
    assert booking.payment == winner
    balances = books(coop)
    assert balances["receivable_members"] == 0
    fee = Decimal("100000")
    from_savings = fee if winner == "sukarela" else 0
    assert balances["simpanan_sukarela"] == Decimal("500000") - from_savings
    assert balances["cash"] + balances["bank"] == Decimal("500000") + fee - from_savings


def test_two_check_ins_at_once_return_the_deposit_once(coop, booked, board, slow_posting):
    with scopes_disabled():
        services.check_out(booking=booked, actor=board, condition="Bersih")

    def check_in():
        return services.check_in(booking=booked, actor=board, condition="Baik",
                                 at=booked.ends_at)

    results = at_once(coop, [check_in, check_in])
    assert sorted(kind for kind, _value in results) == ["ok", "refused"], results
    balances = books(coop)
    assert balances["asset_deposits"] == 0
    assert balances["cash"] == 0  # taken once, returned once
