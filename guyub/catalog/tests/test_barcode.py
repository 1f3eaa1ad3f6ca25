"""EAN-13: the check digit, validation, and the in-store codes the cooperative gives."""

import pytest

from guyub.catalog.barcode import ean13_check_digit, generate_ean13, is_valid_ean13


@pytest.mark.parametrize("first12, check", [
    ("400638133393", "1"),   # a real GTIN printed on a retail pack
    ("899276113608", "6"),   # GS1 Indonesia prefix 899
    ("000000000000", "0"),
    ("200010000001", "4"),
])
def test_the_check_digit_follows_the_gs1_weights(first12, check):
    assert ean13_check_digit(first12) == check


@pytest.mark.parametrize("bad", ["40063813339", "4006381333931", "40063813339A",
                                 "４００６３８１３３３９３"])
def test_the_check_digit_needs_exactly_twelve_ascii_digits(bad):
    with pytest.raises(ValueError):
        ean13_check_digit(bad)


@pytest.mark.parametrize("code, valid", [
    ("4006381333931", True),
    ("4006381333932", False),      # check digit off by one
    ("400638133393", False),       # 12 digits
    ("40063813339311", False),     # 14 digits
    ("400638133393X", False),
    ("４００６３８１３３３９３１", False),  # full-width digits pass isdigit(), not the scanner
])
def test_is_valid_ean13(code, valid):
    assert is_valid_ean13(code) is valid


def test_generated_codes_are_valid_in_store_codes_unique_per_product():
    codes = {generate_ean13(7, product_id) for product_id in range(1, 2001)}
    assert len(codes) == 2000
    assert all(is_valid_ean13(c) and c.startswith("20007") for c in codes)
    assert generate_ean13(7, 1) != generate_ean13(8, 1)


def test_a_product_without_a_barcode_gets_one_and_an_own_barcode_is_kept(
        member_client, crafts, make_product):
    generated = make_product(member_client.member, crafts, barcode="")
    own = make_product(member_client.member, crafts, name="Tas Anyaman",
                       barcode="8992761136086")
    assert is_valid_ean13(generated.barcode) and generated.barcode.startswith("2")
    assert generated.barcode == generate_ean13(generated.cooperative_id, generated.pk)
    assert own.barcode == "8992761136086"
