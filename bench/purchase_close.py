"""Benchmark: closing a collective purchase round of 200 items, 10,000 commitments.

Requirement: "Closing a round of 200 items with 10,000 member commitments in under
2 s on PostgreSQL; the script also times the pure allocation function alone on the
same data and prints both."

Usage (from the project root):

    .venv/bin/python bench/purchase_close.py             # load once, then measure
    .venv/bin/python bench/purchase_close.py --runs 9    # more timed closes
    .venv/bin/python bench/purchase_close.py --profile   # also cProfile one close
    .venv/bin/python bench/purchase_close.py --reload    # drop the bench database first

The database is BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
guyub_bench_purchase); it is created when missing and migrated, and holds nothing
but the benchmark data. Members, items and price lists are loaded once and reused;
the rounds are made anew on every run, before any timing: one identical open round
per timed close (plus one for the warm-up), because a close can be done only once.
This is a measurement, not a test: it exits 0 even when the target is missed.
"""

import argparse
import cProfile
import datetime as dt
import os
import platform
import pstats
import random
import sys
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import ensure_database, say, setup_django  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/guyub_bench_purchase"
SLUG = "bench-purchase"
ITEMS = 200
MEMBERS = 1_000
COMMITMENTS = 10_000
TARGET_S = 2.0
PACKS = [Decimal(p) for p in ("1", "5", "10", "25", "50")]


# --- data ------------------------------------------------------------------------------


def load_catalogue():
    """The cooperative, 1,000 active members, one supplier and 200 items with a price
    list of three volume tiers each: loaded once, reused by later runs."""
    from django_scopes import scopes_disabled

    from guyub.core.models import Cooperative
    from guyub.members.models import Member
    from guyub.purchasing.models import Item, PriceList, PriceTier, Supplier
    from guyub.testing.factories import valid_nik

    with scopes_disabled():
        coop = Cooperative.objects.filter(slug=SLUG).first()
        if coop is not None and PriceList.objects.filter(cooperative=coop).count() == ITEMS:
            return coop
        if coop is not None:
            sys.exit(f"cooperative '{SLUG}' is incomplete; run again with --reload")
        say(f"loading {MEMBERS:,} members and {ITEMS} items with price lists (once)")
        coop = Cooperative.objects.create(name="Koperasi Bench Pembelian", slug=SLUG,
                                          coop_type="produsen", province="34",
                                          regency="Sleman", last_member_number=MEMBERS)
        rng = random.Random(11)
        Member.objects.bulk_create([
            Member(cooperative=coop, number=n, status=Member.Status.ACTIVE,
                   owner_name=f"Anggota {n}", nik=valid_nik(n), business_name=f"Usaha {n}",
                   province="34", regency="Sleman", sector="makanan_minuman",
                   join_date=dt.date(2024, 1, 1))
            for n in range(1, MEMBERS + 1)], batch_size=1000)
        supplier = Supplier.objects.create(cooperative=coop, name="PT Grosir Bench")
        items = Item.objects.bulk_create([
            Item(cooperative=coop, name=f"Bahan {n:03d}", unit="kg",
                 retail_reference_price=Decimal(rng.randrange(5_000, 60_000, 100)))
            for n in range(ITEMS)])
        price_lists = PriceList.objects.bulk_create([
            PriceList(cooperative=coop, supplier=supplier, item=item,
                      pack_size=PACKS[n % len(PACKS)],
                      # Every tenth item has a minimum order some rounds will not reach.
                      min_order_qty=PACKS[n % len(PACKS)] * (80 if n % 10 == 0 else 1),
                      valid_from=dt.date(2026, 1, 1))
            for n, item in enumerate(items)])
        tiers = []
        for pl, item in zip(price_lists, items, strict=True):
            base = item.retail_reference_price * Decimal("0.9")
            for from_packs, off in ((0, 0), (10, 5), (40, 9)):
                tiers.append(PriceTier(cooperative=coop, price_list=pl,
                                       from_qty=pl.pack_size * from_packs,
                                       unit_price=(base * (100 - off) / 100).quantize(1)))
        PriceTier.objects.bulk_create(tiers)
    return coop


def commitment_specs(member_ids: list[int]) -> list[tuple]:
    """10,000 rows (item index, member id, quantity, tolerance), in queue order. About one
    row in ten is a member raising their commitment: a second row further back."""
    rng = random.Random(2026)
    specs, seen = [], []
    for _ in range(COMMITMENTS):
        n = rng.randrange(ITEMS)
        pack = PACKS[n % len(PACKS)]
        if seen and rng.random() < 0.1:
            n, member = rng.choice(seen)
            pack = PACKS[n % len(PACKS)]
        else:
            member = rng.choice(member_ids)
            seen.append((n, member))
        quantity = (pack * Decimal(rng.randint(1, 30)) / 10).quantize(Decimal("0.001"))
        tolerance = (pack * Decimal(rng.randint(1, 5)) / 10).quantize(Decimal("0.001")) \
            if rng.random() < 0.4 else Decimal(0)
        specs.append((n, member, quantity, tolerance))
    return specs


