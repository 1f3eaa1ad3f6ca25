"""Which market channel may carry a product: the pure rules, then with real rows."""

import datetime as dt
from types import SimpleNamespace

import pytest

from guyub.catalog.eligibility import (
    ChannelRules,
    ProductFacts,
    missing_for_channel,
    valid_kinds,
)

MODERN_RETAIL = ChannelRules(requires_barcode=True, requires_food_permit=True,
                             requires_halal_for_food=True)
EXPORT = ChannelRules(requires_barcode=True, requires_hs_code=True,
                      required_certificates=("sni",))
LOCAL = ChannelRules()


def facts(*certs, food=True, barcode=True, hs=False):
    return ProductFacts(is_food=food, has_barcode=barcode, has_hs_code=hs,
                        certificates=frozenset(certs))


@pytest.mark.parametrize("product, rules, missing", [
    # Modern retail: barcode, PIRT or BPOM MD, and halal, for food.
    (facts("pirt", "halal"), MODERN_RETAIL, []),
    (facts("bpom_md", "halal"), MODERN_RETAIL, []),
    (facts("halal"), MODERN_RETAIL, ["izin edar pangan (PIRT atau BPOM MD)"]),
    (facts("pirt"), MODERN_RETAIL, ["sertifikat halal"]),
    (facts("pirt", "halal", barcode=False), MODERN_RETAIL, ["barcode EAN-13"]),
    (facts(barcode=False), MODERN_RETAIL,
     ["barcode EAN-13", "izin edar pangan (PIRT atau BPOM MD)", "sertifikat halal"]),
    # Food permits and halal are asked of food only: a batik shirt needs neither.
    (facts(food=False), MODERN_RETAIL, []),
    (facts(food=False, barcode=False), MODERN_RETAIL, ["barcode EAN-13"]),
    # Export: an HS code and the named certificates, food or not.
    (facts("sni", food=False, hs=True), EXPORT, []),
    (facts("sni", food=False), EXPORT, ["kode HS untuk ekspor"]),
    (facts(food=False, hs=True), EXPORT, ["SNI"]),
    (facts("pirt", "halal", hs=True), EXPORT, ["SNI"]),
    # A channel without rules takes everything.
    (facts(food=True, barcode=False), LOCAL, []),
])
def test_missing_for_channel_names_exactly_what_is_missing(product, rules, missing):
    assert missing_for_channel(product, rules) == missing


def test_a_certificate_asked_twice_is_named_once():
    rules = ChannelRules(requires_halal_for_food=True, required_certificates=("halal",))
    assert missing_for_channel(facts("pirt"), rules) == ["sertifikat halal"]


def cert(kind, expires_on):
    return SimpleNamespace(kind=kind, expires_on=expires_on)


TODAY = dt.date(2026, 3, 1)


@pytest.mark.parametrize("expires_on, counts", [
    (None, True),                              # no expiry date: in force
    (TODAY + dt.timedelta(days=1), True),
    (TODAY, True),                             # valid through its last day
    (TODAY - dt.timedelta(days=1), False),     # expired yesterday: does not count
])
def test_only_certificates_in_force_count(expires_on, counts):
    assert ("halal" in valid_kinds([cert("halal", expires_on)], TODAY)) is counts


def test_an_expired_halal_certificate_keeps_food_out_of_modern_retail():
    certificates = [cert("pirt", None), cert("halal", TODAY - dt.timedelta(days=3))]
    product = ProductFacts(is_food=True, has_barcode=True, has_hs_code=False,
                           certificates=valid_kinds(certificates, TODAY))
    assert missing_for_channel(product, MODERN_RETAIL) == ["sertifikat halal"]


# --- the same rules on real rows: the product page's report -------------------------


def test_the_channel_report_counts_the_makers_general_certificates_and_not_expired_ones(
        coop, member_client, food, make_product, in_scope):
    from guyub.catalog import selectors, services
    from guyub.catalog.models import Certificate

    member = member_client.member
    product = make_product(member, food)
    today = dt.date.today()
    with in_scope():
        # PIRT for the whole kitchen (no product), halal for this product but expired.
        services.add_certificate(certificate=Certificate(
            cooperative=coop, member=member, kind="pirt", number="P-IRT 2063404010123-28"),
            actor=None)
        services.add_certificate(certificate=Certificate(
            cooperative=coop, member=member, product=product, kind="halal",
            number="ID34110000123450123", expires_on=today - dt.timedelta(days=1)), actor=None)
        report = {r["channel"].code: r["missing"] for r in selectors.channel_report(product)}
    assert report["lokal"] == []
    assert report["ritel_modern"] == ["sertifikat halal"]
    assert report["ekspor"] == ["sertifikat halal", "kode HS untuk ekspor"]
