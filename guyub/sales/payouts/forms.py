"""The payout page's form: the period to pay and where the money goes out from."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..fulfilment.forms import DATE, PAY_FROM


class PayoutPeriodForm(forms.Form):
    start = forms.DateField(label=_("Penjualan dari tanggal"), widget=DATE,
                            error_messages={"required": _("Tanggal awal wajib diisi.")})
    end = forms.DateField(label=_("sampai tanggal"), widget=DATE,
                          error_messages={"required": _("Tanggal akhir wajib diisi.")})
    method = forms.ChoiceField(label=_("Dibayar lewat"), choices=PAY_FROM, initial="bank")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("Tanggal akhir harus sesudah tanggal awal."))
            elif end > timezone.localdate():
                self.add_error("end", _("Penjualan yang belum terjadi tidak dapat dibayarkan."))
            elif end - start > dt.timedelta(days=366 * 3):
                self.add_error("start", _("Periode pembayaran paling panjang tiga tahun."))
        return cleaned
