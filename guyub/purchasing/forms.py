"""Form fields and forms every purchasing page shares: numbers as Indonesians type
them, date inputs, and the reason asked when something is called off."""

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


# Indonesian numbers: dots group thousands, a comma starts the decimals. Whole part
# either plain (1250) or grouped in threes (1.250, 12.500.000), decimals optional (2,5).
NUMBER = re.compile(r"^(-?)([1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,(\d+))?$")
# The same number written with a decimal point (2.5, 1,250.5): offered back the
# Indonesian way in the error message.
POINT_DECIMAL = re.compile(r"^-?(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)\.\d+$")


def typed_number(value) -> str:
    """A number as a person types it back into a field: Decimal("300.000") (three
    decimals in the database) as "300", 7.5 as "7,5", 1250 as "1250". Without a
    thousands dot, so there is nothing to misread; the field reads "1.250" too."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",")


class DecimalCommaField(forms.DecimalField):
    """A number as Indonesians type it, never negative: 1250 or 1.250 (dots only group
    thousands, in threes), 2,5 or 1.250,75 (a comma starts the decimals). A dot that is
    not a thousands dot ("2.5", "1.25") is refused, never guessed: a page shows 1250 kg
    as "1.250", and reading that back as 1,25 buys a thousand times too little.

    Values from the database are shown the same way (`typed_number`), so a form filled
    from a stored Decimal("300.000") never shows "300.000"."""

    default_error_messages = {
        "invalid": _("Masukkan angka, misalnya 25, 1.250 atau 2,5."),
        "point_decimal": _("Untuk desimal pakai koma, misalnya %(example)s. Titik hanya "
                           "pemisah ribuan, misalnya 1.250."),
        "max_decimal_places": _("Paling banyak tiga angka di belakang koma."),
        "max_digits": _("Jumlah terlalu besar."),
        "max_whole_digits": _("Jumlah terlalu besar."),
        "negative": _("Tidak boleh negatif."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 3)
        super().__init__(**kwargs)
        self.widget.input_type = "text"
        self.widget.attrs.update(inputmode="decimal", autocomplete="off")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str):
            return super().to_python(value)
        text = value.strip()
        match = NUMBER.match(text)
        if match:
            sign, whole, decimals = match.groups()
            number = sign + whole.replace(".", "") + (f".{decimals}" if decimals else "")
            return super().to_python(number)
        if POINT_DECIMAL.match(text):
            example = text.translate(str.maketrans(".,", ",."))
            raise forms.ValidationError(self.error_messages["point_decimal"],
                                        code="point_decimal", params={"example": example})
        if "." in text:
            raise forms.ValidationError(self.error_messages["point_decimal"],
                                        code="point_decimal", params={"example": "2,5"})
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        super().validate(value)
        if value is not None and value < 0:
            raise forms.ValidationError(self.error_messages["negative"], code="negative")

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return typed_number(value)
        return value  # what was typed (a form shown again), or nothing


class QuantityField(DecimalCommaField):
    """A quantity in the item's unit, up to three decimals. `positive` refuses 0 too."""

    default_error_messages = {"not_positive": _("Harus lebih dari 0.")}

    def __init__(self, *, positive=False, **kwargs):
        self.positive = positive
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if self.positive and value == 0:
            raise forms.ValidationError(self.error_messages["not_positive"],
                                        code="not_positive")


class CancelForm(forms.Form):
    """Calling off a round or a tender: the reason members and suppliers will read."""

    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))
