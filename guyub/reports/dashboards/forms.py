"""The dashboards' period and comparison picker (a GET form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .periods import CHOICES, DEFAULT


class PeriodForm(forms.Form):
    periode = forms.ChoiceField(
        label=_("Periode"), choices=CHOICES, required=False,
        error_messages={"invalid_choice": _(
            "Periode “%(value)s” tidak dikenal. Pilih bulan ini, tahun ini, atau tahun lalu.")})
    banding = forms.BooleanField(label=_("Bandingkan dengan periode sebelumnya"),
                                 required=False)

    def clean_periode(self):
        return self.cleaned_data.get("periode") or DEFAULT
