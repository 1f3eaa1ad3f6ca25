"""Which market channel may carry a product, and what is missing (pure, no database).

A channel's rules say what it needs; a product's facts say what it has. The result
is the list of what is missing, in words a member understands; empty means eligible.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

CERT_LABELS = {
    "pirt": "PIRT",
    "bpom_md": "BPOM MD",
    "halal": "sertifikat halal",
    "sni": "SNI",
}


@dataclass(frozen=True)
class ChannelRules:
    requires_barcode: bool = False
    requires_food_permit: bool = False  # PIRT or BPOM MD, for food and drink
    requires_halal_for_food: bool = False
    requires_hs_code: bool = False
    required_certificates: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProductFacts:
    is_food: bool
    has_barcode: bool
    has_hs_code: bool
    # Certificate kinds valid on the day asked about (expired ones do not count).
    certificates: frozenset[str] = field(default_factory=frozenset)


def missing_for_channel(facts: ProductFacts, rules: ChannelRules) -> list[str]:
    missing = []
    if rules.requires_barcode and not facts.has_barcode:
        missing.append(_("barcode EAN-13"))
    if rules.requires_food_permit and facts.is_food and not (
            {"pirt", "bpom_md"} & facts.certificates):
        missing.append(_("izin edar pangan (PIRT atau BPOM MD)"))
    if rules.requires_halal_for_food and facts.is_food and "halal" not in facts.certificates:
        missing.append(_("sertifikat halal"))
    if rules.requires_hs_code and not facts.has_hs_code:
        missing.append(_("kode HS untuk ekspor"))
    for kind in rules.required_certificates:
        if kind not in facts.certificates:
            missing.append(CERT_LABELS.get(kind, kind))
    # One wording per item even when two rules ask for the same certificate.
    return list(dict.fromkeys(missing))


def valid_kinds(certificates, on: dt.date) -> frozenset[str]:
    """Kinds of the given certificates that are in force on `on`."""
    return frozenset(c.kind for c in certificates if c.expires_on is None or c.expires_on >= on)
