"""Commitments arriving while the round closes are either in the close or refused,
never lost or half counted (PostgreSQL: parallel connections and row locks).

Each thread has its own database connection and its own tenant scope, as requests
served at the same moment would, and closes its connection at the end.
"""

import random
import threading
import time
from decimal import Decimal as D

import pytest
from django_scopes import scope, scopes_disabled

from guyub.purchasing import closing_rules
from guyub.purchasing.models import Commitment, Round, RoundItem, Share
from guyub.purchasing.rounds import selectors, services
from guyub.testing.concurrency import at_once
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_rounds import make_round

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TEN_KG = {"pack": "10", "tiers": ((0, 12000), (100, 11000))}


def rows_snapshot(item: RoundItem, member) -> list[tuple]:
    with scopes_disabled():
        return list(Commitment.objects.filter(round_item=item, member=member)
                    .order_by("created_at", "id").values_list("pk", "quantity", "tolerance"))


def totals(item: RoundItem, member) -> tuple[D, D]:
    rows = rows_snapshot(item, member)
    return sum((q for _pk, q, _t in rows), D(0)), sum((t for _pk, _q, t in rows), D(0))


def committer(item, member, quantity, tolerance, before=None):
    def job():
        if before is not None:
            before()
        return services.set_commitment(round_item=item, member=member, quantity=D(quantity),
                                       tolerance=D(tolerance), confirm=True)
    return job


def closer(round_, before=None):
    def job():
        if before is not None:
            before()
        services.close_round(round_=round_, actor=None)
        return "closed"
    return job


def check_the_close(round_, items, attempts, results, earlier) -> None:
    """Every accepted commitment is in the shares, every refused one left its member's
    rows as they were, and the shares follow the closing rule over the rows."""
    assert all(kind in ("ok", "refused") for kind, _value in results), results
    expected = dict(earlier)
    for (item, member, quantity, tolerance), (kind, _value) in zip(attempts, results,
                                                                   strict=False):
        if kind == "ok":
            expected[(item.pk, member.pk)] = (D(quantity), D(tolerance))
    with scopes_disabled():
        assert Round.objects.get(pk=round_.pk).status == Round.Status.CLOSED
        for item in items:
            item.refresh_from_db()
            shares = {s.member_id: s for s in Share.objects.filter(round_item=item)}
            wanted = {m: qt for (i, m), qt in expected.items() if i == item.pk and any(qt)}
            # Committed totals in the close equal what each member was told they had.
            assert {m: (s.committed, s.tolerance) for m, s in shares.items()} == wanted
            rows = Commitment.objects.filter(round_item=item)
            assert sum(r.quantity for r in rows) == sum(s.committed for s in shares.values())
            # The rule, over the rows as they stand: firm in queue order, then tolerance.
            result = closing_rules.allocate(selectors.queue(item),
                                         pack_size=item.price_list.pack_size,
                                         min_order=item.price_list.min_order_qty)
            assert (item.packs, item.ordered_qty) == (result.packs, result.ordered)
            assert {m: s.quantity for m, s in shares.items()} == {
                m: result.total_for(m) for m in shares}


