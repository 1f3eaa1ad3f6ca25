from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField

from .models import SimpananTransaction

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
METHODS = SimpananTransaction.Method.choices


class _Base(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DATE, initial=timezone.localdate)
    method = forms.ChoiceField(label=_("Cara bayar"), choices=METHODS, initial="cash")

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Tanggal tidak boleh di masa depan."))
        return date


class WajibPaymentForm(_Base):
    months = forms.IntegerField(label=_("Jumlah bulan"), min_value=1, max_value=60, initial=1)


class SukarelaForm(_Base):
    amount = RupiahField.for_column(SimpananTransaction, "amount", label=_("Jumlah (Rp)"),
                                    min_value=1)
    note = forms.CharField(label=_("Catatan"), required=False, max_length=200)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Dari"), required=False, widget=DATE)
    end = forms.DateField(label=_("Sampai"), required=False, widget=DATE)


class AsOfForm(forms.Form):
    as_of = forms.DateField(label=_("Per tanggal"), required=False, widget=DATE)
