"""Benchmark: the SHU of a cooperative with 100,000 members and 5,000,000 transactions.

Requirement (issue 16): "the SHU of a cooperative with 100,000 members and 5,000,000
transactions computed in under 15 s on PostgreSQL, and within 3x the raw SQL GROUP BY
that gathers the same capital and business figures, both printed".

Usage (from the project root):

    .venv/bin/python bench/finance.py                      # 100,000 members, 5,000,000
    .venv/bin/python bench/finance.py --members 20000 --transactions 1000000   # 1/5
    .venv/bin/python bench/finance.py --only shu           # the SHU timing only
    .venv/bin/python bench/finance.py --reload             # drop the database first

The database is BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
bench_finance), created when missing; it holds nothing but benchmark data. Each size
is its own cooperative (slug bench-shu-<members>-<transactions>), generated once and
reused. `generate()` is meant to be imported by other bench scripts (the statements of
the same cooperative).

**Data** (`generate`, one transaction, every row written by INSERT ... SELECT over
generate_series, with session_replication_role = replica so the ledger's row triggers
and the foreign-key checks are off during the load; the books are checked to balance
with one query afterwards). Members: 98 % active (joined 2015-2023), 1 % who joined on
1 July of the year, 1 % who left during the year (a status change each), 1 % applicants
(these are counted inside the 98 %/1 % split as number ≡ 0/1/2 mod 100). The
transactions, over the year and the year before (so a year's filter has work to do):

| share | what | rows |
| --- | --- | --- |
| 30 % | simpanan pokok (one per member), wajib and sukarela | a journal entry, 2 lines |
| 30 % | sales: fulfilment lines, 5 to an order, each with its order line | |
| 20 % | loan repayments' interest | a journal entry, 2 lines |
| 10 % | pooled purchases: members' shares in 24 received rounds | |
| 5 % | contract deliveries: quality-check receipts and the member payments | |
| 5 % | asset bookings with their charge | a journal entry, 2 lines |

The contract chain above the receipts (contracts, deliveries, allotments) is not
generated: gather() reads the receipts and the member payments only; the receipts'
allotment keys point nowhere (the foreign-key checks are off during the load).

**Measured** (`measure`): compute.simulate(cooperative, year=...) with the default
policy, and the baseline: the raw SQL that gathers the same figures, one GROUP BY per
source with the same filters (who counts, the part of the year each member counts)
joined to the member list, run on the same connection; and, as a floor, the bare GROUP
BYs (the cooperative and the year only; they do not give the same figures). All warmed
up once, then the best of --runs, interleaved. Printed: the seconds, the ratios,
PASS/FAIL against 15 s and 3x the raw SQL, and whether the figures agree.
"""

import argparse
import datetime as dt
import platform
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import ensure_database, say, setup_django  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/bench_finance"
MEMBERS = 100_000
TRANSACTIONS = 5_000_000
YEAR = 2025
SHU_TARGET = 15.0
RATIO_TARGET = 3.0
MIX = {"simpanan": 0.30, "sales": 0.30, "loan_interest": 0.20, "purchases": 0.10,
       "contracts": 0.05, "asset_fees": 0.05}
ROUNDS = 24
LINES_PER_ORDER = 5


def marker_slug(members: int, transactions: int) -> str:
    return f"bench-shu-{members}-{transactions}"


def bench_cooperative(members: int, transactions: int):
    from guyub.core.models import Cooperative

    return Cooperative.objects.filter(slug=marker_slug(members, transactions)).first()


# --- generation ------------------------------------------------------------------------


def _insert_select(cursor, model, values: dict[str, str], source: str, params=()) -> None:
    """INSERT INTO model's table every concrete column: those in `values` as the given
    SQL expressions over `source`, every other one as its model default."""
    from django.db import connection

    columns, exprs, defaults = [], [], []
    for field in model._meta.concrete_fields:
        if field.attname in values:
            columns.append(field.column)
            exprs.append(values[field.attname])
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            columns.append(field.column)
            exprs.append("now()")
        elif not field.primary_key:
            columns.append(field.column)
            exprs.append("%s")
            defaults.append(field.get_db_prep_save(field.get_default(), connection))
    cursor.execute(f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
                   f"SELECT {', '.join(exprs)} {source}", [*defaults, *params])


