"""Form fields for the way Indonesians type numbers."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _


class RupiahField(forms.DecimalField):
    """Whole rupiah as people type them: 30000, 30.000, Rp30.000 or Rp30.000,00.

    `accept_minus` lets a leading minus through parsing, so that `min_value` can say
    "tidak boleh negatif" instead of "not a number".
    """

    accept_minus = False
    default_error_messages = {
        "invalid": _("Masukkan jumlah rupiah utuh, misalnya 30000 atau 30.000."),
    }
    _pattern = re.compile(r"^(-?)(\d{1,3}(\.\d{3})+|\d+)(,0+)?$")

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 0)
        super().__init__(**kwargs)
        self.widget.input_type = "text"
        self.widget.attrs.update(inputmode="numeric", autocomplete="off")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().removeprefix("Rp").removeprefix("rp").strip().replace(" ", "")
        match = self._pattern.match(text)
        if not match or (match.group(1) and not self.accept_minus):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return Decimal(text.split(",")[0].replace(".", ""))
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class GroupedDigitsField(forms.CharField):
    """A number people type in groups: 0245-01-001873-30-2, 0245 0100 1873 302 or
    0245.01.001873.30.2. Only the spaces, dots and dashes are removed here; anything
    else (a letter, a slash) is left for the model's validators to refuse by name."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="numeric", autocomplete="off")

    def to_python(self, value):
        return re.sub(r"[\s.\-]", "", super().to_python(value))


class CompactCodeField(forms.CharField):
    """A code such as a QRIS NMID: spaces removed, letters upper-cased (id102… → ID102…)."""

    def to_python(self, value):
        return re.sub(r"\s", "", super().to_python(value)).upper()
