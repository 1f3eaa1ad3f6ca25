"""The year picker of the finance pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class YearForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun buku"), coerce=int, choices=())

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(y, str(y)) for y in years]

    def year(self, default: int) -> int:
        """The year asked for, or `default` (a year not offered is not an error page)."""
        return self.cleaned_data["tahun"] if self.is_valid() else default