def _next_id(cursor, model) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
    return cursor.fetchone()[0]


def _reset_sequence(cursor, model) -> None:
    table = model._meta.db_table
    cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                   f"(SELECT MAX(id) FROM {table}))")


def _counts(transactions: int, members: int) -> dict[str, int]:
    counts = {kind: int(transactions * share) for kind, share in MIX.items()}
    counts["simpanan"] = max(counts["simpanan"], members)
    return counts


def generate(*, members: int = MEMBERS, transactions: int = TRANSACTIONS, year: int = YEAR,
             slug: str | None = None):
    """A cooperative with `members` members and `transactions` records of capital and
    business over `year` and the year before (see the module docstring). Returns it."""
    from django.db import connection, transaction
    from django_scopes import scope

    from guyub.core.models import Cooperative

    slug = slug or marker_slug(members, transactions)
    counts = _counts(transactions, members)
    started = time.perf_counter()
    with transaction.atomic():
        coop = Cooperative.objects.create(
            name=f"Koperasi Bench SHU {members}", slug=slug, coop_type="produsen",
            province="61", regency="Kabupaten Sintang", founded_on=dt.date(2010, 1, 1))
        with scope(cooperative=coop), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            _members(cursor, coop, members, year)
            _simpanan(cursor, coop, counts["simpanan"], year)
            _loan_interest(cursor, coop, counts["loan_interest"], year)
            _asset_fees(cursor, coop, counts["asset_fees"], year)
            _sales(cursor, coop, counts["sales"], year)
            _purchases(cursor, coop, counts["purchases"], year)
            _contracts(cursor, coop, counts["contracts"], year)
            _check_balanced(cursor, coop)
    say(f"generated {slug}: {members:,} members, {sum(counts.values()):,} transactions "
        f"in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    return coop


def _members(cursor, coop, members: int, year: int) -> None:
    """Members 1..n (number ≡ 1 mod 100: an applicant, ≡ 2: joined 1 July, ≡ 0: left
    during the year); then `bench_eligible` numbers the non-applicants k = 1..E for
    the transactions to pick from."""
    from guyub.members.models import Member, StatusChange

    _insert_select(cursor, Member, {
        "cooperative_id": str(coop.pk),
        "number": "CASE WHEN mod(g, 100) = 1 THEN NULL ELSE g END",
        "status": "CASE mod(g, 100) WHEN 1 THEN 'applicant' WHEN 0 THEN 'exited' "
                  "ELSE 'active' END",
        "owner_name": "'Anggota ' || g", "business_name": "'Usaha ' || g",
        "nik": "lpad(g::text, 16, '0')", "province": "'61'", "regency": "'Sintang'",
        "sector": "'kopi'",
        "join_date": f"CASE mod(g, 100) WHEN 1 THEN NULL WHEN 2 THEN DATE '{year}-07-01' "
                     "ELSE DATE '2015-01-01' + mod(g, 3000) END",
    }, "FROM generate_series(1, %s) g", [members])
    _insert_select(cursor, StatusChange, {
        "cooperative_id": str(coop.pk), "member_id": "m.id", "from_status": "'active'",
        "to_status": "'exited'",
        "date": f"DATE '{year}-01-10' + mod(m.number, 12) * 30",
    }, f"FROM {Member._meta.db_table} m WHERE m.cooperative_id = %s AND m.status = 'exited'",
        [coop.pk])
    cursor.execute("DROP TABLE IF EXISTS bench_eligible")
    cursor.execute(
        "CREATE TEMP TABLE bench_eligible AS SELECT row_number() OVER (ORDER BY id) AS k, "
        f"id, join_date FROM {Member._meta.db_table} "
        "WHERE cooperative_id = %s AND status <> 'applicant'", [coop.pk])
    cursor.execute("CREATE UNIQUE INDEX ON bench_eligible (k)")
    cursor.execute("ANALYZE bench_eligible")


def _pick(count_sql: str = "(SELECT COUNT(*) FROM bench_eligible)") -> str:
    # A member for row g, spread over all of them (7919 is prime).
    return f"e.k = 1 + mod(g::bigint * 7919, {count_sql})"


def _day(year: int, spread: str = "g") -> str:
    """A day of `year` or the year before, spread by row."""
    return f"DATE '{year - 1}-01-01' + mod(({spread})::bigint * 37, 730)::int"


def _ledger(cursor, coop, *, name: str, rows_sql: str, params,
            member_role: str, other_role: str, member_credit: bool) -> int:
    """An entry of two lines for each of the rows (g, member_id, day, amount): the
    member's line on `member_role` (credit or debit) and the other on `other_role`.
    Returns the first entry id."""
    from guyub.ledger.models import Account, JournalEntry, JournalLine

    accounts = dict(Account.objects.filter(cooperative=coop, role__in=[member_role, other_role])
                    .values_list("role", "pk"))
    cursor.execute("DROP TABLE IF EXISTS bench_rows")
    cursor.execute(f"CREATE TEMP TABLE bench_rows AS {rows_sql}", params)
    first = _next_id(cursor, JournalEntry)
    cursor.execute(f"SELECT COALESCE(MAX(number), 0) FROM {JournalEntry._meta.db_table} "
                   "WHERE cooperative_id = %s", [coop.pk])
    numbers = cursor.fetchone()[0]
    _insert_select(cursor, JournalEntry, {
        "id": f"{first} + r.g", "cooperative_id": str(coop.pk),
        "number": f"{numbers + 1} + r.g", "date": "r.day", "description": f"'{name}'",
    }, "FROM bench_rows r")
    member_side = ("0", "r.amount") if member_credit else ("r.amount", "0")
    for role, member, (debit, credit) in (
            (member_role, "r.member_id", member_side),
            (other_role, "NULL", member_side[::-1])):
        _insert_select(cursor, JournalLine, {
            "cooperative_id": str(coop.pk), "entry_id": f"{first} + r.g",
            "account_id": str(accounts[role]), "date": "r.day", "debit": debit,
            "credit": credit, "member_id": member,
        }, "FROM bench_rows r")
    _reset_sequence(cursor, JournalEntry)
    say(f"  {name}: {_scalar(cursor, 'SELECT COUNT(*) FROM bench_rows'):,} entries")
    return first


def _simpanan(cursor, coop, count: int, year: int) -> None:
    """One pokok per member on joining, then wajib and sukarela (half each) spread over
    the two years; members who joined on 1 July pay nothing before it."""
    members = "(SELECT COUNT(*) FROM bench_eligible)"
    _ledger(cursor, coop, name="Simpanan pokok", member_role="simpanan_pokok",
            other_role="cash", member_credit=True, params=[],
            rows_sql="SELECT e.k - 1 AS g, e.id AS member_id, "
                     f"GREATEST(e.join_date, DATE '{year - 5}-01-01') AS day, "
                     "100000::numeric AS amount FROM bench_eligible e")
    rest = max(count - _scalar(cursor, f"SELECT {members}"), 0)
    for role, half in (("simpanan_wajib", rest // 2), ("simpanan_sukarela", rest - rest // 2)):
        _ledger(cursor, coop, name=role, member_role=role, other_role="cash",
                member_credit=True, params=[half],
                rows_sql="SELECT g, e.id AS member_id, "
                         f"GREATEST({_day(year)}, e.join_date) AS day, "
                         "(10000 + mod(g, 50) * 1000)::numeric AS amount "
                         f"FROM generate_series(0, %s - 1) g JOIN bench_eligible e ON {_pick()}")


def _scalar(cursor, sql: str, params=()):
    cursor.execute(sql, params)
    return cursor.fetchone()[0]


def _loan_interest(cursor, coop, count: int, year: int) -> None:
    _ledger(cursor, coop, name="Angsuran pinjaman (jasa)",
            member_role="loan_interest", other_role="cash", member_credit=True,
            params=[count],
            rows_sql=f"SELECT g, e.id AS member_id, {_day(year)} AS day, "
                     "(5000 + mod(g, 40) * 2500)::numeric AS amount "
                     f"FROM generate_series(0, %s - 1) g JOIN bench_eligible e ON {_pick()}")


def _asset_fees(cursor, coop, count: int, year: int) -> None:
    """Bookings of one asset, each charged (Dr receivable_members / Cr asset fees)."""
    from guyub.resources.bookings.models import Booking
    from guyub.testing.resources import roaster

    asset = roaster(coop)
    first = _ledger(cursor, coop, name="Biaya pemakaian aset",
                    member_role="receivable_members", other_role="asset_fees_members",
                    member_credit=False, params=[count],
                    rows_sql=f"SELECT g, e.id AS member_id, {_day(year)} AS day, "
                             "(50000 + mod(g, 10) * 10000)::numeric AS amount "
                             "FROM generate_series(0, %s - 1) g "
                             f"JOIN bench_eligible e ON {_pick()}")
    _insert_select(cursor, Booking, {
        "cooperative_id": str(coop.pk), "number": "r.g + 1", "asset_id": str(asset.pk),
        "member_id": "r.member_id", "starts_at": "r.day + TIME '08:00'",
        "ends_at": "r.day + TIME '10:00'", "status": "'returned'", "fee": "r.amount",
        "charge_entry_id": f"{first} + r.g",
    }, "FROM bench_rows r")
    say(f"  bookings: {count:,}")


def _sales(cursor, coop, count: int, year: int) -> None:
    """Orders of LINES_PER_ORDER lines, each line one member's goods (a fulfilment
    line), paid on the order's day; one order in 50 cancelled."""
    from guyub.catalog.models import Category, Product
    from guyub.sales.models import Buyer, FulfilmentLine, Order, OrderLine

    category = Category.objects.create(cooperative=coop, name="Kopi", is_food=True)
    buyer = Buyer.objects.create(cooperative=coop, name="Toko Bench", email="b@contoh.id",
                                 phone="+6281200000000")
    products = min(1000, _scalar(cursor, "SELECT COUNT(*) FROM bench_eligible"))
    first_product = _next_id(cursor, Product)
    _insert_select(cursor, Product, {
        "id": f"{first_product} + e.k - 1", "cooperative_id": str(coop.pk),
        "member_id": "e.id", "name": "'Kopi ' || e.k", "category_id": str(category.pk),
        "price": "50000", "status": "'approved'", "net_weight_grams": "250",
    }, "FROM bench_eligible e WHERE e.k <= %s", [products])
    _reset_sequence(cursor, Product)
    orders = -(-count // LINES_PER_ORDER)
    first_order = _next_id(cursor, Order)
    _insert_select(cursor, Order, {
        "id": f"{first_order} + g", "cooperative_id": str(coop.pk), "number": "g + 1",
        "buyer_id": str(buyer.pk),
        "status": "CASE WHEN mod(g, 50) = 0 THEN 'cancelled' ELSE 'delivered' END",
        "city": "'Sintang'", "province": "'61'", "address": "'Jl. Bench'",
        "subtotal": "250000", "total": "250000",
        "placed_at": f"({_day(year)}) + TIME '09:00'",
        "paid_at": f"({_day(year)}) + TIME '10:00'", "access_key": "'k' || g",
    }, "FROM generate_series(0, %s - 1) g", [orders])
    _reset_sequence(cursor, Order)
    first_line = _next_id(cursor, OrderLine)
    order_of = f"{first_order} + g / {LINES_PER_ORDER}"
    _insert_select(cursor, OrderLine, {
        "id": f"{first_line} + g", "cooperative_id": str(coop.pk), "order_id": order_of,
        "product_id": f"{first_product} + mod(g, {products})", "name": "'Kopi'",
        "quantity": "1", "unit_price": "50000", "line_total": "50000",
    }, "FROM generate_series(0, %s - 1) g", [count])
    _reset_sequence(cursor, OrderLine)
    _insert_select(cursor, FulfilmentLine, {
        "cooperative_id": str(coop.pk), "order_id": order_of,
        "order_line_id": f"{first_line} + g", "member_id": "e.id",
        "product_id": f"{first_product} + mod(g, {products})", "quantity": "1",
        "sale_amount": "(20000 + mod(g, 30) * 5000)::numeric", "commission": "5000",
        "due_date": f"DATE '{year}-12-31'",
    }, f"FROM generate_series(0, %s - 1) g JOIN bench_eligible e ON {_pick()}", [count])
    say(f"  sales: {orders:,} orders, {count:,} lines")


def _purchases(cursor, coop, count: int, year: int) -> None:
    """ROUNDS rounds closed over the two years (goods received), one item each; a
    member's share in each round they joined."""
    from guyub.purchasing.models import Item, PriceList, Round, RoundItem, Share, Supplier

    supplier = Supplier.objects.create(cooperative=coop, name="CV Bench")
    item = Item.objects.create(cooperative=coop, name="Pupuk", unit="kg",
                               retail_reference_price=Decimal(12000))
    prices = PriceList.objects.create(cooperative=coop, supplier=supplier, item=item,
                                      pack_size=Decimal(50), min_order_qty=Decimal(0),
                                      valid_from=dt.date(year - 1, 1, 1))
    round_items = []
    for r in range(ROUNDS):
        closed = dt.datetime(year - 1 + r // 12, r % 12 + 1, 15, 10, tzinfo=dt.UTC)
        round_ = Round.objects.create(
            cooperative=coop, title=f"Pupuk {r + 1}", opens_at=closed, closes_at=closed,
            closed_at=closed, pickup_place="Gudang", pickup_date=closed.date(),
            status=Round.Status.RECEIVED)
        round_items.append(RoundItem.objects.create(
            cooperative=coop, round=round_, price_list=prices, packs=1,
            ordered_qty=Decimal(50), unit_price=Decimal(10000)).pk)
    ids = "ARRAY[" + ",".join(map(str, round_items)) + "]"
    # Row g: round g % ROUNDS, member g / ROUNDS (so no member twice in a round).
    _insert_select(cursor, Share, {
        "cooperative_id": str(coop.pk), "round_item_id": f"({ids})[mod(g, {ROUNDS}) + 1]",
        "member_id": "e.id", "committed": "50", "tolerance": "0", "quantity": "50",
        "goods_amount": "(100000 + mod(g, 20) * 10000)::numeric", "cost_amount": "5000",
        "fee_amount": "2000",
    }, "FROM generate_series(0, %s - 1) g JOIN bench_eligible e "
       f"ON e.k = 1 + mod(g / {ROUNDS}, (SELECT COUNT(*) FROM bench_eligible))", [count])
    say(f"  purchases: {ROUNDS} rounds, {count:,} shares")


def _contracts(cursor, coop, count: int, year: int) -> None:
    from guyub.contracts.deliveries.models import MemberPayment, Receipt

    first = _next_id(cursor, Receipt)
    _insert_select(cursor, Receipt, {
        "id": f"{first} + g", "cooperative_id": str(coop.pk), "allotment_id": f"{first} + g",
        "received": "100", "accepted": "95", "rejected": "5",
        "checked_at": f"({_day(year)}) + TIME '11:00'",
    }, "FROM generate_series(0, %s - 1) g", [count])
    _reset_sequence(cursor, Receipt)
    _insert_select(cursor, MemberPayment, {
        "cooperative_id": str(coop.pk), "receipt_id": f"{first} + g", "member_id": "e.id",
        "amount": "(95 * (20000 + mod(g, 10) * 1000))::numeric",
        "due_on": f"DATE '{year}-12-31'", "status": "'paid'",
    }, f"FROM generate_series(0, %s - 1) g JOIN bench_eligible e ON {_pick()}", [count])
    say(f"  contracts: {count:,} accepted receipts and member payments")


def _check_balanced(cursor, coop) -> None:
    from guyub.ledger.models import JournalLine

    unbalanced = _scalar(cursor, f"SELECT COUNT(*) FROM (SELECT entry_id FROM "
                                 f"{JournalLine._meta.db_table} WHERE cooperative_id = %s "
                                 "GROUP BY entry_id HAVING SUM(debit) <> SUM(credit)) x",
                         [coop.pk])
    if unbalanced:
        raise RuntimeError(f"{unbalanced} unbalanced entries generated")


# --- the baseline ----------------------------------------------------------------------

# Who counts (the default policy: members who left during the year left out) with the
# part of the year they were members, then one GROUP BY per source joined to it: the
# same figures gather() returns, as one would write them by hand.
COUNTED = """
WITH counted AS (
    SELECT m.id, GREATEST(COALESCE(m.join_date, %(first)s), %(first)s) AS first_day,
           LEAST(COALESCE(l.date, %(last)s), %(last)s) AS last_day
    FROM members_member m
    LEFT JOIN members_statuschange l
      ON l.member_id = m.id AND l.to_status IN ('exited', 'expelled')
    WHERE m.cooperative_id = %(coop)s AND m.status IN ('active', 'exited', 'expelled')
      AND COALESCE(m.join_date, %(first)s) <= %(last)s
      AND COALESCE(l.date, %(after)s) > %(last)s)
"""
WINDOW = "{day} BETWEEN c.first_day AND c.last_day"
LOCAL_DAY = "({col} AT TIME ZONE 'Asia/Jakarta')::date"

BASELINE = {
    "members": COUNTED + "SELECT id FROM counted",
    "capital": COUNTED + """
        SELECT l.member_id, SUM(l.credit - l.debit) FROM ledger_journalline l
        JOIN counted c ON c.id = l.member_id
        WHERE l.cooperative_id = %(coop)s AND l.account_id = ANY(%(capital)s)
          AND l.date <= %(last)s AND l.kind <> 'closing'
        GROUP BY l.member_id""",
    "sales": COUNTED + f"""
        SELECT f.member_id, SUM(f.sale_amount) FROM sales_fulfilmentline f
        JOIN sales_order o ON o.id = f.order_id JOIN counted c ON c.id = f.member_id
        WHERE f.cooperative_id = %(coop)s
          AND o.status IN ('paid', 'fulfilling', 'shipped', 'delivered')
          AND o.paid_at >= %(start)s AND o.paid_at < %(end)s
          AND {WINDOW.format(day=LOCAL_DAY.format(col='o.paid_at'))}
        GROUP BY f.member_id""",
    "purchases": COUNTED + f"""
        SELECT s.member_id, SUM(s.goods_amount + s.cost_amount + s.fee_amount)
        FROM purchasing_share s JOIN purchasing_rounditem i ON i.id = s.round_item_id
        JOIN purchasing_round r ON r.id = i.round_id JOIN counted c ON c.id = s.member_id
        WHERE s.cooperative_id = %(coop)s AND r.status IN ('received', 'distributed')
          AND r.closed_at >= %(start)s AND r.closed_at < %(end)s
          AND {WINDOW.format(day=LOCAL_DAY.format(col='r.closed_at'))}
        GROUP BY s.member_id""",
    "contracts": COUNTED + f"""
        SELECT p.member_id, SUM(p.amount) FROM contracts_memberpayment p
        JOIN contracts_receipt r ON r.id = p.receipt_id JOIN counted c ON c.id = p.member_id
        WHERE p.cooperative_id = %(coop)s
          AND r.checked_at >= %(start)s AND r.checked_at < %(end)s
          AND {WINDOW.format(day=LOCAL_DAY.format(col='r.checked_at'))}
        GROUP BY p.member_id""",
    "loan_interest": COUNTED + f"""
        SELECT l.member_id, SUM(l.credit - l.debit) FROM ledger_journalline l
        JOIN counted c ON c.id = l.member_id
        WHERE l.cooperative_id = %(coop)s AND l.account_id = %(interest)s
          AND l.date BETWEEN %(first)s AND %(last)s AND l.kind <> 'closing'
          AND {WINDOW.format(day='l.date')}
        GROUP BY l.member_id""",
    "asset_fees": COUNTED + f"""
        SELECT b.member_id, SUM(b.fee) FROM resources_booking b
        JOIN counted c ON c.id = b.member_id
        WHERE b.cooperative_id = %(coop)s AND b.charge_entry_id IS NOT NULL
          AND b.starts_at >= %(start)s AND b.starts_at < %(end)s
          AND NOT EXISTS (SELECT 1 FROM ledger_journalentry x
                          WHERE x.reverses_id = b.charge_entry_id)
          AND {WINDOW.format(day=LOCAL_DAY.format(col='b.starts_at'))}
        GROUP BY b.member_id""",
}


# The floor: the same GROUP BYs with nothing but the cooperative and the year (no
# member list, no membership window): what reading the rows costs at the least.
BARE = {
    "capital": """SELECT member_id, SUM(credit - debit) FROM ledger_journalline
        WHERE cooperative_id = %(coop)s AND account_id = ANY(%(capital)s)
          AND date <= %(last)s AND member_id IS NOT NULL GROUP BY member_id""",
    "sales": """SELECT f.member_id, SUM(f.sale_amount) FROM sales_fulfilmentline f
        JOIN sales_order o ON o.id = f.order_id WHERE f.cooperative_id = %(coop)s
          AND o.status <> 'cancelled' AND o.paid_at >= %(start)s AND o.paid_at < %(end)s
        GROUP BY f.member_id""",
    "purchases": """SELECT s.member_id, SUM(s.goods_amount + s.cost_amount + s.fee_amount)
        FROM purchasing_share s JOIN purchasing_rounditem i ON i.id = s.round_item_id
        JOIN purchasing_round r ON r.id = i.round_id WHERE s.cooperative_id = %(coop)s
          AND r.closed_at >= %(start)s AND r.closed_at < %(end)s GROUP BY s.member_id""",
    "contracts": """SELECT p.member_id, SUM(p.amount) FROM contracts_memberpayment p
        JOIN contracts_receipt r ON r.id = p.receipt_id WHERE p.cooperative_id = %(coop)s
          AND r.checked_at >= %(start)s AND r.checked_at < %(end)s GROUP BY p.member_id""",
    "loan_interest": """SELECT member_id, SUM(credit - debit) FROM ledger_journalline
        WHERE cooperative_id = %(coop)s AND account_id = %(interest)s
          AND date BETWEEN %(first)s AND %(last)s GROUP BY member_id""",
    "asset_fees": """SELECT member_id, SUM(fee) FROM resources_booking
        WHERE cooperative_id = %(coop)s AND starts_at >= %(start)s AND starts_at < %(end)s
        GROUP BY member_id""",
}


def baseline(coop, year: int, statements: dict = BASELINE) -> dict[str, dict]:
    """The raw SQL: {source: {member_id: amount}} (members: {id: None})."""
    from django.db import connection
    from django.utils import timezone

    from guyub.ledger.models import Account

    roles = dict(Account.objects.filter(cooperative=coop).values_list("role", "pk"))
    params = {
        "coop": coop.pk, "first": dt.date(year, 1, 1), "last": dt.date(year, 12, 31),
        "after": dt.date(year + 1, 1, 1),
        "start": timezone.make_aware(dt.datetime(year, 1, 1)),
        "end": timezone.make_aware(dt.datetime(year + 1, 1, 1)),
        "capital": [roles["simpanan_pokok"], roles["simpanan_wajib"]],
        "interest": roles["loan_interest"],
    }
    out = {}
    with connection.cursor() as cursor:
        for name, sql in statements.items():
            cursor.execute(sql, params)
            out[name] = {row[0]: (row[1] if len(row) > 1 else None)
                         for row in cursor.fetchall()}
    return out


# --- measuring -------------------------------------------------------------------------


def _agree(simulation, raw: dict) -> list[str]:
    """Where simulate()'s figures differ from the raw SQL's (empty: they agree)."""
    problems = []
    rows = {r.member_id: r for r in simulation.rows}
    if set(rows) != set(raw["members"]):
        problems.append(f"members: {len(rows)} against {len(raw['members'])}")
    for row in rows.values():
        capital = max(raw["capital"].get(row.member_id) or Decimal(0), Decimal(0))
        if row.capital != capital:
            problems.append(f"capital of {row.member_id}: {row.capital} / {capital}")
        for kind in ("sales", "purchases", "contracts", "loan_interest", "asset_fees"):
            figure = max(raw[kind].get(row.member_id) or Decimal(0), Decimal(0))
            if getattr(row, kind) != figure:
                problems.append(f"{kind} of {row.member_id}: {getattr(row, kind)} / {figure}")
        if len(problems) > 5:
            break
    return problems


def measure(coop, *, year: int, runs: int) -> None:
    from django_scopes import scope

    from guyub.finance.shu.compute import simulate

    say(f"\nmeasuring the SHU of {coop.slug} for {year} ({runs} runs after a warm-up)")
    shu_times, raw_times, bare_times = [], [], []
    with scope(cooperative=coop):
        for i in range(runs + 1):
            t0 = time.perf_counter()
            simulation = simulate(coop, year=year)
            t1 = time.perf_counter()
            raw = baseline(coop, year)
            t2 = time.perf_counter()
            baseline(coop, year, BARE)
            t3 = time.perf_counter()
            if i:
                shu_times.append(t1 - t0)
                raw_times.append(t2 - t1)
                bare_times.append(t3 - t2)
    shu, base, bare = min(shu_times), min(raw_times), min(bare_times)
    ratio = shu / base if base else float("inf")
    problems = _agree(simulation, raw)
    say(f"members counted: {len(simulation.rows):,}; member SHU Rp{simulation.member_surplus:,}; "
        f"total capital {simulation.total_capital:,}; total business "
        f"{simulation.total_business:,}; shared Rp{simulation.total_shared:,}")
    say(f"simulate()            best {shu:6.2f} s   (runs: "
        f"{', '.join(f'{t:.2f}' for t in shu_times)})")
    say(f"raw SQL GROUP BYs     best {base:6.2f} s   (runs: "
        f"{', '.join(f'{t:.2f}' for t in raw_times)})")
    say(f"bare GROUP BYs        best {bare:6.2f} s   (runs: "
        f"{', '.join(f'{t:.2f}' for t in bare_times)}; no member list, no windows)")
    say(f"ratio                 {ratio:6.2f}x the raw SQL, {shu / bare:.2f}x the bare "
        "GROUP BYs")
    say(f"{'PASS' if shu < SHU_TARGET else 'FAIL'}: simulate() under {SHU_TARGET:.0f} s")
    say(f"{'PASS' if ratio <= RATIO_TARGET else 'FAIL'}: within {RATIO_TARGET:.0f}x the raw SQL")
    say("figures agree with the raw SQL" if not problems
        else "FAIL: figures differ: " + "; ".join(problems[:5]))


def main() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=MEMBERS)
    parser.add_argument("--transactions", type=int, default=TRANSACTIONS)
    parser.add_argument("--year", type=int, default=YEAR)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["shu"], default="shu",
                        help="what to measure (the statements are the lead's to add)")
    parser.add_argument("--reload", action="store_true", help="drop the database first")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, drop=args.reload)
    setup_django(url)
    say(f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores")
    coop = bench_cooperative(args.members, args.transactions)
    if coop is None:
        say(f"generating {args.members:,} members and {args.transactions:,} transactions")
        coop = generate(members=args.members, transactions=args.transactions, year=args.year)
    measure(coop, year=args.year, runs=args.runs)


if __name__ == "__main__":
    main()
