"""After the close: goods received (a shortfall shared out by the closing rule),
members paying in cash, by bank or from simpanan, and the books from close to the
last payment."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.core.money import to_rupiah
from guyub.ledger import selectors as ledger
from guyub.ledger.models import JournalEntry
from guyub.members.models import SimpananTransaction
from guyub.members.simpanan import selectors as simpanan_reads
from guyub.members.simpanan import services as simpanan
from guyub.purchasing.models import Round, RoundPayment
from guyub.purchasing.rounds import selectors, services
from guyub.testing.purchase_rounds import (
    TWO_GOODS,
    assert_books_balance,
    bill,
    commit,
    lines_by_role,
    make_round,
    members,
    round_entries,
    shares_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ticking_clock")]
Status = Round.Status


# --- receiving goods ----------------------------------------------------------------------


@pytest.fixture
def queued_round(coop, board):
    """Three members in a queue for 10 kg sacks, closed at 3 sacks (30 kg):
    Siti 12 (+3 tolerance), Budi 10 (+5), Citra 3, then Siti raises by 2 at the back.
    Firm 27 kg, tolerance 8: the third sack is filled; Siti's tolerance tops it up."""
    round_, (item,) = make_round(coop, ("Kedelai", {"pack": "10", "tiers": ((0, 10000),)}),
                                 transport=30000, fee_pct="2")
    siti, budi, citra = members(coop, 3)
    with scope(cooperative=coop):
        commit(item, siti, 12, 3)
        commit(item, budi, 10, 5)
        commit(item, citra, 3)
        commit(item, siti, 14, 3)
        services.close_round(round_=round_, actor=board)
        item.refresh_from_db()
        assert (item.packs, item.ordered_qty) == (3, D(30))
        assert {m: s.quantity for m, s in shares_of(item).items()} == {
            siti.pk: D(17), budi.pk: D(10), citra.pk: D(3)}
    return round_, item, (siti, budi, citra)


def test_more_than_ordered_is_refused(coop, board, queued_round):
    round_, item, _people = queued_round
    with scope(cooperative=coop):
        with pytest.raises(DomainError) as refused:
            services.receive_goods(round_item=item, received_qty=D("30.001"), actor=board,
                                   note="bonus")
        assert refused.value.field == "received_qty"
        item.refresh_from_db()
        assert item.received_qty is None
        assert Round.objects.get(pk=round_.pk).status == Status.CLOSED


@pytest.mark.parametrize("note", ["", "   "])
def test_a_shortfall_needs_a_note(coop, board, queued_round, note):
    _round, item, _people = queued_round
    with scope(cooperative=coop):
        with pytest.raises(DomainError) as refused:
            services.receive_goods(round_item=item, received_qty=D(25), actor=board, note=note)
        assert refused.value.field == "note"
        item.refresh_from_db()
        assert item.received_qty is None


@pytest.mark.parametrize("received, siti, budi, citra", [
    ("30", "17", "10", "3"),   # all of it, as at close
    ("28", "15", "10", "3"),   # firm 27 first; 1 kg of Siti's tolerance is left
    ("27", "14", "10", "3"),   # exactly the firm quantities: no tolerance at all
    ("24", "12", "10", "2"),   # Citra is short; Siti's later 2 kg row, behind her, gets 0
    ("5", "5", "0", "0"),      # first in the queue first
])
def test_a_shortfall_is_shared_out_by_the_closing_rule(coop, board, queued_round,
                                                       received, siti, budi, citra):
    round_, item, people = queued_round
    with scope(cooperative=coop):
        note = "" if received == "30" else "karung sobek"
        services.receive_goods(round_item=item, received_qty=D(received), actor=board,
                               note=note)
        shares = shares_of(item)
        assert [shares[p.pk].quantity for p in people] == [D(siti), D(budi), D(citra)]
        assert sum(s.goods_amount for s in shares.values()) == D(received) * 10000
        assert sum(s.cost_amount for s in shares.values()) == 30000
        assert Round.objects.get(pk=round_.pk).status == Status.RECEIVED
        assert_books_balance()


def test_when_nothing_arrives_nobody_gets_or_pays_anything(coop, board, queued_round):
    round_, item, people = queued_round
    with scope(cooperative=coop):
        services.receive_goods(round_item=item, received_qty=D(0), actor=board,
                               note="pemasok tidak mengirim")
        assert all(s.quantity == 0 and s.total == 0 for s in shares_of(item).values())
        assert Round.objects.get(pk=round_.pk).status == Status.RECEIVED
        assert round_entries(round_) == []
        assert all(selectors.member_outstanding(round_, p) == 0 for p in people)


