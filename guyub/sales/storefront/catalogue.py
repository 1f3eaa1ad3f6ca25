"""What is on sale in the cooperative's shop, and the words it is described with. Run
inside the cooperative's scope."""

import re

from django.db.models import Exists, OuterRef, QuerySet

from guyub.catalog.models import Bundle, Product
from guyub.members.models import Member


def catalogue_words() -> set[str]:
    """The words of what is on sale: names, descriptions, makers, bundles (lower case)."""
    words: set[str] = set()
    products = listed_products().values_list("name", "description", "member__business_name")
    bundles = Bundle.objects.filter(active=True).values_list("name", "description")
    for texts in [*products, *bundles]:
        for text in texts:
            words.update(re.findall(r"\w+", text.lower()))
    return words


def listed_products() -> QuerySet[Product]:
    """Approved products of active members, with stock."""
    return Product.objects.filter(status=Product.Status.APPROVED, stock__gt=0,
                                  member__status=Member.Status.ACTIVE)


def shown_products() -> QuerySet[Product]:
    """Product pages also open when the stock ran out (they say so)."""
    return Product.objects.filter(status=Product.Status.APPROVED,
                                  member__status=Member.Status.ACTIVE)


def makers() -> list[Member]:
    """Members with something on sale: the maker and region filters offer these. Every
    storefront request validates its filters against them, so: only the fields the
    filters show, and one index probe per member instead of a scan of the catalogue."""
    on_sale = Product.objects.filter(member_id=OuterRef("pk"), status=Product.Status.APPROVED,
                                     stock__gt=0)
    return list(Member.objects.filter(Exists(on_sale), status=Member.Status.ACTIVE)
                .only("pk", "business_name", "province", "regency").order_by("business_name"))
