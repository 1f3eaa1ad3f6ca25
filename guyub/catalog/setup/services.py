"""Writes of the catalog's set-up: market channels (with their rules) and categories."""

from dataclasses import asdict

from django.db import transaction
from django.utils.translation import gettext as _

from guyub.catalog.models import Category, Certificate, Channel
from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative

# (code, name, description, rules): the cooperative may edit these afterwards.
DEFAULT_CHANNELS = [
    ("lokal", "Ritel lokal", "Toko oleh-oleh, warung dan pasar sekitar", {}),
    ("ritel_modern", "Ritel modern", "Minimarket dan supermarket",
     {"requires_barcode": True, "requires_food_permit": True, "requires_halal_for_food": True}),
    ("regional", "Regional", "Pembeli antarprovinsi dan marketplace",
     {"requires_food_permit": True, "requires_halal_for_food": True}),
    ("ekspor", "Ekspor", "Pembeli luar negeri",
     {"requires_barcode": True, "requires_hs_code": True, "requires_food_permit": True,
      "requires_halal_for_food": True}),
]


def create_default_channels(*, cooperative: Cooperative) -> None:
    Channel.objects.bulk_create(
        [Channel(cooperative=cooperative, code=code, name=name, description=desc, **rules)
         for code, name, desc, rules in DEFAULT_CHANNELS],
        ignore_conflicts=True,
    )


@transaction.atomic
def save_category(*, category: Category, actor) -> Category:
    category.name = " ".join(category.name.split())
    taken = Category.objects.filter(cooperative=category.cooperative,
                                    name__iexact=category.name)
    if category.pk:
        taken = taken.exclude(pk=category.pk)
    if taken.exists():
        raise DomainError(_("Kategori dengan nama ini sudah ada."), field="name")
    creating = category.pk is None
    category.save()
    log_action(cooperative=category.cooperative, actor=actor,
               action="category.created" if creating else "category.updated", obj=category,
               is_food=category.is_food, commission_pct=category.commission_pct)
    return category


@transaction.atomic
def save_channel(*, channel: Channel, actor) -> Channel:
    """Create a market channel or change its rules; the rules take effect at once on
    every product's eligibility (nothing is stored per product)."""
    taken = Channel.objects.filter(cooperative=channel.cooperative, code=channel.code)
    if channel.pk:
        taken = taken.exclude(pk=channel.pk)
    if taken.exists():
        raise DomainError(_("Kode saluran ini sudah dipakai."), field="code")
    unknown = set(channel.required_certificates or ()) - set(Certificate.Kind.values)
    if unknown:
        raise DomainError(_("Jenis sertifikat tidak dikenal."), field="required_certificates")
    creating = channel.pk is None
    channel.save()
    log_action(cooperative=channel.cooperative, actor=actor,
               action="channel.created" if creating else "channel.updated", obj=channel,
               rules=asdict(channel.rules), active=channel.active)
    return channel
