"""Reads of the catalog's set-up pages."""

from django.db.models import Count, QuerySet

from guyub.catalog.models import Category


def category_overview() -> QuerySet[Category]:
    return Category.objects.annotate(product_count=Count("products")).order_by("name")
