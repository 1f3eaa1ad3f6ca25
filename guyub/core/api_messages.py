"""Indonesian wording for the API's schema validation errors.

django-ninja validates request schemas with pydantic, whose messages are English;
members and staff integrating with the API should read the same language as the
pages. An error type not listed here still gets words in the user's language (the
general "not valid" below), never pydantic's English.
"""

from django import forms
from django.utils.translation import gettext as _


def _messages() -> dict[str, str]:
    return {
        # The same words the forms use for an empty required field.
        "missing": str(forms.Field.default_error_messages["required"]),
        "string_type": _("Harus berupa teks."),
        "string_too_short": _("Terlalu pendek."),
        "string_too_long": _("Terlalu panjang (maksimal %(max_length)s karakter)."),
        "int_type": _("Harus bilangan bulat."),
        "int_parsing": _("Harus bilangan bulat."),
        "int_from_float": _("Harus bilangan bulat."),
        "float_parsing": _("Harus berupa angka."),
        "float_type": _("Harus berupa angka."),
        "decimal_parsing": _("Harus berupa angka."),
        "decimal_type": _("Harus berupa angka."),
        "decimal_max_digits": _("Angka terlalu besar."),
        "decimal_whole_digits": _("Angka terlalu besar."),
        "decimal_max_places": _("Harus rupiah utuh (tanpa desimal)."),
        "finite_number": _("Harus berupa angka."),
        "bool_parsing": _("Harus true atau false."),
        "bool_type": _("Harus true atau false."),
        "date_parsing": _("Tanggal tidak valid; pakai format YYYY-MM-DD."),
        "date_from_datetime_parsing": _("Tanggal tidak valid; pakai format YYYY-MM-DD."),
        "date_from_datetime_inexact": _("Tanggal tidak valid; pakai format YYYY-MM-DD."),
        "date_type": _("Tanggal tidak valid; pakai format YYYY-MM-DD."),
        "datetime_parsing": _("Waktu tidak valid; pakai format ISO 8601."),
        "greater_than": _("Harus lebih dari %(gt)s."),
        "greater_than_equal": _("Minimal %(ge)s."),
        "less_than": _("Harus kurang dari %(lt)s."),
        "less_than_equal": _("Maksimal %(le)s."),
        "literal_error": _("Pilihan tidak dikenal; pilih salah satu: %(expected)s."),
        "enum": _("Pilihan tidak dikenal; pilih salah satu: %(expected)s."),
        "model_type": _("Harus berupa objek JSON."),
        "model_attributes_type": _("Harus berupa objek JSON."),
        "dict_type": _("Harus berupa objek JSON."),
        "list_type": _("Harus berupa daftar."),
        "too_short": _("Terlalu sedikit (minimal %(min_length)s)."),
        "too_long": _("Terlalu banyak (maksimal %(max_length)s)."),
        "json_invalid": _("JSON tidak valid."),
        "extra_forbidden": _("Isian ini tidak dikenal."),
        # Raised by core/api_input.py for a query parameter the operation does not take.
        "query_unknown": _("Parameter ini tidak dikenal; yang dikenal: %(known)s."),
        "string_unicode": _("Harus berupa teks."),
        "string_pattern_mismatch": _("Formatnya tidak sesuai."),
        "int_parsing_size": _("Angka terlalu besar."),
        "date_future": _("Tanggal harus di masa depan."),
        "date_past": _("Tanggal harus di masa lalu."),
        "datetime_type": _("Waktu tidak valid; pakai format ISO 8601."),
        "datetime_from_date_parsing": _("Waktu tidak valid; pakai format ISO 8601."),
        "timezone_aware": _("Waktu harus menyertakan zona waktu."),
        "multiple_of": _("Harus kelipatan %(multiple_of)s."),
        "union_tag_invalid": _("Pilihan tidak dikenal."),
    }


def indonesian(item: dict) -> str:
    if item.get("type") == "value_error" and (item.get("ctx") or {}).get("error"):
        # A validator of ours raised ValueError with words written for the user.
        return str(item["ctx"]["error"])
    template = _messages().get(item.get("type", ""))
    if template is None:
        return _("Nilai tidak valid.")
    context = {k: str(v) for k, v in (item.get("ctx") or {}).items()}
    try:
        return template % context if "%(" in template else template
    except (KeyError, ValueError):
        return template.split("%(")[0].rstrip(" (:;") + "."
