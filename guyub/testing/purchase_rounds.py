"""Building collective purchase rounds for the service and concurrency tests."""

import datetime as dt
import itertools
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.ledger.models import JournalEntry, JournalLine
from guyub.ledger.selectors import trial_balance
from guyub.members.models import Member
from guyub.purchasing.models import (
    Commitment,
    Item,
    PriceList,
    PriceTier,
    Round,
    RoundItem,
    Share,
    Supplier,
)
from guyub.purchasing.rounds import selectors, services
from guyub.testing.factories import MemberFactory

HOUR = dt.timedelta(hours=1)
FAR_FUTURE = dt.date(2100, 1, 1)
# Two goods sold by the 10, at Rp1.000 and Rp3.000 a unit: costs by weight and by value
# come out different.
TWO_GOODS = (("Gula pasir", {"pack": "10", "tiers": ((0, 1000),)}),
             ("Minyak goreng", {"pack": "10", "tiers": ((0, 3000),)}))


def offer(coop, supplier, name: str, *, pack="50", minimum="0", tiers=((0, 10000),),
          unit="kg") -> PriceList:
    """An item with one supplier price list: pack size, minimum order, volume tiers."""
    retail = max((p for _q, p in tiers), default=0) + 1000
    item = Item.objects.create(cooperative=coop, name=name, unit=unit,
                               retail_reference_price=D(retail))
    prices = PriceList.objects.create(cooperative=coop, supplier=supplier, item=item,
                                      pack_size=D(pack), min_order_qty=D(minimum),
                                      valid_from=dt.date(2026, 1, 1))
    PriceTier.objects.bulk_create([
        PriceTier(cooperative=coop, price_list=prices, from_qty=D(q), unit_price=D(p))
        for q, p in tiers])
    return prices


def make_round(coop, *offers, opens=-HOUR, closes=48 * HOUR, transport=0, handling=0,
               fee_pct="2", cost_basis=Round.CostBasis.WEIGHT, status=Round.Status.OPEN,
               title="Pembelian bersama") -> tuple[Round, list[RoundItem]]:
    """A round over the given offers [(name, {pack, minimum, tiers})] or, with none, one
    item of 50 kg sacks at Rp10.000/kg. `opens` and `closes` are offsets from now."""
    with scope(cooperative=coop):
        supplier = Supplier.objects.create(cooperative=coop, name="CV Sumber Tani")
        now = timezone.now()
        round_ = Round.objects.create(
            cooperative=coop, title=title, opens_at=now + opens, closes_at=now + closes,
            pickup_place="Gudang koperasi", pickup_date=dt.date.today(), status=status,
            transport_cost=D(transport), handling_cost=D(handling), fee_pct=D(fee_pct),
            cost_basis=cost_basis)
        items = [
            RoundItem.objects.create(cooperative=coop, round=round_,
                                     price_list=offer(coop, supplier, name, **spec))
            for name, spec in (offers or [("Kedelai", {})])
        ]
    return round_, items


def rows_of(item: RoundItem, member=None) -> list[tuple]:
    """(member_id, quantity, tolerance) of an item's commitment rows in queue order."""
    found = Commitment.objects.filter(round_item=item).order_by("created_at", "id")
    if member is not None:
        found = found.filter(member=member)
    return [(c.member_id, c.quantity, c.tolerance) for c in found]


def members(coop, n: int) -> list[Member]:
    return [MemberFactory(cooperative=coop) for _ in range(n)]


def commit(item, member, quantity, tolerance=0):
    """Set a commitment (confirmed: these tests check queues and sums, not the question
    about odd quantities)."""
    return services.set_commitment(round_item=item, member=member, quantity=D(quantity),
                                   tolerance=D(tolerance), confirm=True)


def shares_of(item: RoundItem) -> dict[int, Share]:
    return {s.member_id: s for s in Share.objects.filter(round_item=item)}


def bill(round_, member) -> D:
    return selectors.member_total(round_, member)


@pytest.fixture
def ticking_clock(monkeypatch):
    """Each new commitment row is stamped a millisecond after the one before, so a
    test that compares stamps (the queue's order) need not wait for the clock."""
    start = timezone.now()
    ticks = itertools.count(1)
    field = Commitment._meta.get_field("created_at")
    # Field.get_default reads this cached property: set on the instance, undone after.
    monkeypatch.setattr(field, "_get_default",
                        lambda: start + dt.timedelta(milliseconds=next(ticks)))


def assert_books_balance() -> None:
    rows = trial_balance(as_of=FAR_FUTURE)
    assert sum(r.debit for r in rows) == sum(r.credit for r in rows)


def round_entries(round_: Round) -> list[JournalEntry]:
    return list(JournalEntry.objects.filter(source_type="purchasing.round",
                                            source_id=str(round_.pk)).order_by("number"))


def lines_by_role(entry: JournalEntry) -> dict[str, list[JournalLine]]:
    found: dict[str, list[JournalLine]] = {}
    for line in entry.lines.select_related("account"):
        found.setdefault(line.account.role, []).append(line)
    return found
