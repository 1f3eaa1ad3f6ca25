"""Form fields for the way Indonesians type numbers."""

import re
from decimal import Decimal

from django import forms
from django.core import validators
from django.utils.translation import gettext_lazy as _

from .money import format_rupiah


class RupiahField(forms.DecimalField):
    """Whole rupiah as people type them: 500000, 500.000, Rp500.000, Rp 500.000,
    Rp500.000,00 or Rp500.000,-. The one money field of every form.

    Sen are refused in plain words (a rupiah amount has none), and the limits are shown
    as rupiah: the largest amount is what the column it is stored in holds (a ModelForm
    passes the column's max_digits; `for_column` does the same for a plain form).
    """

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Tulis jumlah rupiah dengan angka, misalnya 90.000."),
        "sen": _("Tulis jumlah rupiah tanpa sen, misalnya 90.000."),
        "negative": _("Jumlah tidak boleh negatif."),
        # "limit_value", Django's own name: a ModelForm puts these messages on the
        # model's MinValueValidator errors too, with that parameter.
        "min_value": _("Jumlah paling sedikit %(limit_value)s."),
        "max_value": _("Jumlah paling banyak %(limit_value)s."),
    }
    _prefix = re.compile(r"^rp\.?", re.IGNORECASE)
    # ",00" and ",-" (Rp90.000,-) close a whole amount; "90,000" is not ninety thousand
    # here (it would be 90 with sen in Indonesian) and is refused rather than guessed.
    _whole = re.compile(r"^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,00|,-)?$")
    _with_sen = re.compile(r"^-?(\d{1,3}(?:\.\d{3})+|\d+)[.,]\d{1,2}$")

    def __init__(self, *, min_value=0, max_value=None, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 0)
        # The limits are checked here, with rupiah in the message, not by Django's
        # validators ("Pastikan nilai ini ... 99999999999999").
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators
                           if not isinstance(v, (validators.DecimalValidator,
                                                 validators.MinValueValidator,
                                                 validators.MaxValueValidator))]
        whole_digits = self.max_digits - (self.decimal_places or 0)
        self.min_value = None if min_value is None else Decimal(min_value)
        self.max_value = Decimal(max_value) if max_value is not None \
            else Decimal(10) ** whole_digits - 1

    @classmethod
    def for_column(cls, model, name: str, **kwargs) -> "RupiahField":
        """The field for a model's money column: its label and its largest amount."""
        column = model._meta.get_field(name)
        kwargs.setdefault("label", column.verbose_name[:1].upper() + column.verbose_name[1:])
        return cls(max_digits=column.max_digits, decimal_places=column.decimal_places,
                   **kwargs)

    def widget_attrs(self, widget):
        # A text box: a number box refuses "500.000" before the server sees it.
        return {"inputmode": "numeric", "autocomplete": "off"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            text = str(value)
        else:
            text = str(value).strip().replace("\u00a0", " ")
            text = self._prefix.sub("", text).replace(" ", "")
        match = self._whole.match(text)
        if match:
            amount = Decimal(match.group(2).replace(".", ""))
            return -amount if match.group(1) else amount
        if self._with_sen.match(text):
            raise forms.ValidationError(self.error_messages["sen"], code="sen")
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            if self.min_value == 0:
                raise forms.ValidationError(self.error_messages["negative"], code="min_value")
            raise forms.ValidationError(self.error_messages["min_value"], code="min_value",
                                        params={"limit_value": format_rupiah(self.min_value)})
        if value > self.max_value:
            raise forms.ValidationError(self.error_messages["max_value"], code="max_value",
                                        params={"limit_value": format_rupiah(self.max_value)})


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
