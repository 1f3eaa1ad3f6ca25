"""Validators for Indonesian identity and business numbers, with messages in Bahasa Indonesia."""

import datetime as dt

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guyub.core.regions import PROVINCES


def _ascii_digits(value: str, length: int) -> bool:
    # str.isdigit() also says yes to "²", "３" or "٣": those would be stored as a
    # NIK/NIB no office recognises, and int() crashes on some of them (a 500).
    return len(value) == length and value.isascii() and value.isdigit()


def validate_nik(value: str) -> None:
    """NIK: 16 digits = province(2) regency(2) district(2) birth date DDMMYY (+40 on
    the day for women) and a 4-digit serial that is never 0000."""
    value = value or ""
    if not _ascii_digits(value, 16):
        raise ValidationError(_("NIK harus 16 digit angka."), code="nik_format")
    if value[:2] not in PROVINCES:
        raise ValidationError(_("Dua digit pertama NIK bukan kode provinsi yang dikenal."),
                              code="nik_province")
    day, month, year = int(value[6:8]), int(value[8:10]), int(value[10:12])
    if day > 40:
        day -= 40
    if not _is_real_date(day, month, year):
        raise ValidationError(_("Bagian tanggal lahir pada NIK (digit 7–12) tidak masuk akal."),
                              code="nik_birth_date")
    if value[12:] == "0000":
        raise ValidationError(_("Nomor urut NIK (4 digit terakhir) tidak boleh 0000."),
                              code="nik_serial")


def _is_real_date(day: int, month: int, two_digit_year: int) -> bool:
    # The century is not in the NIK; a date valid in either 19xx or 20xx is plausible.
    for century in (1900, 2000):
        try:
            dt.date(century + two_digit_year, month, day)
            return True
        except ValueError:
            continue
    return False


def validate_nib(value: str) -> None:
    if not value:
        return
    if not _ascii_digits(value, 13):
        raise ValidationError(_("NIB harus 13 digit angka (dari OSS)."), code="nib_format")


def normalize_phone(value: str) -> str:
    """Return the number in E.164 (+62…), or raise ValidationError.

    Accepts what people type: 0812-3456-7890, 62812…, +62 812 …
    """
    raw = (value or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "ID")
    except phonenumbers.NumberParseException:
        raise ValidationError(_("Nomor telepon tidak dapat dibaca."), code="phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Nomor telepon tidak valid."), code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
