"""The catalog's writes on products (saving, tiers, photos, submission, curation),
certificates and bundles: the sub-packages' pages and the sales demo and tests call
them. The set-up's writes (channels, categories) are in setup/services.py."""

import io
import threading
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, UnidentifiedImageError

from guyub.core.audit import log_action
from guyub.core.errors import DomainError

from .barcode import generate_ean13, is_valid_ean13
from .models import (
    Bundle,
    BundleItem,
    Certificate,
    PriceTier,
    Product,
    ProductPhoto,
)

THUMBNAIL_SIZE = (480, 480)
MAX_PHOTO_BYTES = 8 * 1024 * 1024


def _check_barcode(product: Product) -> None:
    if not product.barcode:
        return
    if not is_valid_ean13(product.barcode):
        raise DomainError(_("Barcode harus EAN-13 yang sah (13 digit dengan digit cek benar)."),
                          field="barcode")
    # One code, one product: the till and the warehouse scan it to find exactly one.
    taken = Product.objects.filter(cooperative=product.cooperative, barcode=product.barcode)
    if product.pk:
        taken = taken.exclude(pk=product.pk)
    if taken.exists():
        raise DomainError(_("Barcode ini sudah dipakai produk lain di koperasi ini."),
                          field="barcode")


def check_tiers(price: Decimal, tiers: list[tuple[int, Decimal]]) -> None:
    """Wholesale tiers: distinct quantities from 2 up, each cheaper than the one before
    and all cheaper than the retail price (pure: no database)."""
    seen, last_price = set(), price
    for min_qty, tier_price in sorted(tiers):
        if min_qty < 2:
            raise DomainError(_("Harga grosir berlaku mulai pembelian 2 atau lebih."),
                              field="tiers")
        if tier_price < 1:
            raise DomainError(_("Harga grosir paling sedikit Rp1."), field="tiers")
        if min_qty in seen:
            raise DomainError(_("Jumlah minimal grosir tidak boleh sama."), field="tiers")
        if tier_price >= last_price:
            raise DomainError(_("Harga grosir harus turun ketika jumlah naik."), field="tiers")
        seen.add(min_qty)
        last_price = tier_price


@transaction.atomic
def save_product(*, product: Product, actor, channels=None, tiers=None) -> Product:
    """Create or update a product; a product without a barcode gets one generated.

    Every check runs before the first write, so a refused save leaves nothing behind
    (not even a half-created product the form would then think it is editing)."""
    creating = product.pk is None
    _check_barcode(product)
    if tiers is not None:
        check_tiers(product.price, tiers)
    if not creating and product.status == Product.Status.APPROVED:
        # Changing an approved product sends it back to curation.
        product.move_to(Product.Status.SUBMITTED)
    product.save()
    if not product.barcode:
        product.barcode = generate_ean13(product.cooperative_id, product.pk)
        product.save(update_fields=["barcode"])
    if channels is not None:
        product.channels.set(channels)
    if tiers is not None:
        set_tiers(product=product, tiers=tiers)
    log_action(cooperative=product.cooperative, actor=actor,
               action="product.created" if creating else "product.updated", obj=product)
    return product


def set_tiers(*, product: Product, tiers: list[tuple[int, Decimal]]) -> None:
    check_tiers(product.price, tiers)
    PriceTier.objects.filter(product=product).delete()
    PriceTier.objects.bulk_create([
        PriceTier(cooperative=product.cooperative, product=product, min_qty=q, price=p)
        for q, p in tiers
    ])


@transaction.atomic
def submit(*, product: Product, actor) -> Product:
    product = Product.objects.select_for_update().get(pk=product.pk)
    if not product.is_submittable:
        raise DomainError(_("Produk ini tidak sedang draf atau perlu perbaikan."))
    product.move_to(Product.Status.SUBMITTED)
    product.save(update_fields=["status", "updated_at"])
    log_action(cooperative=product.cooperative, actor=actor, action="product.submitted",
               obj=product)
    return product


REVIEW_OUTCOMES = {
    "approve": Product.Status.APPROVED,
    "changes": Product.Status.CHANGES,
    "reject": Product.Status.REJECTED,
}


