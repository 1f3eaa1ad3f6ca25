"""The usage report's period."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_DAYS = 366


def _month_start():
    return timezone.localdate().replace(day=1)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Dari"), widget=DATE, initial=_month_start)
    end = forms.DateField(label=_("Sampai"), widget=DATE, initial=timezone.localdate)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Tanggal akhir harus sesudah tanggal awal."))
            elif (end - start).days >= MAX_DAYS:
                self.add_error("end", _("Periode paling panjang satu tahun."))
            elif start < dt.date(2000, 1, 1) or end > dt.date(2999, 12, 31):
                self.add_error("start", _("Tanggal di luar jangkauan."))
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return _month_start(), timezone.localdate()
