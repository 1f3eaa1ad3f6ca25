"""A search narrows a QuerySet of products or bundles: on PostgreSQL by the indexed
full-text match (search.py), on SQLite by substrings of the words and their likely
spellings (spelling.py)."""

from django.db import connection
from django.db.models import Q, QuerySet

from . import search
from .filters import Filters


def narrow_products(products: QuerySet, filters: Filters) -> QuerySet:
    if connection.vendor == "postgresql":
        query = filters.search_query
        if not query:
            return products.none()
        return (products.filter(search.Matches(query))
                .annotate(rank=search.Rank(query)).order_by("-rank", "name", "pk"))
    for spellings in filters.substring_words:
        products = products.filter(any_contains(
            spellings, "name", "description", "member__business_name"))
    return products


def narrow_bundles(bundles: QuerySet, filters: Filters) -> QuerySet:
    if connection.vendor == "postgresql":
        query = filters.search_query
        return bundles.filter(search.TextMatches(query)) if query else bundles.none()
    for spellings in filters.substring_words:
        bundles = bundles.filter(any_contains(spellings, "name", "description"))
    return bundles


def any_contains(words, *fields) -> Q:
    found = Q()
    for word in words:
        for name in fields:
            found |= Q(**{f"{name}__icontains": word})
    return found
