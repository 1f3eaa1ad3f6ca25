"""Collective purchase services one by one: commitments and their queue, closing,
costs and fee, receipt and shortfalls, payment, the books, and the scheduled close."""

import datetime as dt
import time
from decimal import ROUND_DOWN
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from guyub.core.errors import DomainError
from guyub.core.money import to_rupiah
from guyub.ledger import selectors as ledger
from guyub.ledger.models import JournalEntry
from guyub.members.models import Member, SimpananTransaction
from guyub.members.simpanan import selectors as simpanan_reads
from guyub.members.simpanan import services as simpanan
from guyub.purchasing import allocation, services
from guyub.purchasing.models import Commitment, Round, RoundItem, RoundPayment, Share
from guyub.testing.factories import CooperativeFactory, MemberFactory

from .round_helpers import (
    HOUR,
    assert_books_balance,
    lines_by_role,
    make_round,
    round_entries,
    rows_of,
)

pytestmark = pytest.mark.django_db
S = Round.Status


def members(coop, n: int) -> list[Member]:
    return [MemberFactory(cooperative=coop) for _ in range(n)]


def commit(item, member, quantity, tolerance=0):
    """Set a commitment, then wait a millisecond so every row gets its own timestamp."""
    # Confirmed: these tests check queues and sums, not the question about odd quantities.
    result = services.set_commitment(round_item=item, member=member, quantity=D(quantity),
                                     tolerance=D(tolerance), confirm=True)
    time.sleep(0.002)
    return result


def shares_of(item: RoundItem) -> dict[int, Share]:
    return {s.member_id: s for s in Share.objects.filter(round_item=item)}


def bill(round_, member) -> D:
    return services.member_total(round_, member)


# --- commitments and the queue ------------------------------------------------------------


def test_lowering_removes_the_newest_rows_first_and_keeps_the_queue_place(coop):
    _round, (item,) = make_round(coop)
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(item, siti, 30)
        commit(item, budi, 20)
        commit(item, siti, 50)   # +20 at the back
        commit(item, siti, 60)   # +10 at the back
        first, second, third = Commitment.objects.filter(member=siti).order_by("created_at")
        assert first.created_at < second.created_at < third.created_at

        assert commit(item, siti, 35) == (D(35), D(0))

        kept = list(Commitment.objects.filter(member=siti).order_by("created_at", "id"))
        # The newest row (10) went entirely, the one before it gave 15 of its 20; the
        # first row is untouched and both keep their timestamps, so their place.
        assert [(r.pk, r.created_at, r.quantity) for r in kept] == [
            (first.pk, first.created_at, D(30)), (second.pk, second.created_at, D(5))]
        assert not Commitment.objects.filter(pk=third.pk).exists()
        assert rows_of(item) == [(siti.pk, D(30), D(0)), (budi.pk, D(20), D(0)),
                                 (siti.pk, D(5), D(0))]


def test_lowering_the_tolerance_trims_the_newest_tolerance_and_keeps_the_quantity(coop):
    _round, (item,) = make_round(coop)
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        commit(item, siti, 10, 5)
        commit(item, siti, 10, 8)    # +3 tolerance at the back
        first = Commitment.objects.filter(member=siti).order_by("created_at").first()
        commit(item, siti, 10, 4)
        assert rows_of(item, siti) == [(siti.pk, D(10), D(4))]
        assert Commitment.objects.get(member=siti).created_at == first.created_at


def test_lowering_quantity_and_tolerance_together_removes_a_row_emptied_by_both(coop):
    # The newest row, holding only quantity, is emptied and deleted while the quantity
    # is trimmed; trimming the tolerance then walks past it again.
    _round, (item,) = make_round(coop)
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        commit(item, siti, 10, 5)
        commit(item, siti, 15, 5)    # row 2: 5 kg, no tolerance
        commit(item, siti, 10, 0)
        assert rows_of(item, siti) == [(siti.pk, D(10), D(0))]
        commit(item, siti, 0, 0)
        assert rows_of(item, siti) == []


