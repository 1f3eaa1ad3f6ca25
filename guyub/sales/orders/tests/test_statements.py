"""The hand-written statements (orders/statements.py, storefront/search.py) are bound to
one cooperative: each names the cooperative's column, and none reaches another
cooperative's rows."""

import re
from itertools import combinations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from guyub.catalog.models import Bundle, Product
from guyub.sales.orders import statements
from guyub.sales.storefront import search
from guyub.sales.tests.store_helpers import product

pytestmark = pytest.mark.django_db

PRODUCT_KEY = Product._meta.get_field("cooperative").column
BUNDLE_KEY = Bundle._meta.get_field("cooperative").column


def stock_of(item) -> int:
    with scopes_disabled():
        return Product.objects.get(pk=item.pk).stock


def bound_to_the_cooperative(sql: str, column: str) -> bool:
    """The statement filters (WHERE … column = …) or keys (ON CONFLICT (column)) by it."""
    return bool(re.search(rf"WHERE .*\b{column}\b = ", sql, re.S)
                or re.search(rf"ON CONFLICT \({column}\)", sql))


def test_the_order_statements_name_the_cooperative(coop):
    coffee = product(coop, "Kopi Merapi", stock=10)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        statements.lock_products(coop, [coffee.pk])
        statements.take_stock(coop, {coffee.pk: 1})
        statements.next_order_number(coop)
    assert len(queries) == 3
    for query in queries:
        assert bound_to_the_cooperative(query["sql"], PRODUCT_KEY), query["sql"]


def test_the_search_statements_name_the_cooperative():
    filters = ("category", "member", "province", "regency")
    texts = [search._WORDS_SQL, search._bundles_sql()]
    texts += [search._page_sql(used, business) for size in range(len(filters) + 1)
              for used in combinations(filters, size) for business in (False, True)]
    for sql in texts:
        assert bound_to_the_cooperative(sql, PRODUCT_KEY), sql
    assert bound_to_the_cooperative(search._bundles_sql(), BUNDLE_KEY)


def test_locking_and_taking_stock_never_reach_another_cooperatives_products(coop, other_coop):
    mine = product(coop, "Kopi Merapi", stock=10)
    theirs = product(other_coop, "Kopi Tetangga", stock=10)
    with transaction.atomic():
        assert set(statements.lock_products(coop, [mine.pk, theirs.pk])) == {mine.pk}
        statements.take_stock(coop, {mine.pk: 3, theirs.pk: 3})
    assert (stock_of(mine), stock_of(theirs)) == (7, 10)


def test_order_numbers_are_counted_per_cooperative(coop, other_coop):
    with transaction.atomic():
        numbers = [statements.next_order_number(coop), statements.next_order_number(coop),
                   statements.next_order_number(other_coop)]
    assert numbers == [1, 2, 1]
