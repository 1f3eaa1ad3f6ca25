"""NIK, NIB and phone numbers as people type them."""

import pytest
from django.core.exceptions import ValidationError

from guyub.members.validators import normalize_phone, validate_nib, validate_nik

# Sleman (34 04 01), born 15 January 1970, serial 0001.
VALID_NIK = "3404011501700001"


def fullwidth(digits: str) -> str:
    return "".join(chr(0xFF10 + int(d)) for d in digits)


@pytest.mark.parametrize("nik", [
    VALID_NIK,
    "3404015501700001",  # a woman: day 15 + 40
    "3171017112990123",  # a woman born 31 December (71 = 31 + 40), DKI Jakarta
    "3404012902000001",  # 29 February 2000 (a leap year in the 2000s)
    "9701010101019999",  # Papua Pegunungan, a new province code
    "1101010101010001",  # Aceh, the first province code
])
def test_it_accepts_a_plausible_nik(nik):
    validate_nik(nik)


@pytest.mark.parametrize("nik, code", [
    ("", "nik_format"),
    ("340401150170001", "nik_format"),  # 15 digits
    ("34040115017000011", "nik_format"),  # 17 digits
    ("3404O11501700001", "nik_format"),  # letter O instead of zero
    ("3404 0115 0170 0001", "nik_format"),
    (fullwidth(VALID_NIK), "nik_format"),  # looks like digits, is not ASCII
    ("0004011501700001", "nik_province"),
    ("2004011501700001", "nik_province"),  # 20 is no province
    ("9904011501700001", "nik_province"),
    ("3404010001700001", "nik_birth_date"),  # day 00
    ("3404013201700001", "nik_birth_date"),  # day 32 (a man)
    ("3404014001700001", "nik_birth_date"),  # day 40: neither a man's nor a woman's day
    ("3404017201700001", "nik_birth_date"),  # day 72 = woman's 32
    ("3404011500700001", "nik_birth_date"),  # month 00
    ("3404011513700001", "nik_birth_date"),  # month 13
    ("3404013002700001", "nik_birth_date"),  # 30 February
    ("3404012902010001", "nik_birth_date"),  # 29 February in 1901/2001: not leap years
    ("3404016902010001", "nik_birth_date"),  # same, for a woman (69 = 29 + 40)
    ("3404011501700000", "nik_serial"),
])
def test_it_rejects_an_impossible_nik_with_the_reason(nik, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_nik(nik)
    assert excinfo.value.code == code


def test_it_rejects_nik_with_superscript_digits_instead_of_crashing():
    # "²" passes str.isdigit() but int() refuses it: this was a 500 on the form.
    with pytest.raises(ValidationError):
        validate_nik("340401²501700001")


def test_it_explains_a_wrong_nik_in_indonesian():
    with pytest.raises(ValidationError) as excinfo:
        validate_nik("3404013201700001")
    assert "tanggal lahir" in excinfo.value.messages[0]


@pytest.mark.parametrize("nib", ["", "1234567890123", "0220001234567"])
def test_it_accepts_an_empty_or_13_digit_nib(nib):
    validate_nib(nib)


@pytest.mark.parametrize("nib", [
    "123456789012",  # 12
    "12345678901234",  # 14
    "12345678901a3",
    "1234 567890123",
    "١٢٣٤٥٦٧٨٩٠١٢٣",  # Arabic-Indic digits
])
def test_it_rejects_a_nib_that_is_not_13_ascii_digits(nib):
    with pytest.raises(ValidationError, match="NIB harus 13 digit"):
        validate_nib(nib)


@pytest.mark.parametrize("typed, stored", [
    ("0812-3456-7890", "+6281234567890"),
    ("081234567890", "+6281234567890"),
    ("6281234567890", "+6281234567890"),
    ("62 812-3456-7890", "+6281234567890"),
    ("+62 812 3456 7890", "+6281234567890"),
    ("+6281234567890", "+6281234567890"),
    ("  0812 3456 7890  ", "+6281234567890"),
    ("(0274) 512-345", "+62274512345"),  # a landline in Yogyakarta
    ("", ""),
    ("   ", ""),
])
def test_it_normalises_phone_numbers_to_e164(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed, message", [
    ("0812", "tidak valid"),
    ("12345", "tidak valid"),
    ("0812345678901234567", "tidak"),
    ("abc", "tidak dapat dibaca"),
    ("telepon saya", "tidak dapat dibaca"),
])
def test_it_rejects_a_phone_number_that_cannot_be_dialled(typed, message):
    with pytest.raises(ValidationError) as excinfo:
        normalize_phone(typed)
    assert message in excinfo.value.messages[0]
