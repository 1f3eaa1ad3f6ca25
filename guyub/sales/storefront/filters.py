"""The storefront's search and filters, and the search made ready once for each
database (PostgreSQL: looked up in the catalogue's words; SQLite: with the catalogue's
spellings)."""

from dataclasses import dataclass
from functools import cached_property

from django_scopes import get_scope

from guyub.catalog.models import Channel

from . import search, spelling
from .catalogue import catalogue_words


@dataclass(frozen=True)
class Filters:
    q: str = ""
    category: int | None = None
    channel: Channel | None = None
    member: int | None = None
    province: str = ""
    regency: str = ""

    @cached_property
    def substring_words(self) -> list[list[str]]:
        """SQLite: each word of `q` with the catalogue's words that look like it (a small
        shop's catalogue is read for its words; PostgreSQL keeps a table of them)."""
        return spelling.close_spellings(self.q.split(), catalogue_words)

    @cached_property
    def search_query(self) -> search.Query:
        """`q` looked up in the catalogue's words, once for products and bundles alike
        (PostgreSQL; inside the cooperative's scope)."""
        return search.prepare(get_scope()["cooperative"].pk, self.q)