def test_goods_are_received_once_and_only_after_the_close(coop, board):
    round_, (item,) = make_round(coop)
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        commit(item, siti, 50)
        with pytest.raises(DomainError):
            services.receive_goods(round_item=item, received_qty=D(0), actor=board, note="x")
        services.close_round(round_=round_, actor=board)
        services.receive_goods(round_item=item, received_qty=D(50), actor=board)
        with pytest.raises(DomainError):
            services.receive_goods(round_item=item, received_qty=D(50), actor=board)
        assert len(round_entries(round_)) == 1


def test_the_bills_are_posted_once_every_item_is_in(coop, board):
    round_, (sugar, oil) = make_round(coop, *TWO_GOODS)
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(sugar, siti, 20)
        commit(oil, budi, 20)
        services.close_round(round_=round_, actor=board)
        services.receive_goods(round_item=sugar, received_qty=D(20), actor=board)
        assert Round.objects.get(pk=round_.pk).status == Status.CLOSED
        assert round_entries(round_) == []
        with pytest.raises(DomainError):
            services.pay_share(round_=round_, member=siti, actor=board, method="cash")
        services.receive_goods(round_item=oil, received_qty=D(20), actor=board)
        assert Round.objects.get(pk=round_.pk).status == Status.RECEIVED
        assert len(round_entries(round_)) == 1


# --- paying -------------------------------------------------------------------------------


@pytest.fixture
def received_round(coop, board, queued_round):
    round_, item, people = queued_round
    with scope(cooperative=coop):
        services.receive_goods(round_item=item, received_qty=D(30), actor=board)
    return round_, people


@pytest.mark.parametrize("method", ["cash", "bank"])
def test_a_member_pays_their_bill_in_cash_or_to_the_bank(coop, board, received_round, method):
    round_, (siti, _budi, _citra) = received_round
    with scope(cooperative=coop):
        owed = bill(round_, siti)
        assert owed > 0
        assert ledger.member_balance(member=siti, role="receivable_members") == owed
        services.pay_share(round_=round_, member=siti, actor=board, method=method)
        payment = RoundPayment.objects.get(member=siti)
        assert (payment.amount, payment.method) == (owed, method)
        lines = lines_by_role(payment.entry)
        assert [line.debit for line in lines[method]] == [owed]
        assert [(line.credit, line.member_id) for line in lines["receivable_members"]] == [
            (owed, siti.pk)]
        assert selectors.member_outstanding(round_, siti) == 0
        assert ledger.member_balance(member=siti, role="receivable_members") == 0
        assert_books_balance()


def test_a_member_pays_from_their_simpanan_sukarela(coop, board, received_round):
    round_, (siti, _budi, _citra) = received_round
    with scope(cooperative=coop):
        simpanan.deposit_sukarela(member=siti, actor=board, date=dt.date.today(),
                                  amount=D(1_000_000))
        owed = bill(round_, siti)
        services.pay_share(round_=round_, member=siti, actor=board, method="sukarela")
        assert simpanan_reads.balances(siti)["sukarela"] == 1_000_000 - owed
        assert ledger.member_balance(member=siti, role="simpanan_sukarela") == 1_000_000 - owed
        assert ledger.member_balance(member=siti, role="receivable_members") == 0
        assert RoundPayment.objects.get(member=siti).amount == owed
        assert selectors.member_outstanding(round_, siti) == 0
        assert_books_balance()


def test_too_little_sukarela_is_refused_and_nothing_is_written(coop, board, received_round):
    round_, (siti, _budi, _citra) = received_round
    with scope(cooperative=coop):
        simpanan.deposit_sukarela(member=siti, actor=board, date=dt.date.today(),
                                  amount=D(1000))
        owed = bill(round_, siti)
        entries, txs = JournalEntry.objects.count(), SimpananTransaction.objects.count()
        with pytest.raises(DomainError) as refused:
            services.pay_share(round_=round_, member=siti, actor=board, method="sukarela")
        assert "tidak cukup" in str(refused.value.message)
        assert not RoundPayment.objects.exists()
        assert (JournalEntry.objects.count(), SimpananTransaction.objects.count()) == (
            entries, txs)
        assert simpanan_reads.balances(siti)["sukarela"] == 1000
        assert selectors.member_outstanding(round_, siti) == owed
        assert ledger.member_balance(member=siti, role="receivable_members") == owed