def test_raising_adds_a_row_at_the_back_of_the_queue(coop):
    _round, (item,) = make_round(coop)
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(item, siti, 10, 2)
        commit(item, budi, 10)
        commit(item, siti, 25, 2)
        rows = list(Commitment.objects.filter(round_item=item).order_by("created_at", "id"))
        assert [(r.member_id, r.quantity, r.tolerance) for r in rows] == [
            (siti.pk, D(10), D(2)), (budi.pk, D(10), D(0)), (siti.pk, D(15), D(0))]
        assert rows[2].created_at > rows[1].created_at > rows[0].created_at
        assert [c.seq for c in services.queue(item)] == [0, 1, 2]


def test_setting_the_same_commitment_again_writes_nothing(coop):
    _round, (item,) = make_round(coop)
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        commit(item, siti, "12.5", "2.25")
        before = list(Commitment.objects.values_list("pk", "created_at", "quantity"))
        commit(item, siti, "12.500", "2.250")
        assert list(Commitment.objects.values_list("pk", "created_at", "quantity")) == before


@pytest.mark.parametrize("round_args", [
    pytest.param({"status": S.CLOSED}, id="closed"),
    pytest.param({"status": S.CANCELLED}, id="cancelled"),
    pytest.param({"opens": HOUR, "closes": 2 * HOUR}, id="before-opening"),
    pytest.param({"opens": -2 * HOUR, "closes": -dt.timedelta(seconds=1)},
                 id="after-closing-time"),
])
def test_a_commitment_is_refused_unless_the_round_is_open(coop, round_args):
    _round, (item,) = make_round(coop, **round_args)
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        with pytest.raises(DomainError) as refused:
            services.set_commitment(round_item=item, member=siti, quantity=D(10))
        assert refused.value.code == "transition"
        assert not Commitment.objects.exists()


@pytest.mark.parametrize("status", [Member.Status.APPLICANT, Member.Status.EXITED,
                                    Member.Status.EXPELLED, Member.Status.REJECTED])
def test_only_active_members_can_commit(coop, status):
    _round, (item,) = make_round(coop)
    member = MemberFactory(cooperative=coop, status=status)
    with scope(cooperative=coop):
        with pytest.raises(DomainError):
            services.set_commitment(round_item=item, member=member, quantity=D(10))
        assert not Commitment.objects.exists()


def test_a_member_of_another_cooperative_cannot_commit(coop, other_coop):
    _round, (item,) = make_round(coop)
    outsider = MemberFactory(cooperative=other_coop, owner_name="Bu Warsini Lain")
    # In either cooperative's scope: the service itself refuses, not the scope.
    for scoped in (coop, other_coop):
        with scope(cooperative=scoped):
            with pytest.raises(DomainError) as refused:
                services.set_commitment(round_item=item, member=outsider, quantity=D(10))
            assert refused.value.field == "member"
            assert str(refused.value.message) == ("Bu Warsini Lain bukan anggota koperasi "
                                                  "yang mengadakan pembelian bersama ini.")
    with scopes_disabled():
        assert not Commitment.objects.exists()


def test_an_item_recorded_under_another_cooperative_than_its_round_is_refused(coop,
                                                                             other_coop):
    # Rows that disagree about their cooperative (a bad import, a script) must not take
    # a member's commitment into another cooperative's books.
    _round, (item,) = make_round(coop)
    with scopes_disabled():
        RoundItem.objects.filter(pk=item.pk).update(cooperative=other_coop)
        item.refresh_from_db()
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        with pytest.raises(DomainError) as refused:
            services.set_commitment(round_item=item, member=siti, quantity=D(10))
        assert refused.value.field == "item"
        assert "bukan bagian dari pembelian bersama" in str(refused.value.message)
    with scopes_disabled():
        assert not Commitment.objects.exists()


