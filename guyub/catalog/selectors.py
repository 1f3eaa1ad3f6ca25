"""Catalog reads: eligibility per channel, certificates' validity, bundle stock and
shares, prices, commission. Shared by the sub-packages' pages and by sales."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from guyub.core.money import split_largest_remainder

from .eligibility import ProductFacts, missing_for_channel, valid_kinds
from .models import Bundle, BundleItem, Certificate, Channel, Product

# Certificates this close to their expiry date are flagged wherever they show.
EXPIRY_WARNING_DAYS = 60


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
    return readiness([product], on)[product.pk]


def readiness(products, on: dt.date | None = None) -> dict[int, list[dict]]:
    """channel_report for many products in a fixed number of queries (list pages)."""
    on = on or timezone.localdate()
    products = list(products)
    certs = certificates_for(products)
    channels = list(Channel.objects.filter(active=True))
    requested = defaultdict(set)
    for product_id, channel_id in Product.channels.through.objects.filter(
            product__in=products).values_list("product_id", "channel_id"):
        requested[product_id].add(channel_id)
    report = {}
    for product in products:
        facts = facts_for(product, certs[product.pk], on)
        report[product.pk] = [
            {"channel": channel, "missing": missing, "eligible": not missing,
             "requested": channel.pk in requested[product.pk]}
            for channel in channels
            for missing in [missing_for_channel(facts, channel.rules)]
        ]
    return report


def product_list(*, q: str = "", status: str = "", category=None, member=None,
                 channel=None) -> QuerySet[Product]:
    """The catalog as officers see it, filtered. Runs in the cooperative's scope."""
    products = Product.objects.select_related("member", "category").prefetch_related("photos")
    if status:
        products = products.filter(status=status)
    if category:
        products = products.filter(category=category)
    if member:
        products = products.filter(member=member)
    if channel:
        products = products.filter(channels=channel)
    q = q.strip()
    if q:
        products = products.filter(Q(name__icontains=q) | Q(barcode=q)
                                   | Q(member__business_name__icontains=q)
                                   | Q(member__owner_name__icontains=q))
    return products.order_by("name", "id")


def curation_queue() -> QuerySet[Product]:
    """Products waiting for a decision, the longest-waiting first."""
    return (Product.objects.filter(status=Product.Status.SUBMITTED)
            .select_related("member", "category").order_by("updated_at", "id"))


def member_certificates(member) -> QuerySet[Certificate]:
    return Certificate.objects.filter(member=member).select_related("product")


def certificate_status(certificate: Certificate, today: dt.date) -> str:
    """'expired', 'expiring' (within EXPIRY_WARNING_DAYS) or 'valid'."""
    if certificate.expires_on is not None and certificate.expires_on < today:
        return "expired"
    if certificate.expires_within(EXPIRY_WARNING_DAYS, today):
        return "expiring"
    return "valid"


def with_status(certificates, today: dt.date | None = None) -> list[Certificate]:
    """The certificates, each carrying `.state` for the templates' badges."""
    today = today or timezone.localdate()
    certificates = list(certificates)
    for certificate in certificates:
        certificate.state = certificate_status(certificate, today)
    return certificates


def needing_attention(certificates: list[Certificate]) -> list[Certificate]:
    """Of certificates carrying `.state`: the expired or soon-expiring ones that no
    certificate of the same kind covering the same products replaces (a renewal is
    often recorded as a new certificate, and the old one should stop nagging)."""
    in_force = [c for c in certificates if c.state == "valid"]

    def replaced(old: Certificate) -> bool:
        return any(new.kind == old.kind and new.member_id == old.member_id
                   and new.product_id in (None, old.product_id) for new in in_force)

    return [c for c in certificates if c.state != "valid" and not replaced(c)]


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
    return stock_of(list(bundle.items.select_related("product")))


def stock_of(items: list[BundleItem]) -> int:
    # The scarcest component decides; a bundle with no components has none to sell.
    return min((item.product.stock // item.quantity for item in items), default=0)


def bundles_with_items():
    return Bundle.objects.prefetch_related(
        Prefetch("items", queryset=BundleItem.objects.select_related("product__member")))


def bundle_shares(bundle: Bundle) -> list[tuple[object, Decimal]]:
    """Each member's share of one bundle sold: the bundle price split in proportion to
    the agreed prices of their components, adding up exactly to the price."""
    items = list(bundle.items.all())
    if not items:
        return []
    parts = split_largest_remainder(bundle.price, [item.agreed_price for item in items])
    shares: dict[int, list] = {}
    for item, part in zip(items, parts, strict=True):
        member = item.product.member
        shares.setdefault(member.pk, [member, Decimal(0)])[1] += part
    return [(member, amount) for member, amount in shares.values()]


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


def expiring_certificates(days: int = EXPIRY_WARNING_DAYS, today: dt.date | None = None):
    today = today or timezone.localdate()
    return Certificate.objects.filter(
        expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=days)
    ).select_related("member", "product").order_by("expires_on")


def expired_certificates(today: dt.date | None = None, limit: int = 50):
    """Certificates no longer in force, the most recently expired first."""
    today = today or timezone.localdate()
    return (Certificate.objects.filter(expires_on__lt=today)
            .select_related("member", "product").order_by("-expires_on")[:limit])
