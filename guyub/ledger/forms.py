from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Account

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AsOfForm(forms.Form):
    as_of = forms.DateField(label=_("Per tanggal"), required=False, widget=DATE)

    def as_of_date(self):
        if self.is_valid() and self.cleaned_data["as_of"]:
            return self.cleaned_data["as_of"]
        return timezone.localdate()


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Dari"), required=False, widget=DATE)
    end = forms.DateField(label=_("Sampai"), required=False, widget=DATE)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        return cleaned


class JournalFilterForm(PeriodForm):
    q = forms.CharField(label=_("Cari keterangan"), required=False, max_length=100)
    account = forms.ModelChoiceField(label=_("Akun"), required=False,
                                     queryset=Account.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = Account.objects.order_by("code")


class AccountForm(forms.ModelForm):
    class Meta:
        model = Account
        fields = ["code", "name", "type"]

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.replace(".", "").replace("-", "").isalnum():
            raise forms.ValidationError(_("Kode akun hanya boleh huruf, angka, titik dan '-'."))
        return code


class ReverseForm(forms.Form):
    date = forms.DateField(label=_("Tanggal pembalikan"), widget=DATE)
    reason = forms.CharField(label=_("Alasan"), max_length=200)


class CloseForm(forms.Form):
    through = forms.DateField(label=_("Tutup buku sampai tanggal"), widget=DATE)

    def clean_through(self):
        through = self.cleaned_data["through"]
        if through >= timezone.localdate():
            raise forms.ValidationError(_("Hanya periode yang sudah lewat yang dapat ditutup."))
        return through