@pytest.mark.parametrize("quantity, tolerance, field", [
    ("-1", "0", "quantity"),
    ("-0.001", "0", "quantity"),
    ("5", "-2", "tolerance"),
    ("1.0001", "0", "quantity"),
    ("5", "0.0005", "tolerance"),
    ("abc", "0", "quantity"),
    ("NaN", "0", "quantity"),
    ("Infinity", "0", "quantity"),
    ("1000000000", "0", "quantity"),   # more than the column holds
    ("1E+30", "0", "quantity"),        # used to raise InvalidOperation (a 500)
    ("5", "1E+30", "tolerance"),
])
def test_negative_too_precise_or_too_large_quantities_are_refused_and_change_nothing(
        coop, quantity, tolerance, field):
    _round, (item,) = make_round(coop)
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        commit(item, siti, 10, 1)
        before = list(Commitment.objects.values_list("pk", "quantity", "tolerance"))
        with pytest.raises(DomainError) as refused:
            services.set_commitment(round_item=item, member=siti, quantity=quantity,
                                    tolerance=tolerance)
        assert refused.value.field == field
        assert list(Commitment.objects.values_list("pk", "quantity", "tolerance")) == before


# --- closing ------------------------------------------------------------------------------


def test_closing_twice_is_refused_and_changes_nothing(coop, board):
    round_, (item,) = make_round(coop, transport=30000)
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(item, siti, 60, 10)
        commit(item, budi, 30)
        services.close_round(round_=round_, actor=board)
        closed = Round.objects.get(pk=round_.pk)
        before = list(Share.objects.values_list("pk", "quantity", "goods_amount",
                                                "cost_amount", "fee_amount"))
        with pytest.raises(DomainError) as refused:
            services.close_round(round_=round_, actor=board)
        assert refused.value.code == "transition"
        assert list(Share.objects.values_list("pk", "quantity", "goods_amount",
                                              "cost_amount", "fee_amount")) == before
        again = Round.objects.get(pk=round_.pk)
        assert (again.status, again.closed_at) == (S.CLOSED, closed.closed_at)
        assert Share.objects.count() == 2


@pytest.mark.parametrize("firm, tolerance, minimum, below, to_minimum", [
    # 90 + 20 kg tolerance fills a second 50 kg sack: 100 kg meets a 100 kg minimum.
    ([90], [20], "100", False, 0),
    # 130 kg is two whole sacks (100 kg): short of 120 kg although 130 > 120; one more
    # firm 20 kg fills the third sack.
    ([130], [0], "120", True, 20),
    # 120 kg + 10 kg tolerance is two sacks; a third needs 20 more (with the tolerance).
    ([120], [10], "150", True, 20),
    # Tolerance alone never opens a pack: 100 kg + 50 kg tolerance needs a little more
    # firm quantity (the smallest step, a gram) for the tolerance to fill the third sack.
    ([100], [50], "150", True, D("0.001")),
    # 0.3 kg in 0.25 kg packs against a 0.5 kg minimum: 0.2 kg more fills the second.
    ([D("0.3")], [0], "0.5", True, D("0.2")),
])
def test_the_minimum_is_judged_on_the_whole_packs_closing_would_order(
        coop, firm, tolerance, minimum, below, to_minimum):
    size = D("0.25") if D(minimum) < 1 else D(50)
    round_, (item,) = make_round(coop, ("Kedelai", {"pack": str(size), "minimum": minimum}))
    with scope(cooperative=coop):
        for member, quantity, tol in zip(members(coop, len(firm)), firm, tolerance,
                                         strict=True):
            commit(item, member, quantity, tol)
        live = services.live_status(item)
        assert (live["below_minimum"], live["to_minimum"]) == (below, D(to_minimum))
        # What it promises holds, and it is the least that does: that much more firm
        # quantity gets the item ordered; a gram less does not.
        assert allocation.packs_to_order(live["total"] + live["to_minimum"], live["tolerance"],
                                         size, D(minimum)) > 0
        if below:
            assert allocation.packs_to_order(
                live["total"] + live["to_minimum"] - D("0.001"), live["tolerance"], size,
                D(minimum)) == 0