def test_commitments_arriving_while_the_round_closes_are_in_the_close_or_refused(
        coop, monkeypatch):
    round_, items = make_round(coop, ("Kedelai", TEN_KG), ("Gula", TEN_KG))
    soy, sugar = items
    people = [MemberFactory(cooperative=coop) for _ in range(8)]
    earlier = {}
    with scope(cooperative=coop):
        for n, member in enumerate(people[:5]):
            services.set_commitment(round_item=soy, member=member, quantity=D(10 + n * 5),
                                    tolerance=D(3))
            earlier[(soy.pk, member.pk)] = (D(10 + n * 5), D(3))
    before = {m.pk: rows_snapshot(soy, m) for m in people}

    first_in = threading.Event()   # the first committer holds the round lock
    closing = threading.Event()    # the close holds the round lock and reads the queue
    original_log, original_queues = services.log_action, services.queues

    def slow_log(**kwargs):
        # Inside set_commitment's transaction, after its rows are written.
        if threading.current_thread().name == "job-0":
            first_in.set()
            time.sleep(0.3)
        return original_log(**kwargs)

    def slow_queues(items):
        closing.set()
        time.sleep(0.3)
        return original_queues(items)

    monkeypatch.setattr(services, "log_action", slow_log)
    monkeypatch.setattr(services, "queues", slow_queues)

    def after_first():
        assert first_in.wait(timeout=10)

    def after_close_began():
        assert closing.wait(timeout=10)

    attempts = [
        (soy, people[0], "40", "5"),     # raises, and holds the lock for a while
        (soy, people[1], "5", "0"),      # lowers
        (sugar, people[2], "30", "10"),  # a second item
        (soy, people[5], "25", "0"),     # new
        (soy, people[3], "0", "0"),      # withdraws
        (soy, people[4], "60", "2"),     # late: must be refused
        (sugar, people[6], "15", "0"),   # late
        (soy, people[7], "10", "10"),    # late
    ]
    jobs = [committer(item, member, q, t, before=None if n == 0 else
                      after_first if n < 5 else after_close_began)
            for n, (item, member, q, t) in enumerate(attempts)]
    results = at_once(coop, [*jobs, closer(round_, before=after_first)])
    committed, closed = results[:-1], results[-1]

    assert closed == ("ok", "closed"), results
    # The first one had the lock before the close: it is counted.
    assert committed[0][0] == "ok", results
    # Those that came while the close held the lock are refused, and changed nothing.
    assert [kind for kind, _value in committed[5:]] == ["refused"] * 3, results
    for (item, member, _q, _t), (kind, _value) in zip(attempts, committed, strict=True):
        if kind == "refused" and item == soy:
            assert rows_snapshot(soy, member) == before[member.pk]
    check_the_close(round_, items, attempts, committed, earlier)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_many_members_racing_the_close_are_never_lost_or_half_counted(coop, seed):
    rng = random.Random(seed)
    round_, items = make_round(coop, ("Kedelai", TEN_KG), ("Gula", TEN_KG))
    people = [MemberFactory(cooperative=coop) for _ in range(10)]
    earlier = {}
    with scope(cooperative=coop):
        for member in people[:6]:
            item = rng.choice(items)
            q, t = D(rng.randint(1, 40)), D(rng.choice([0, 0, 5]))
            services.set_commitment(round_item=item, member=member, quantity=q, tolerance=t,
                                    confirm=True)
            earlier[(item.pk, member.pk)] = (q, t)
    attempts = [(rng.choice(items), member, str(rng.randint(0, 60)), str(rng.choice([0, 4])))
                for member in people]
    delays = [rng.uniform(0, 0.15) for _ in attempts]

    def later(seconds):
        return lambda: time.sleep(seconds)

    jobs = [committer(item, member, q, t, before=later(delay))
            for (item, member, q, t), delay in zip(attempts, delays, strict=True)]
    results = at_once(coop, [*jobs, closer(round_, before=later(0.05))])

    assert results[-1] == ("ok", "closed"), results
    check_the_close(round_, items, attempts, results[:-1], earlier)


def test_two_closes_at_once_close_the_round_once(coop):
    round_, (soy,) = make_round(coop, ("Kedelai", TEN_KG))
    people = [MemberFactory(cooperative=coop) for _ in range(3)]
    with scope(cooperative=coop):
        for member in people:
            services.set_commitment(round_item=soy, member=member, quantity=D(20))

    results = at_once(coop, [closer(round_), closer(round_)])

    assert sorted(kind for kind, _value in results) == ["ok", "refused"], results
    with scopes_disabled():
        assert Share.objects.filter(round_item=soy).count() == 3
        assert sum(Share.objects.filter(round_item=soy).values_list("quantity", flat=True)) == 60