def clear_rounds(coop) -> None:
    """Earlier runs' rounds go: every run starts from the catalogue alone."""
    from django.db import connection

    with connection.cursor() as cur:
        for table in ("purchasing_share", "purchasing_commitment", "purchasing_roundpayment",
                      "purchasing_rounditem", "purchasing_round"):
            cur.execute(f"DELETE FROM {table} WHERE cooperative_id = %s", [coop.pk])


def make_rounds(coop, count: int, specs: list[tuple]) -> list:
    """`count` identical open rounds, each with the 200 items and the 10,000 rows."""
    from django.db import connection
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from guyub.purchasing.models import Commitment, PriceList, Round, RoundItem

    now = timezone.now()
    start = now - dt.timedelta(days=2)
    rounds = []
    with scopes_disabled():
        price_lists = list(PriceList.objects.filter(cooperative=coop).order_by("pk"))
        for r in range(count):
            round_ = Round.objects.create(
                cooperative=coop, title=f"Bench {r + 1}", opens_at=start,
                closes_at=now + dt.timedelta(days=1), pickup_place="Gudang",
                pickup_date=dt.date.today(), transport_cost=Decimal(4_500_000),
                handling_cost=Decimal(1_250_000), fee_pct=Decimal("2.5"),
                cost_basis=Round.CostBasis.VALUE if r % 2 else Round.CostBasis.WEIGHT)
            items = RoundItem.objects.bulk_create([
                RoundItem(cooperative=coop, round=round_, price_list=pl)
                for pl in price_lists])
            Commitment.objects.bulk_create([
                Commitment(cooperative=coop, round_item=items[n], member_id=member,
                           quantity=q, tolerance=t,
                           created_at=start + dt.timedelta(seconds=i))
                for i, (n, member, q, t) in enumerate(specs)], batch_size=2000)
            rounds.append(round_)
    with connection.cursor() as cur:
        for table in ("purchasing_round", "purchasing_rounditem", "purchasing_commitment"):
            cur.execute(f"VACUUM (ANALYZE) {table}")
    return rounds


# --- measurements ----------------------------------------------------------------------


def pure_queues(coop, specs):
    """The same 200 queues as plain allocation.Commitment lists, with pack and minimum."""
    from django_scopes import scopes_disabled

    from guyub.purchasing import closing_rules as allocation
    from guyub.purchasing.models import PriceList

    with scopes_disabled():
        price_lists = list(PriceList.objects.filter(cooperative=coop).order_by("pk")
                           .prefetch_related("tiers"))
    queues = defaultdict(list)
    for seq, (n, member, q, t) in enumerate(specs):
        queues[n].append(allocation.Commitment(member_id=member, quantity=q, tolerance=t,
                                               seq=seq))
    return [(queues[n], pl.pack_size, pl.min_order_qty, pl.tier_table())
            for n, pl in enumerate(price_lists)]


def allocate_all(queues):
    from guyub.purchasing import closing_rules as allocation

    results = []
    for rows, pack, minimum, tiers in queues:
        result = allocation.allocate(rows, pack_size=pack, min_order=minimum)
        results.append((result, allocation.tier_price(tiers, result.ordered)))
    return results


def close(coop, round_):
    from django_scopes import scope

    from guyub.purchasing.rounds import services

    with scope(cooperative=coop):
        services.close_round(round_=round_, actor=None)


def receive_short(coop, round_) -> float:
    from django.db.models import Count
    from django_scopes import scope

    from guyub.purchasing.models import RoundItem
    from guyub.purchasing.rounds import services

    with scope(cooperative=coop):
        item = (RoundItem.objects.filter(round=round_, packs__gt=1)
                .annotate(n=Count("shares")).order_by("-n", "pk").select_related("round")
                .first())
        short = item.ordered_qty - item.ordered_qty / item.packs
        t0 = time.perf_counter()
        services.receive_goods(round_item=item, received_qty=short, actor=None,
                               note="satu kemasan kurang")
        return time.perf_counter() - t0