def test_below_the_supplier_minimum_nothing_is_ordered_and_nobody_is_billed(coop, board):
    round_, (item,) = make_round(coop, ("Kedelai", {"pack": "50", "minimum": "200"}),
                                 transport=150000, handling=50000)
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(item, siti, 60)
        commit(item, budi, 50, 20)   # 110 + 20: two sacks, 100 kg < 200 kg minimum
        assert services.live_status(item)["below_minimum"]
        services.close_round(round_=round_, actor=board)
        item.refresh_from_db()
        assert (item.packs, item.ordered_qty) == (0, D(0))
        shares = shares_of(item)
        assert {m: (s.committed, s.quantity, s.total) for m, s in shares.items()} == {
            siti.pk: (D(60), D(0), D(0)), budi.pk: (D(50), D(0), D(0))}

        services.receive_goods(round_item=item, received_qty=D(0), actor=board)
        assert Round.objects.get(pk=round_.pk).status == S.RECEIVED
        assert round_entries(round_) == []
        assert not JournalEntry.objects.exists()
        for member in (siti, budi):
            assert services.member_outstanding(round_, member) == 0
            with pytest.raises(DomainError):
                services.pay_share(round_=round_, member=member, actor=board, method="cash")
        assert_books_balance()


def test_an_item_below_its_minimum_is_dropped_while_the_others_are_ordered(coop, board):
    round_, (sugar, oil) = make_round(
        coop, ("Gula", {"pack": "50", "minimum": "500", "tiers": ((0, 14000),)}),
        ("Minyak", {"pack": "10", "tiers": ((0, 16000),)}), transport=20000, fee_pct="0")
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(sugar, siti, 100)
        commit(oil, budi, 20)
        services.close_round(round_=round_, actor=board)
        assert shares_of(sugar)[siti.pk].total == 0
        # Budi is the only one served, so he carries the whole transport cost.
        assert shares_of(oil)[budi.pk].total == 20 * 16000 + 20000
        assert bill(round_, siti) == 0


TWO_GOODS = (("Gula pasir", {"pack": "10", "tiers": ((0, 1000),)}),
             ("Minyak goreng", {"pack": "10", "tiers": ((0, 3000),)}))


@pytest.mark.parametrize("basis, siti_cost, budi_cost", [
    # 100 kg of each: by weight the costs split evenly ...
    (Round.CostBasis.WEIGHT, 40000, 40000),
    # ... by value Budi's oil (Rp300.000) carries three times Siti's sugar (Rp100.000).
    (Round.CostBasis.VALUE, 20000, 60000),
])
def test_shared_costs_go_by_weight_or_by_value(coop, board, basis, siti_cost, budi_cost):
    round_, (sugar, oil) = make_round(coop, *TWO_GOODS, transport=60000, handling=20000,
                                      fee_pct="2", cost_basis=basis)
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(sugar, siti, 100)
        commit(oil, budi, 100)
        services.close_round(round_=round_, actor=board)
        siti_share, budi_share = shares_of(sugar)[siti.pk], shares_of(oil)[budi.pk]
        assert (siti_share.goods_amount, siti_share.cost_amount, siti_share.fee_amount) == (
            D(100000), D(siti_cost), D(2000))
        assert (budi_share.goods_amount, budi_share.cost_amount, budi_share.fee_amount) == (
            D(300000), D(budi_cost), D(6000))


def test_the_tier_reached_by_the_whole_round_prices_everyone(coop, board):
    round_, (item,) = make_round(
        coop, ("Kedelai", {"pack": "50", "tiers": ((0, 9800), (150, 9300), (1000, 8900))}),
        fee_pct="0")
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(item, siti, 100)
        commit(item, budi, 40, 10)
        services.close_round(round_=round_, actor=board)
        item.refresh_from_db()
        assert (item.ordered_qty, item.unit_price) == (D(150), D(9300))
        shares = shares_of(item)
        assert shares[budi.pk].goods_amount == 50 * 9300
        assert shares[siti.pk].goods_amount == 100 * 9300


