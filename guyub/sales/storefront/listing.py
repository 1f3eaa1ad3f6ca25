"""The storefront listing: bundles first, then products, as one sequence a Paginator
pages through, kept in Django's cache for a few seconds."""

import hashlib
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import get_language
from django_scopes import get_scope

from . import search
from .cards import bundle_cards, card_rows, row_offer
from .filters import Filters
from .offers import Offer
from .selectors import search_products


class Listing:
    """Bundles first, then products: one sequence a Paginator can page through,
    counting and slicing the products in the database.

    The count and each page are kept in Django's cache for STOREFRONT_CACHE_SECONDS
    (by cooperative, filters, buyer kind and language): the public pages and search API
    see the same queries over and over, and a shop may show a stock figure a few seconds
    old (checkout and the cart check the real stock). 0 turns the cache off."""

    def __init__(self, filters: Filters, *, business: bool,
                 page: tuple[int, int] | None = None):
        self.filters, self.business = filters, business
        # (number, per page) of the page the caller's paginator will ask for: counting
        # then fetches that page too, with the total as a window column (one query
        # instead of COUNT and then the page).
        self.page_hint = page
        self._ready: dict[int, tuple[int | None, list[Offer]]] = {}
        self.seconds = settings.STOREFRONT_CACHE_SECONDS
        f = filters
        what = (get_scope()["cooperative"].pk, business, get_language(), f.q, f.category,
                f.channel.code if f.channel else "", f.member, f.province, f.regency)
        self.key = "store:" + hashlib.sha256(repr(what).encode()).hexdigest()

    @cached_property
    def bundles(self) -> list[Offer]:
        return bundle_cards(self.filters)

    @cached_property
    def products(self) -> QuerySet:
        return search_products(self.filters)

    def _product_rows(self, offset: int, end: int | None):
        f = self.filters
        if connection.vendor == "postgresql" and f.q and f.channel is None:
            if not f.search_query:
                return []
            return search.product_page(
                get_scope()["cooperative"].pk, f.search_query, offset=offset,
                limit=None if end is None else end - offset, business=self.business,
                category=f.category, member=f.member, province=f.province,
                regency=f.regency)
        return card_rows(self.products, business=self.business)[offset:end]

    def _cached(self, part: str, compute):
        if not self.seconds:
            return compute()
        return cache.get_or_set(f"{self.key}:{part}", compute, self.seconds)

    def count(self) -> int:
        return self._cached("count", self._count)

    def _count(self) -> int:
        if self.page_hint is not None:
            number, per_page = self.page_hint
            start = (number - 1) * per_page
            total = self._fetch(start, start + per_page)
            if total is not None:
                return total
        return len(self.bundles) + self.products.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        start, stop = index.start or 0, index.stop
        return self._cached(f"{start}:{stop}", lambda: self._page(start, stop))

    def _page(self, start: int, stop: int | None) -> list[Offer]:
        # The paginator asks for the last page up to the count only: a prefix of what
        # counting fetched.
        fetched = self._ready.get(start)
        if fetched is None or not _reaches(fetched[0], stop):
            self._fetch(start, stop)
            fetched = self._ready[start]
        offers = fetched[1]
        return offers if stop is None else offers[:stop - start]

    def _fetch(self, start: int, stop: int | None) -> int | None:
        """Fetch offers [start:stop] into _ready; return the whole listing's count when the
        products fetched tell it (the window column), else None."""
        head = self.bundles[start:stop]
        offset = max(start - len(self.bundles), 0)
        end = None if stop is None else max(stop - len(self.bundles), 0)
        total = None
        cards = []
        if end is None or end > offset:
            for row in self._product_rows(offset, end):
                offer, total = row_offer(row)
                cards.append(offer)
            if total is not None:
                total += len(self.bundles)
        self._ready[start] = (stop, head + cards)
        return total


def _reaches(fetched_stop: int | None, stop: int | None) -> bool:
    """Whether offers fetched up to `fetched_stop` (None: the end) cover up to `stop`."""
    return fetched_stop is None or (stop is not None and stop <= fetched_stop)


def listing(filters: Filters, *, business: bool = False,
            page: tuple[int, int] | None = None) -> Listing:
    return Listing(filters, business=business, page=page)