def check(coop, rounds, pure) -> list[str]:
    """Every closed round gives the pure function's packs and shares, and bills that
    add up to invoices + costs + fee; all rounds agree with each other."""
    from django.db.models import Sum
    from django_scopes import scopes_disabled

    from guyub.core.money import to_rupiah
    from guyub.purchasing.models import RoundItem, Share

    problems = []
    expected_packs = [result.packs for result, _price in pure]
    expected_qty = {}
    for n, (result, _price) in enumerate(pure):
        for member in set(result.firm) | set(result.from_tolerance):
            expected_qty[(n, member)] = result.total_for(member)
    with scopes_disabled():
        for round_ in rounds:
            items = list(RoundItem.objects.filter(round=round_).order_by("price_list_id"))
            if [i.packs for i in items] != expected_packs:
                problems.append(f"{round_.title}: packs differ from allocation.allocate")
            index = {i.pk: n for n, i in enumerate(items)}
            got = {(index[s.round_item_id], s.member_id): s.quantity
                   for s in Share.objects.filter(round_item__round=round_, quantity__gt=0)}
            if got != expected_qty:
                problems.append(f"{round_.title}: shares differ from allocation.allocate")
            invoices = sum((to_rupiah(i.ordered_qty * i.unit_price) for i in items), Decimal(0))
            billed = Share.objects.filter(round_item__round=round_).aggregate(
                g=Sum("goods_amount"), c=Sum("cost_amount"), f=Sum("fee_amount"))
            want = (invoices, round_.transport_cost + round_.handling_cost,
                    to_rupiah(invoices * round_.fee_pct / 100))
            if (billed["g"], billed["c"], billed["f"]) != want:
                problems.append(f"{round_.title}: bills {billed} do not add up to {want}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed closes (best is kept)")
    parser.add_argument("--reload", action="store_true",
                        help="drop the bench database and load the data anew")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile one extra close and print the top functions")
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, drop=args.reload)
    setup_django(url)
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_scopes import scopes_disabled

    from guyub.members.models import Member

    # setup_django turns DEBUG on (the settings want a SECRET_KEY otherwise); off again,
    # so no query is logged during the timings, as in production.
    settings.DEBUG = False

    coop = load_catalogue()
    with scopes_disabled():
        member_ids = list(Member.objects.filter(cooperative=coop).order_by("pk")
                          .values_list("pk", flat=True))
    specs = commitment_specs(member_ids)
    clear_rounds(coop)
    count = 1 + args.runs + (1 if args.profile else 0)
    say(f"creating {count} identical open rounds ({ITEMS} items, {len(specs):,} "
        "commitments each; not timed)")
    t0 = time.perf_counter()
    rounds = make_rounds(coop, count, specs)
    say(f"  took {time.perf_counter() - t0:.1f} s")

    with CaptureQueriesContext(connection) as queries:
        close(coop, rounds[0])  # warm-up, with the queries counted
    close_times, close_cpu = [], []
    for round_ in rounds[1:1 + args.runs]:
        t0, c0 = time.perf_counter(), time.process_time()
        close(coop, round_)
        close_times.append(time.perf_counter() - t0)
        close_cpu.append(time.process_time() - c0)

    # Not part of the target: goods for the busiest item arrive one pack short, on each
    # round closed above. receive_goods shares the shortfall out and prices every share
    # of the round again (the split of the costs moves for everybody).
    receive_times = [receive_short(coop, round_) for round_ in rounds[1:1 + args.runs]]

    queues = pure_queues(coop, specs)
    pure = allocate_all(queues)  # warm-up
    pure_times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        pure = allocate_all(queues)
        pure_times.append(time.perf_counter() - t0)

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        close(coop, rounds[-1])
        profiler.disable()
        say()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    # Received rounds are left out: one item short changes their invoices.
    problems = check(coop, [rounds[0], *rounds[1 + args.runs:]], pure)
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0].split()[0]
    best, best_pure = min(close_times), min(pure_times)
    served = sum(1 for result, _price in pure if result.packs)
    say()
    say(f"Closing a purchase round — PostgreSQL {version}, {os.cpu_count()} CPU cores, "
        f"Python {platform.python_version()}")
    say(f"{ITEMS} items ({served} ordered, {ITEMS - served} below minimum or empty), "
        f"{len(specs):,} commitment rows, {MEMBERS:,} members; "
        f"best of {args.runs} after 1 warm-up")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    say(f"load average {load} (other work on the machine inflates the figures)")
    say()
    say(f"{'figure':<44}{'best ms':>9}{'worst ms':>10}")
    say("-" * 63)
    say(f"{'services.close_round (whole transaction)':<44}{best * 1000:>9.1f}"
        f"{max(close_times) * 1000:>10.1f}")
    say(f"{'allocation.allocate + tier_price, 200 queues':<44}{best_pure * 1000:>9.1f}"
        f"{max(pure_times) * 1000:>10.1f}")
    say(f"{'(receive_goods, one item one pack short)':<44}{min(receive_times) * 1000:>9.1f}"
        f"{max(receive_times) * 1000:>10.1f}")
    say()
    say(f"close_round sends {len(queries.captured_queries)} SQL queries and spends "
        f"{min(close_cpu) * 1000:.0f} ms of CPU in this process (the rest is the database "
        "and waiting); the pure allocation is "
        f"{best_pure / best:.0%} of its time")
    say(f"results agree with allocation.allocate and bills add up: "
        f"{'yes' if not problems else 'NO'}")
    for problem in problems:
        say(f"  {problem}")
    verdict = "PASS" if best < TARGET_S and not problems else "FAIL"
    say()
    if verdict == "FAIL":
        say("!" * 63)
    say(f"{verdict}: close_round {best:.3f} s against the {TARGET_S:.0f} s target")
    if verdict == "FAIL":
        say("!" * 63)
    return 0


if __name__ == "__main__":
    sys.exit(main())