def test_amounts_are_priced_afresh_when_a_shortfall_leaves_no_fee(coop, board):
    # 1 kg at Rp1.000 with a 2% fee is Rp20 of fee; when only 10 g arrive the fee
    # rounds to nothing, and nothing of the fee charged at close may stay on the bill.
    round_, (item,) = make_round(coop, ("Kunyit bubuk", {"pack": "1", "tiers": ((0, 1000),)}),
                                 fee_pct="2")
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        commit(item, siti, 1)
        services.close_round(round_=round_, actor=board)
        assert shares_of(item)[siti.pk].fee_amount == 20
        services.receive_goods(round_item=item, received_qty=D("0.01"), actor=board,
                               note="hampir semua tumpah")
        share = shares_of(item)[siti.pk]
        assert (share.goods_amount, share.cost_amount, share.fee_amount) == (10, 0, 0)
        (entry,) = round_entries(round_)
        assert [line.debit for line in lines_by_role(entry)["receivable_members"]] == [10]


def test_costs_by_value_go_by_weight_when_the_goods_have_no_price(coop, board):
    # A price list without tiers has no price: splitting the costs by a value of zero
    # used to leave them out of every bill, and out of the debt to the supplier.
    round_, (item,) = make_round(coop, ("Karung bekas", {"pack": "10", "tiers": ()}),
                                 transport=50000, cost_basis=Round.CostBasis.VALUE)
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(item, siti, 30)
        commit(item, budi, 20)
        services.close_round(round_=round_, actor=board)
        shares = shares_of(item)
        assert (shares[siti.pk].cost_amount, shares[budi.pk].cost_amount) == (30000, 20000)
        services.receive_goods(round_item=item, received_qty=D(50), actor=board)
        (entry,) = round_entries(round_)
        assert [line.credit for line in lines_by_role(entry)["payable_suppliers"]] == [50000]


# Hypothesis: whatever the commitments and costs, the bills add up to the rupiah.

offer_spec = st.tuples(
    st.sampled_from(["1", "2.5", "5", "25", "50"]),              # pack size
    st.sampled_from(["0", "0", "20", "200"]),                    # minimum order
    st.integers(500, 60000),                                     # base unit price
    st.one_of(st.none(), st.tuples(st.integers(1, 300), st.integers(1, 499))),  # tier
)
quantity = st.decimals(min_value=0, max_value=150, places=3, allow_nan=False,
                       allow_infinity=False)
commitment_op = st.tuples(st.integers(0, 4), st.integers(0, 2), quantity,
                          st.sampled_from([D(0), D(0), D("2.5"), D(10), D(30)]))


def expected_total(round_: Round) -> D:
    """Supplier invoices + transport + handling + fee, each invoice in whole rupiah."""
    items = list(RoundItem.objects.filter(round=round_))
    served = Share.objects.filter(round_item__round=round_, quantity__gt=0).exists()
    invoices = sum((to_rupiah(i.quantity_for_invoice() * i.unit_price) for i in items
                    if i.quantity_for_invoice() > 0), D(0))
    costs = round_.transport_cost + round_.handling_cost if served else D(0)
    return invoices + costs + to_rupiah(invoices * round_.fee_pct / 100)


def check_bills(round_: Round) -> None:
    shares = list(Share.objects.filter(round_item__round=round_).select_related("round_item"))
    for share in shares:
        for amount in (share.goods_amount, share.cost_amount, share.fee_amount):
            assert amount >= 0 and amount == amount.to_integral_value()
        if share.quantity == 0:
            assert share.total == 0
    for item in RoundItem.objects.filter(round=round_):
        goods = sum((s.goods_amount for s in shares if s.round_item_id == item.pk), D(0))
        assert goods == to_rupiah(item.quantity_for_invoice() * item.unit_price)
        assert sum((s.quantity for s in shares if s.round_item_id == item.pk),
                   D(0)) == item.quantity_for_invoice()
    assert sum((s.total for s in shares), D(0)) == expected_total(round_)


