"""The statements of placing an order, named: the checkout's hot path runs these instead
of composing QuerySets (bench/sales_throughput.py: the ORM's share of an order was about
two thirds of its time). Built on core/rows.py; every table and column name comes from
the models, and every statement is bound to the cooperative (tests/test_statements.py).

Lock order (no deadlocks between checkouts and cancellations): the order's products in
id order (lock_products), then the cooperative's order counter (next_order_number),
last. Cancellations lock the cooperative row for the ledger and then products, never
the counter; the ledger's lock is FOR NO KEY UPDATE, so it does not wait for this
checkout's foreign-key checks on the cooperative row either
(tests/test_stock_concurrency.py).
"""

from django.db import connection

from guyub.catalog.models import Category, Product
from guyub.core import rows
from guyub.core.models import Cooperative

from ..fulfilment.models import FulfilmentLine
from .models import Buyer, Order, OrderCounter, OrderLine


def _column(model, name: str) -> str:
    return model._meta.get_field(name).column


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def lock_products(cooperative: Cooperative, ids: list[int]) -> dict[int, Product]:
    """The cooperative's products of these ids with their categories, locked until
    commit, in id order (no deadlocks between checkouts). OF p: the category row stays
    unlocked; NO KEY: the lock does not block other transactions' foreign-key checks on
    the product."""
    lock = ""
    if connection.features.has_select_for_no_key_update:  # SQLite locks the whole database
        lock = " FOR NO KEY UPDATE OF p"
    pk = _column(Product, "id")
    sql = (f"SELECT {rows.columns(Product, 'p')}, {rows.columns(Category, 'c')} "
           f"FROM {Product._meta.db_table} p JOIN {Category._meta.db_table} c "
           f"ON c.{_column(Category, 'id')} = p.{_column(Product, 'category')} "
           f"WHERE p.{_column(Product, 'cooperative')} = %s "
           f"AND p.{pk} IN ({_marks(ids)}) ORDER BY p.{pk}{lock}")
    products = {}
    for row in rows.execute(sql, [cooperative.pk, *ids]):
        product, end = rows.build(Product, row)
        product.category, _end = rows.build(Category, row, end)
        product.cooperative = cooperative  # the one the caller holds
        products[product.pk] = product
    return products


def take_stock(cooperative: Cooperative, needed: dict[int, int]) -> None:
    """Take the units {product id: units} from the locked products' stock, in one
    statement."""
    table, pk, stock = Product._meta.db_table, _column(Product, "id"), _column(Product, "stock")
    cases = " ".join(["WHEN %s THEN %s"] * len(needed))
    rows.execute(
        f"UPDATE {table} SET {stock} = {stock} - CASE {pk} {cases} END "
        f"WHERE {_column(Product, 'cooperative')} = %s AND {pk} IN ({_marks(needed)})",
        [*(value for pair in needed.items() for value in pair), cooperative.pk, *needed])


def next_order_number(cooperative: Cooperative) -> int:
    """The cooperative's next order number, in one statement that also locks its counter
    row until commit. Taken last, after the product rows: every checkout of the
    cooperative queues here, so it should hold the row for as short a time as possible;
    and nothing that locks the counter waits for a product row."""
    table = OrderCounter._meta.db_table
    key, last = _column(OrderCounter, "cooperative"), _column(OrderCounter, "last_number")
    return rows.execute(
        f"INSERT INTO {table} ({key}, {last}) VALUES (%s, 1) "
        f"ON CONFLICT ({key}) DO UPDATE SET {last} = {table}.{last} + 1 "
        f"RETURNING {last}", [cooperative.pk])[0][0]


# The inserts write rows whose cooperative the caller set (rows.insert derives the
# statement from the model): the same cooperative the statements above were bound to.

def insert_buyer(buyer: Buyer) -> None:
    rows.insert([buyer])


def insert_order(order: Order) -> None:
    """The order, totals included, in one INSERT."""
    rows.insert([order])


def insert_lines(lines: list[OrderLine]) -> None:
    rows.insert(lines)


def insert_fulfilment(lines: list[FulfilmentLine]) -> None:
    rows.insert(lines)
