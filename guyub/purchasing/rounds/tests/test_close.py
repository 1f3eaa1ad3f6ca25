"""Closing a round: whole packs, the supplier's minimum, the tier the whole round
reaches, shared costs and the fee, and bills that add up to the invoices."""

from decimal import ROUND_DOWN
from decimal import Decimal as D

import pytest
from django_scopes import scope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from guyub.core.errors import DomainError
from guyub.core.money import to_rupiah
from guyub.ledger.models import JournalEntry
from guyub.purchasing import closing_rules
from guyub.purchasing.models import Round, RoundItem, Share
from guyub.purchasing.rounds import selectors, services
from guyub.testing.factories import CooperativeFactory
from guyub.testing.purchase_rounds import (
    HOUR,
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
        assert (again.status, again.closed_at) == (Status.CLOSED, closed.closed_at)
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
        live = selectors.live_status(item)
        assert (live["below_minimum"], live["to_minimum"]) == (below, D(to_minimum))
        # What it promises holds, and it is the least that does: that much more firm
        # quantity gets the item ordered; a gram less does not.
        assert closing_rules.packs_to_order(live["total"] + live["to_minimum"], live["tolerance"],
                                         size, D(minimum)) > 0
        if below:
            assert closing_rules.packs_to_order(
                live["total"] + live["to_minimum"] - D("0.001"), live["tolerance"], size,
                D(minimum)) == 0


def test_below_the_supplier_minimum_nothing_is_ordered_and_nobody_is_billed(coop, board):
    round_, (item,) = make_round(coop, ("Kedelai", {"pack": "50", "minimum": "200"}),
                                 transport=150000, handling=50000)
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(item, siti, 60)
        commit(item, budi, 50, 20)   # 110 + 20: two sacks, 100 kg < 200 kg minimum
        assert selectors.live_status(item)["below_minimum"]
        services.close_round(round_=round_, actor=board)
        item.refresh_from_db()
        assert (item.packs, item.ordered_qty) == (0, D(0))
        shares = shares_of(item)
        assert {m: (s.committed, s.quantity, s.total) for m, s in shares.items()} == {
            siti.pk: (D(60), D(0), D(0)), budi.pk: (D(50), D(0), D(0))}

        services.receive_goods(round_item=item, received_qty=D(0), actor=board)
        assert Round.objects.get(pk=round_.pk).status == Status.RECEIVED
        assert round_entries(round_) == []
        assert not JournalEntry.objects.exists()
        for member in (siti, budi):
            assert selectors.member_outstanding(round_, member) == 0
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


def test_a_round_not_open_yet_cannot_be_closed_only_cancelled(coop, board):
    round_, _items = make_round(coop, opens=2 * HOUR, closes=48 * HOUR)
    with scope(cooperative=coop):
        with pytest.raises(DomainError, match="belum dibuka") as refused:
            services.close_round(round_=round_, actor=board)
        assert refused.value.code == "transition"
        services.cancel_round(round_=round_, actor=board, reason="Pemasok tidak jadi")
        assert Round.objects.get(pk=round_.pk).status == Status.CANCELLED