class BillsAddUpTests(TestCase):
    @settings(max_examples=30, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(offers=st.lists(offer_spec, min_size=1, max_size=3),
           ops=st.lists(commitment_op, min_size=1, max_size=14),
           transport=st.integers(0, 3_000_000), handling=st.integers(0, 500_000),
           fee_pct=st.decimals(min_value=0, max_value=10, places=2),
           basis=st.sampled_from(Round.CostBasis.values),
           received_pct=st.lists(st.integers(0, 100), min_size=3, max_size=3))
    def test_member_amounts_add_up_to_invoices_costs_and_fee(
            self, offers, ops, transport, handling, fee_pct, basis, received_pct):
        coop = CooperativeFactory()
        people = members(coop, 5)
        specs = []
        for n, (pack, minimum, price, tier) in enumerate(offers):
            tiers = [(0, price)] + ([(tier[0], price - tier[1])] if tier else [])
            specs.append((f"Barang {n}", {"pack": pack, "minimum": minimum, "tiers": tiers}))
        round_, items = make_round(coop, *specs, transport=transport, handling=handling,
                                   fee_pct=fee_pct, cost_basis=basis)
        with scope(cooperative=coop):
            for who, which, qty, tol in ops:
                services.set_commitment(round_item=items[which % len(items)],
                                        member=people[who], quantity=qty, tolerance=tol,
                                        confirm=True)
            services.close_round(round_=round_, actor=None)
            check_bills(round_)
            assert_books_balance()

            # Then goods arrive, some of them short: the bills still add up, to the
            # received quantities, and the receipt entry carries them to the books.
            for item, pct in zip(RoundItem.objects.filter(round=round_), received_pct,
                                 strict=False):
                received = (item.ordered_qty * pct / 100).quantize(D("0.001"), ROUND_DOWN)
                services.receive_goods(round_item=item, received_qty=received, actor=None,
                                       note="kurang" if received < item.ordered_qty else "")
            check_bills(round_)
            entries = round_entries(round_)
            total = sum((s.total for s in Share.objects.filter(round_item__round=round_)), D(0))
            if total:
                (entry,) = entries
                lines = lines_by_role(entry)
                assert sum(line.debit for line in lines["receivable_members"]) == total
            else:
                assert entries == []
            assert_books_balance()


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
        assert Round.objects.get(pk=round_.pk).status == S.CLOSED


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
        assert Round.objects.get(pk=round_.pk).status == S.RECEIVED
        assert_books_balance()


def test_when_nothing_arrives_nobody_gets_or_pays_anything(coop, board, queued_round):
    round_, item, people = queued_round
    with scope(cooperative=coop):
        services.receive_goods(round_item=item, received_qty=D(0), actor=board,
                               note="pemasok tidak mengirim")
        assert all(s.quantity == 0 and s.total == 0 for s in shares_of(item).values())
        assert Round.objects.get(pk=round_.pk).status == S.RECEIVED
        assert round_entries(round_) == []
        assert all(services.member_outstanding(round_, p) == 0 for p in people)


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
        assert Round.objects.get(pk=round_.pk).status == S.CLOSED
        assert round_entries(round_) == []
        with pytest.raises(DomainError):
            services.pay_share(round_=round_, member=siti, actor=board, method="cash")
        services.receive_goods(round_item=oil, received_qty=D(20), actor=board)
        assert Round.objects.get(pk=round_.pk).status == S.RECEIVED
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
        assert services.member_outstanding(round_, siti) == 0
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
        assert services.member_outstanding(round_, siti) == 0
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
        assert services.member_outstanding(round_, siti) == owed
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


# --- the scheduled close ------------------------------------------------------------------


def test_the_scheduled_job_closes_only_rounds_past_closing_time_in_every_cooperative(
        coop, other_coop, board, monkeypatch):
    due_here, (item_here,) = make_round(coop, closes=-HOUR, title="Jatuh tempo 1")
    closed_meanwhile, _items = make_round(coop, closes=-HOUR, title="Ditutup tangan")
    still_open, _items = make_round(coop, closes=HOUR, title="Masih dibuka")
    due_there, (item_there,) = make_round(other_coop, closes=-2 * HOUR, title="Koperasi lain")
    (siti,) = members(coop, 1)
    (wati,) = members(other_coop, 1)
    with scopes_disabled():
        # Commitments from before the closing time.
        Commitment.objects.create(cooperative=coop, round_item=item_here, member=siti,
                                  quantity=D(50))
        Commitment.objects.create(cooperative=other_coop, round_item=item_there,
                                  member=wati, quantity=D(100))

    # The board closes one of the due rounds by hand while the job is already running,
    # after it listed the due rounds.
    original = services.close_round

    def board_closes_one_first(*, round_, actor=None):
        with scopes_disabled():
            by_hand = Round.objects.get(pk=closed_meanwhile.pk).status != S.CLOSED
        if by_hand:
            with scope(cooperative=coop):
                original(round_=closed_meanwhile, actor=board)
        return original(round_=round_, actor=actor)

    monkeypatch.setattr(services, "close_round", board_closes_one_first)
    with scopes_disabled():
        closed = services.close_due_rounds()

    assert [r.pk for r in closed] == [due_here.pk, due_there.pk]
    with scopes_disabled():
        status = dict(Round.objects.values_list("pk", "status"))
        assert status == {due_here.pk: S.CLOSED, closed_meanwhile.pk: S.CLOSED,
                          still_open.pk: S.OPEN, due_there.pk: S.CLOSED}
        share_here = Share.objects.get(round_item=item_here)
        share_there = Share.objects.get(round_item=item_there)
    assert (share_here.cooperative_id, share_here.quantity) == (coop.pk, D(50))
    assert (share_there.cooperative_id, share_there.quantity) == (other_coop.pk, D(100))
    # Run again: nothing left to close.
    monkeypatch.setattr(services, "close_round", original)
    assert services.close_due_rounds() == []
    assert services.close_due_rounds(now=timezone.now() + 2 * HOUR)[0].pk == still_open.pk


# --- limits the database would otherwise hit ------------------------------------------


def test_a_commitment_too_large_for_a_share_or_the_order_is_refused(coop):
    round_, (item,) = make_round(coop, ("Kedelai", {"pack": "1000"}))
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        # Each number fits, their sum (her share if the tolerance is used) does not.
        with pytest.raises(DomainError, match="terlalu besar") as refused:
            services.set_commitment(round_item=item, member=siti,
                                    quantity=D("999999999.999"), tolerance=D(1))
        assert refused.value.field == "quantity"
        commit(item, siti, 600_000_000)
        # Nor may the item's whole order outgrow what a round item can hold.
        with pytest.raises(DomainError, match="terlalu besar"):
            services.set_commitment(round_item=item, member=budi, quantity=D(400_000_000))
        assert rows_of(item) == [(siti.pk, D(600_000_000), D(0))]
        services.close_round(round_=round_, actor=None)  # and the round still closes


def test_a_round_not_open_yet_cannot_be_closed_only_cancelled(coop, board):
    round_, _items = make_round(coop, opens=2 * HOUR, closes=48 * HOUR)
    with scope(cooperative=coop):
        with pytest.raises(DomainError, match="belum dibuka") as refused:
            services.close_round(round_=round_, actor=board)
        assert refused.value.code == "transition"
        services.cancel_round(round_=round_, actor=board, reason="Pemasok tidak jadi")
        assert Round.objects.get(pk=round_.pk).status == S.CANCELLED


def test_the_scheduled_close_goes_on_past_a_round_that_fails(coop, board, monkeypatch):
    first, _ = make_round(coop, opens=-3 * HOUR, closes=-2 * HOUR, title="Rusak")
    second, _ = make_round(coop, opens=-3 * HOUR, closes=-HOUR, title="Sehat")
    real = services.close_round

    def breaks_on_the_first(*, round_, actor=None):
        if round_.pk == first.pk:
            raise ValueError("numeric field overflow")
        return real(round_=round_, actor=actor)

    monkeypatch.setattr(services, "close_round", breaks_on_the_first)
    with pytest.raises(RuntimeError, match=str(first.pk)):
        services.close_due_rounds()
    with scopes_disabled():
        assert Round.objects.get(pk=second.pk).status == S.CLOSED
        assert Round.objects.get(pk=first.pk).status == S.OPEN