@pytest.mark.parametrize("method", ["cash", "bank", "sukarela"])
def test_paying_twice_is_refused(coop, board, received_round, method):
    round_, (siti, _budi, _citra) = received_round
    with scope(cooperative=coop):
        simpanan.deposit_sukarela(member=siti, actor=board, date=dt.date.today(),
                                  amount=D(1_000_000))
        services.pay_share(round_=round_, member=siti, actor=board, method=method)
        entries = JournalEntry.objects.count()
        with pytest.raises(DomainError):
            services.pay_share(round_=round_, member=siti, actor=board, method=method)
        assert RoundPayment.objects.count() == 1
        assert JournalEntry.objects.count() == entries


def test_an_unknown_payment_method_is_refused(coop, board, received_round):
    round_, (siti, _budi, _citra) = received_round
    with scope(cooperative=coop):
        entries = JournalEntry.objects.count()
        with pytest.raises(DomainError) as refused:
            services.pay_share(round_=round_, member=siti, actor=board, method="qris")
        assert refused.value.field == "method"
        assert not RoundPayment.objects.exists()
        assert JournalEntry.objects.count() == entries


def test_a_member_who_got_nothing_has_nothing_to_pay(coop, board, received_round):
    round_, _people = received_round
    (outsider,) = members(coop, 1)
    with scope(cooperative=coop):
        with pytest.raises(DomainError):
            services.pay_share(round_=round_, member=outsider, actor=board, method="cash")
        assert not RoundPayment.objects.exists()


# --- the books ----------------------------------------------------------------------------


def test_the_books_follow_the_round_from_close_to_the_last_payment(coop, board):
    round_, (sugar, oil) = make_round(coop, *TWO_GOODS, transport=75000, handling=25000,
                                      fee_pct="2.5", cost_basis=Round.CostBasis.VALUE)
    siti, budi, citra = members(coop, 3)
    with scope(cooperative=coop):
        commit(sugar, siti, 33, 4)
        commit(sugar, budi, 21)
        commit(oil, budi, "17.5", 3)
        commit(oil, citra, 12)
        assert_books_balance()
        services.close_round(round_=round_, actor=board)
        assert_books_balance()
        assert not JournalEntry.objects.exists()  # nothing is owed before the goods arrive

        sugar.refresh_from_db()
        oil.refresh_from_db()
        services.receive_goods(round_item=sugar, received_qty=sugar.ordered_qty, actor=board)
        assert_books_balance()
        services.receive_goods(round_item=oil, received_qty=oil.ordered_qty - D("7.5"),
                               actor=board, note="satu jeriken bocor")
        assert_books_balance()

        (entry,) = round_entries(round_)
        lines = lines_by_role(entry)
        all_lines = [line for found in lines.values() for line in found]
        assert sum(line.debit for line in all_lines) == sum(line.credit for line in all_lines)
        # What each member owes is exactly their bill ...
        owed = {line.member_id: line.debit for line in lines["receivable_members"]}
        assert owed == {m.pk: bill(round_, m) for m in (siti, budi, citra)}
        for member in (siti, budi, citra):
            assert ledger.member_balance(member=member, role="receivable_members") == bill(
                round_, member)
        # ... what the cooperative owes is the invoices plus the costs ...
        sugar.refresh_from_db()
        oil.refresh_from_db()
        invoices = sum((to_rupiah(i.received_qty * i.unit_price) for i in (sugar, oil)), D(0))
        assert [line.credit for line in lines["payable_suppliers"]] == [invoices + 100000]
        # ... and its fee is income.
        fee = to_rupiah(invoices * D("0.025"))
        assert [line.credit for line in lines["income_members"]] == [fee]
        assert sum(owed.values()) == invoices + 100000 + fee

        simpanan.deposit_sukarela(member=citra, actor=board, date=dt.date.today(),
                                  amount=D(5_000_000))
        assert_books_balance()
        for member, method in ((siti, "cash"), (budi, "bank"), (citra, "sukarela")):
            services.pay_share(round_=round_, member=member, actor=board, method=method)
            assert_books_balance()
        balances = ledger.member_balances(roles=["receivable_members"])
        assert all(balances[(m.pk, "receivable_members")] == 0 for m in (siti, budi, citra))
