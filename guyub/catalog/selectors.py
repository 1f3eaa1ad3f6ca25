"""Catalog reads: eligibility per channel, bundle stock, prices, commission."""

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone

from .eligibility import ProductFacts, missing_for_channel, valid_kinds
from .models import Bundle, BundleItem, Certificate, Channel, Product


def certificates_for(products) -> dict[int, list[Certificate]]:
    """Certificates that apply to each product: its own and its maker's general ones."""
    products = list(products)
    member_ids = {p.member_id for p in products}
    certs = list(Certificate.objects.filter(
        Q(product__in=products) | Q(member_id__in=member_ids, product__isnull=True)))
    return {
        p.pk: [c for c in certs if c.product_id == p.pk
               or (c.product_id is None and c.member_id == p.member_id)]
        for p in products
    }


def facts_for(product: Product, certificates, on: dt.date) -> ProductFacts:
    return ProductFacts(
        is_food=product.category.is_food,
        has_barcode=bool(product.barcode),
        has_hs_code=bool(product.hs_code),
        certificates=valid_kinds(certificates, on),
    )


def channel_report(product: Product, on: dt.date | None = None) -> list[dict]:
    """For each active channel: whether the product is eligible, and what is missing."""
    on = on or timezone.localdate()
    facts = facts_for(product, certificates_for([product])[product.pk], on)
    requested = set(product.channels.values_list("pk", flat=True))
    report = []
    for channel in Channel.objects.filter(active=True):
        missing = missing_for_channel(facts, channel.rules)
        report.append({"channel": channel, "missing": missing, "eligible": not missing,
                       "requested": channel.pk in requested})
    return report


def listed_in(products, channel: Channel, on: dt.date | None = None) -> list[Product]:
    """The approved products a channel may carry today."""
    on = on or timezone.localdate()
    products = list(products)
    certs = certificates_for(products)
    return [p for p in products
            if p.status == Product.Status.APPROVED
            and not missing_for_channel(facts_for(p, certs[p.pk], on), channel.rules)]


def bundle_stock(bundle: Bundle) -> int:
    """How many bundles the components' stock allows."""
    items = list(bundle.items.select_related("product"))
    if not items:
        return 0
    return min(item.product.stock // item.quantity for item in items)


def bundles_with_items():
    return Bundle.objects.prefetch_related(
        Prefetch("items", queryset=BundleItem.objects.select_related("product__member")))


def unit_price(product: Product, quantity: int, *, business: bool) -> Decimal:
    """Retail price, or the best wholesale tier a business buyer reaches."""
    price = product.price
    if business:
        for tier in product.tiers.all():
            if quantity >= tier.min_qty and tier.price < price:
                price = tier.price
    return price


def commission_pct(product: Product) -> Decimal:
    """Product override, else category, else the by-laws."""
    if product.commission_pct is not None:
        return product.commission_pct
    if product.category.commission_pct is not None:
        return product.category.commission_pct
    return product.cooperative.consignment_commission_pct


def expiring_certificates(days: int = 60, today: dt.date | None = None):
    today = today or timezone.localdate()
    return Certificate.objects.filter(
        expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=days)
    ).select_related("member", "product").order_by("expires_on")