@transaction.atomic
def review(*, product: Product, actor, outcome: str, note: str = "") -> Product:
    """Staff curation: approve, ask for changes, or reject (the last two need a reason)."""
    if outcome not in REVIEW_OUTCOMES:
        raise DomainError(_("Keputusan kurasi tidak dikenal."))
    product = Product.objects.select_for_update().get(pk=product.pk)
    # Moves this locked copy only: a refusal below rolls back, the caller's is untouched.
    product.move_to(REVIEW_OUTCOMES[outcome],
                    message=_("Hanya produk yang menunggu kurasi yang dapat diputuskan."))
    if outcome != "approve" and not note.strip():
        raise DomainError(_("Tuliskan alasannya untuk anggota."), field="note")
    product.review_note = note.strip()
    product.save(update_fields=["status", "review_note", "updated_at"])
    log_action(cooperative=product.cooperative, actor=actor, action=f"product.{outcome}",
               obj=product, note=note)
    return product


_STRICT_IMAGES = threading.Lock()


def _thumbnail(upload) -> io.BytesIO:
    # WeasyPrint switches Pillow to accepting truncated images process-wide when it
    # is imported; a half-uploaded photo must still be refused here.
    with _STRICT_IMAGES:
        lenient = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image = Image.open(upload)
            image.verify()
            upload.seek(0)
            image = Image.open(upload)
            image.thumbnail(THUMBNAIL_SIZE)
            thumb = io.BytesIO()
            image.convert("RGB").save(thumb, "JPEG", quality=82, optimize=True)
            return thumb
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient


@transaction.atomic
def add_photo(*, product: Product, actor, upload) -> ProductPhoto:
    """Store the photo and a small JPEG thumbnail (members browse on slow connections)."""
    if upload.size > MAX_PHOTO_BYTES:
        raise DomainError(_("Foto terlalu besar (maksimal 8 MB)."), field="photo")
    try:
        thumb = _thumbnail(upload)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        raise DomainError(_("Berkas bukan gambar yang dapat dibaca."), field="photo") from None
    upload.seek(0)
    photo = ProductPhoto(cooperative=product.cooperative, product=product,
                         position=product.photos.count())
    photo.image.save(Path(upload.name).name, upload, save=False)
    photo.thumbnail.save(f"{Path(upload.name).stem}-kecil.jpg", ContentFile(thumb.getvalue()),
                         save=False)
    photo.save()
    log_action(cooperative=product.cooperative, actor=actor, action="product.photo_added",
               obj=product)
    return photo


def _check_certificate(certificate: Certificate) -> None:
    if certificate.product_id and certificate.product.member_id != certificate.member_id:
        raise DomainError(_("Produk ini bukan milik anggota tersebut."), field="product")
    if (certificate.issued_on and certificate.expires_on
            and certificate.expires_on < certificate.issued_on):
        raise DomainError(_("Tanggal berlaku harus setelah tanggal terbit."), field="expires_on")


@transaction.atomic
def add_certificate(*, certificate: Certificate, actor) -> Certificate:
    _check_certificate(certificate)
    certificate.save()
    log_action(cooperative=certificate.cooperative, actor=actor, action="certificate.added",
               obj=certificate)
    return certificate


@transaction.atomic
def update_certificate(*, certificate: Certificate, actor) -> Certificate:
    """Correct a certificate or record its renewal (new number, new expiry)."""
    _check_certificate(certificate)
    certificate.save()
    log_action(cooperative=certificate.cooperative, actor=actor, action="certificate.updated",
               obj=certificate, number=certificate.number, expires_on=certificate.expires_on)
    return certificate


@transaction.atomic
def save_bundle(*, bundle: Bundle, items: list[tuple[Product, int, Decimal]], actor) -> Bundle:
    """A bundle needs at least two products; each component carries its agreed price."""
    if len(items) < 2:
        raise DomainError(_("Paket berisi paling sedikit dua produk."), field="items")
    products = [p for p, _q, _a in items]
    if len({p.pk for p in products}) != len(products):
        raise DomainError(_("Satu produk hanya boleh muncul sekali dalam paket."), field="items")
    if any(q < 1 or a < 1 for _p, q, a in items):
        raise DomainError(_("Jumlah dan harga kesepakatan tiap produk paling sedikit 1."),
                          field="items")
    if any(p.status != Product.Status.APPROVED for p in products):
        raise DomainError(_("Hanya produk yang sudah disetujui yang bisa masuk paket."),
                          field="items")
    creating = bundle.pk is None
    bundle.save()
    BundleItem.objects.filter(bundle=bundle).delete()
    BundleItem.objects.bulk_create([
        BundleItem(cooperative=bundle.cooperative, bundle=bundle, product=p, quantity=q,
                   agreed_price=a)
        for p, q, a in items
    ])
    log_action(cooperative=bundle.cooperative, actor=actor,
               action="bundle.created" if creating else "bundle.updated", obj=bundle)
    return bundle
