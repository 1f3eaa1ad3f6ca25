from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .selectors import BREAKDOWNS, month_start

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_DAYS = 366 * 5


class ReportForm(forms.Form):
    """The period of a report; empty dates mean the last twelve months."""

    start = forms.DateField(label=_("Dari"), required=False, widget=DATE)
    end = forms.DateField(label=_("Sampai"), required=False, widget=DATE)
    by = forms.ChoiceField(label=_("Menurut"), required=False, widget=forms.HiddenInput,
                           choices=list(BREAKDOWNS.items()))

    def __init__(self, *args, default_by="member", choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_by = default_by
        if choices is not None:
            self.fields["by"].choices = [(k, v) for k, v in BREAKDOWNS.items() if k in choices]

    def clean(self):
        cleaned = super().clean()
        end = cleaned.get("end") or timezone.localdate()
        start = cleaned.get("start") or month_start(end, 11)
        if "start" in self.errors or "end" in self.errors:
            return cleaned
        if start > end:
            self.add_error("end", _("Tanggal akhir harus sesudah tanggal awal."))
        elif (end - start).days > MAX_DAYS:
            self.add_error("start", _("Periode laporan paling panjang lima tahun."))
        cleaned.update(start=start, end=end, by=cleaned.get("by") or self.default_by)
        return cleaned
