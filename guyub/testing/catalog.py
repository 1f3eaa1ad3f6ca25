"""Catalog objects for tests: approved products of one member, a certificate, a bundle."""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope
from PIL import Image

from guyub.catalog import services
from guyub.catalog.models import Bundle, Category, Certificate, Channel, Product


def approved_product(*, member, actor, category, name, price, stock, **fields) -> Product:
    """A product created, submitted and approved the way the pages do it."""
    product = services.save_product(
        product=Product(cooperative=member.cooperative, member=member, name=name,
                        category=category, net_weight_grams=fields.pop("grams", 250),
                        price=Decimal(price), stock=stock, **fields),
        actor=actor)
    services.submit(product=product, actor=actor)
    return services.review(product=product, actor=actor, outcome="approve")


def catalog_world(cooperative, user, member) -> dict:
    """`member`'s two approved batik products, a certificate, a bundle of both, and a
    category and market channel for the pages that point at one."""
    with scope(cooperative=cooperative):
        category = Category.objects.create(cooperative=cooperative, name="Batik dan kain")
        shirt = approved_product(member=member, actor=user, category=category,
                                 name="Kemeja Batik Tulis Parang", price="350000", stock=8,
                                 grams=300)
        scarf = approved_product(member=member, actor=user, category=category,
                                 name="Selendang Batik Cap", price="150000", stock=5)
        certificate = services.add_certificate(
            certificate=Certificate(cooperative=cooperative, member=member, product=shirt,
                                    kind=Certificate.Kind.SNI, number="SNI 8302:2016-0042",
                                    issuer="LSPro Balai Besar Kerajinan dan Batik",
                                    expires_on=timezone.localdate() + dt.timedelta(days=400)),
            actor=user)
        bundle = services.save_bundle(
            bundle=Bundle(cooperative=cooperative, name="Paket Batik Jogja",
                          price=Decimal("450000"), created_by=user),
            items=[(shirt, 1, Decimal("320000")), (scarf, 1, Decimal("140000"))], actor=user)
        channel = Channel.objects.get(code="ekspor")
    return {"product": shirt, "certificate": certificate, "category": category,
            "bundle": bundle, "channel": channel}


def png_upload(name="keripik.png", size=(1200, 900)) -> SimpleUploadedFile:
    """A real PNG upload, as a phone's photo would arrive."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 150, 60)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
