"""The storefront API's one hand-written statement outside the search (search.py)."""

from guyub.core import rows
from guyub.core.models import Cooperative


def cooperative_id(slug: str) -> int | None:
    """The id of the cooperative with this slug: one plain statement, as reading the whole
    row (by-laws, SHU shares…) through the QuerySet took a fifth of a search request."""
    table, key = Cooperative._meta.db_table, Cooperative._meta.get_field("slug").column
    found = rows.execute(f"SELECT {Cooperative._meta.pk.column} FROM {table} WHERE {key} = %s",
                         [slug])
    return found[0][0] if found else None
