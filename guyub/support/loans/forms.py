"""Forms of the loan pages: they parse what people type within the columns' limits; the
by-law rules (ceiling, maximum term, four eyes) are the services'."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField
from guyub.members.models import Member

from .models import MAX_TERM_MONTHS, Loan, LoanSettings, Method, PayMethod

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CASH_OR_BANK = [(PayMethod.CASH.value, PayMethod.CASH.label),
                (PayMethod.BANK.value, PayMethod.BANK.label)]
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class SettingsForm(forms.ModelForm):
    class Meta:
        model = LoanSettings
        fields = ["ceiling_multiple", "max_term_months", "monthly_rate_pct", "default_method",
                  "grace_days"]


def _term_field():
    return forms.IntegerField(label=_("Jangka waktu (bulan)"), min_value=1,
                              max_value=MAX_TERM_MONTHS,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))


class ApplyForm(forms.Form):
    """An application: by the member (no member field) or by staff for a member."""

    amount = RupiahField.for_column(Loan, "amount", label=_("Jumlah pinjaman (Rp)"),
                                    min_value=1)
    term_months = _term_field()
    method = forms.ChoiceField(label=_("Metode bunga"), choices=Method.choices)
    purpose = forms.CharField(label=_("Keperluan"), widget=TEXTAREA,
                              max_length=Loan._meta.get_field("purpose").max_length)

    def __init__(self, *args, with_member=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_member:
            self.fields["member"] = forms.ModelChoiceField(
                label=_("Anggota"),
                queryset=Member.objects.filter(status=Member.Status.ACTIVE).order_by("number"))
            self.order_fields(["member", "amount", "term_months", "method", "purpose"])


class AssessForm(forms.Form):
    note = forms.CharField(label=_("Catatan penilaian"), widget=TEXTAREA,
                           max_length=Loan._meta.get_field("assessment").max_length)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Keputusan"), widget=forms.RadioSelect,
                                 choices=[("approve", _("Setujui")), ("reject", _("Tolak"))])
    reason = forms.CharField(label=_("Alasan penolakan"), required=False, widget=TEXTAREA,
                             max_length=Loan._meta.get_field("rejection_reason").max_length)


class DisburseForm(forms.Form):
    date = forms.DateField(label=_("Tanggal pencairan"), widget=DATE,
                           initial=timezone.localdate)
    via = forms.ChoiceField(label=_("Dicairkan lewat"), choices=PayMethod.choices)
    first_due = forms.DateField(label=_("Angsuran pertama jatuh tempo"), widget=DATE,
                                required=False,
                                help_text=_("Kosongkan: sebulan setelah pencairan."))


class PayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal bayar"), widget=DATE, initial=timezone.localdate)
    via = forms.ChoiceField(label=_("Cara bayar"), choices=PayMethod.choices)


class RestructureForm(forms.Form):
    term_months = _term_field()
    monthly_rate_pct = forms.DecimalField(label=_("Jasa per bulan (%)"), min_value=0,
                                          max_value=10, max_digits=5, decimal_places=2)
    method = forms.ChoiceField(label=_("Metode bunga"), choices=Method.choices)
    first_due = forms.DateField(label=_("Angsuran pertama jatuh tempo"), widget=DATE)
    reason = forms.CharField(label=_("Alasan restrukturisasi"), widget=TEXTAREA,
                             max_length=2000)
