"""What the JSON API accepts before any schema sees it.

Python's json module takes things no column can hold: a lone UTF-16 surrogate
("\\ud800") cannot be encoded for the database or the response, PostgreSQL refuses a
NUL in text, `NaN`/`Infinity` are not JSON at all, and an integer of thousands of
digits is work for nothing. Each used to surface somewhere deep (a form, a service, the
database) as a 500; refused here once, every operation is covered, and the client
hears which field was wrong, in the documented {"detail", "errors"} shape.
"""

import json
import math
import re

from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.parser import Parser

from .limits import MAX_INTEGER

# No column in Guyub holds more than 20 digits; a few more leave room for the schemas
# and forms to give their own, more precise message ("at most ...").
MAX_NUMBER_CHARS = 40

# A lone surrogate in a Python str (from a JSON "\ud800" escape), or NUL.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable_text_message(text: str) -> str:
    if "\x00" in text:
        # The words Django's forms use for the same thing.
        return str(ProhibitNullCharactersValidator.message)
    return _("Teks berisi kode Unicode yang tidak lengkap (surrogate tunggal) dan tidak "
             "dapat disimpan.")


class BadBody(Exception):
    """The body parsed, but holds values no field can take: {field: [messages]}."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class _Refused:
    """Stands in for a value json.loads met, until the walk knows the field's name."""

    def __init__(self, message: str):
        self.message = message


def _number_too_long() -> _Refused:
    return _Refused(_("Angka terlalu panjang."))


def _parse_int(text: str):
    if len(text) > MAX_NUMBER_CHARS:
        return _number_too_long()
    value = int(text)
    return value if abs(value) <= MAX_INTEGER else _Refused(_("Angka terlalu besar."))


def _parse_float(text: str):
    if len(text) > MAX_NUMBER_CHARS:
        return _number_too_long()
    value = float(text)
    # 1e400 parses to inf: as unusable as a literal Infinity.
    return value if math.isfinite(value) else _Refused(_("Harus berupa angka yang terhingga."))


def _parse_constant(_name: str) -> _Refused:
    return _Refused(_("NaN dan Infinity bukan angka yang sah; kirim angka biasa."))


def _walk(value, path: list[str], errors: dict[str, list[str]]) -> None:
    name = ".".join(path) or "__all__"
    if isinstance(value, _Refused):
        errors.setdefault(name, []).append(value.message)
    elif isinstance(value, str):
        if UNSTORABLE.search(value):
            errors.setdefault(name, []).append(unstorable_text_message(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            if UNSTORABLE.search(key):
                errors.setdefault("__all__", []).append(unstorable_text_message(key))
                continue
            _walk(item, [*path, key], errors)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, [*path, str(index)], errors)


class GuardedJSONParser(Parser):
    def parse_body(self, request):
        data = json.loads(request.body, parse_int=_parse_int, parse_float=_parse_float,
                          parse_constant=_parse_constant)
        errors: dict[str, list[str]] = {}
        _walk(data, [], errors)
        if errors:
            # django-ninja wraps whatever the parser raises in a 400 "Cannot parse";
            # the API's handler finds this as its cause and answers 422 per field.
            raise BadBody(errors)
        return data


def refuse_unknown_query_parameters(api) -> None:
    """A misspelt filter (`date_from` for `start`) used to be ignored silently, so the
    client got every row and believed them filtered: name it in a 422 instead.

    Each operation's query parameters are one model class that django-ninja shares
    between the router and the copies it mounts, so the check is set on that class."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    if getattr(model, "__ninja_param_source__", None) == "query":
                        _guard(model)


def _guard(model) -> None:
    allowed = set(getattr(model, "__ninja_flatten_map__", None) or {
        field.alias or name for name, field in model.model_fields.items()})
    read = model.get_request_data

    def get_request_data(cls, request, api, path_params):
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            known = ", ".join(sorted(allowed))
            raise ValidationError([{"type": "query_unknown", "loc": ("query", key), "msg": "",
                                    "ctx": {"known": known}} for key in unknown])
        return read(request, api, path_params)

    model.get_request_data = classmethod(get_request_data)


def too_big_response(request):
    """A body past DATA_UPLOAD_MAX_MEMORY_SIZE (or with too many fields): 413 in the
    documented shape. Answered by the API's handler and by the input guard middleware
    (for form bodies, which Django reads before any view)."""
    from django.http import JsonResponse

    message = _("Isi permintaan terlalu besar.")
    # With its charset, as every other API answer (django-ninja's renderer) says it.
    return JsonResponse({"detail": message, "errors": {"__all__": [message]}}, status=413,
                        content_type="application/json; charset=utf-8")
