"""The storefront search in the JSON API: public (no token), like the storefront pages."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django_scopes import scope
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel

from guyub.catalog.models import Category, Channel
from guyub.core.api import ERRORS
from guyub.core.api_auth import FormErrors
from guyub.core.limits import RowId

from . import catalogue, listing, selectors
from .filters import Filters
from .forms import StoreFilterForm
from .offers import Offer

router = Router()


class SearchFilters(Schema):
    q: str = Field("", max_length=100)
    category: RowId | None = None
    channel: str = Field("", description="channel code, e.g. ekspor")
    member: RowId | None = Field(None, description="the maker (member id)")
    province: str = ""
    regency: str = ""
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(24, ge=1, le=100)


# The search's output is plain pydantic models, not ninja Schemas: a Schema validates
# each nested object through a getter per attribute (a tenth of a search request), and
# these are built from dicts anyway.
class MakerOut(BaseModel):
    id: int
    business_name: str
    regency: str
    province: str


class OfferOut(BaseModel):
    kind: str
    id: int
    name: str
    price: Decimal
    unit: str
    stock: int
    min_order_qty: int
    category: str
    makers: list[MakerOut]
    url: str
    image: str | None


class SearchPage(BaseModel):
    count: int
    page: int
    pages: int
    items: list[OfferOut]


@router.get("/{slug}/storefront/search", response={200: SearchPage, **ERRORS}, auth=None)
def storefront_search(request, slug: str, filters: Query[SearchFilters]):
    """The public storefront: bundles and products on sale, searched (tolerant of typos
    on PostgreSQL) and filtered like the storefront page. No token needed."""
    cooperative = selectors.shop(slug)
    if cooperative is None:
        raise Http404
    with scope(cooperative=cooperative):
        found = listing.listing(_store_filters(filters), page=(filters.page, filters.page_size))
        page = Paginator(found, filters.page_size).get_page(filters.page)
        urls = _page_urls(slug)
        return {"count": page.paginator.count, "page": page.number,
                "pages": page.paginator.num_pages,
                "items": [_offer_out(offer, urls) for offer in page]}


def _store_filters(filters: SearchFilters) -> Filters:
    """The storefront's filters, checked as the storefront page checks them. A plain
    text search, the usual request, needs only its text checked: the filter form builds
    every field and menu."""
    if not (filters.category or filters.channel or filters.member or filters.province
            or filters.regency):
        try:
            q = StoreFilterForm.base_fields["q"].clean(filters.q)
        except ValidationError as error:
            raise FormErrors({"q": error.messages}) from None
        return Filters(q=q.strip())
    form = StoreFilterForm(
        {"q": filters.q, "category": filters.category or "", "channel": filters.channel,
         "member": filters.member or "",
         "region": "/".join(p for p in (filters.province, filters.regency) if p)},
        # The choices a filter is checked against are looked up only when the request
        # uses that filter (the storefront page needs them all for its menus).
        categories=Category.objects.all() if filters.category else [],
        channels=list(Channel.objects.filter(active=True)) if filters.channel else [],
        makers=catalogue.makers() if (filters.member or filters.province
                                        or filters.regency) else [])
    if not form.is_valid():
        raise FormErrors(form.errors)
    return form.filters()


def _page_urls(slug: str) -> dict:
    """kind -> (URL before the id, after it): resolved once per page, not per card."""
    urls = {}
    for kind, name in (("product", "store:product"), ("bundle", "store:bundle")):
        head, _sep, tail = reverse(name, args=[slug, 0]).rpartition("/0/")
        urls[kind] = (head + "/", "/" + tail)
    return urls


def _offer_out(offer: Offer, urls: dict) -> dict:
    head, tail = urls[offer.kind]
    photo = offer.photo
    image = None
    if photo is not None:
        image = (photo.thumbnail or photo.image).url
    return {"kind": offer.kind, "id": offer.id, "name": offer.name, "price": offer.price,
            "unit": str(offer.unit), "stock": offer.stock, "min_order_qty": offer.min_order_qty,
            "category": str(offer.category),
            # Plain dicts: ninja validates a model instance through a getter per attribute.
            "makers": [{"id": m.pk, "business_name": m.business_name, "regency": m.regency,
                        "province": m.province} for m in offer.makers],
            "url": f"{head}{offer.id}{tail}", "image": image}
