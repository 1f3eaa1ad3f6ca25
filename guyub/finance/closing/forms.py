"""The adjustment form: its date and reason, and its lines (a formset)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField
from guyub.ledger.models import Account
from guyub.ledger.services import Line
from guyub.members.models import Member

from .services import REASON_MAX

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The largest member number a PositiveIntegerField holds on every database.
MEMBER_NUMBER_MAX = 2_147_483_647


class AdjustmentForm(forms.Form):
    date = forms.DateField(label=_("Tanggal penyesuaian"), widget=DATE,
                           help_text=_("Di dalam tahun buku yang dikoreksi."))
    reason = forms.CharField(label=_("Alasan penyesuaian"), max_length=REASON_MAX,
                             widget=forms.Textarea(attrs={"rows": 3}))


class AdjustmentLineForm(forms.Form):
    account = forms.ModelChoiceField(
        label=_("Akun"), queryset=Account.objects.none(), required=False,
        error_messages={"invalid_choice": _("Akun ini tidak ada di koperasi ini.")})
    member = forms.IntegerField(label=_("No. anggota (boleh kosong)"), required=False,
                                min_value=1, max_value=MEMBER_NUMBER_MAX)
    debit = RupiahField(label=_("Debit (Rp)"), required=False)
    credit = RupiahField(label=_("Kredit (Rp)"), required=False)

    def __init__(self, *args, cooperative=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cooperative = cooperative
        self.fields["account"].queryset = Account.objects.filter(
            cooperative=cooperative).order_by("code")

    def clean_member(self):
        number = self.cleaned_data["member"]
        if number is None:
            return None
        member = Member.objects.filter(cooperative=self.cooperative, number=number).first()
        if member is None:
            raise forms.ValidationError(_("Tidak ada anggota bernomor %(n)s."),
                                        params={"n": number})
        return member

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        debit, credit = cleaned.get("debit") or 0, cleaned.get("credit") or 0
        if cleaned.get("account"):
            if (debit > 0) == (credit > 0):
                self.add_error("debit", _("Isi debit atau kredit, salah satu saja."))
        elif debit or credit or cleaned.get("member"):
            self.add_error("account", _("Pilih akunnya."))
        return cleaned

    def line(self) -> Line | None:
        data = self.cleaned_data
        if not data.get("account"):
            return None
        return Line(account=data["account"], debit=data.get("debit") or 0,
                    credit=data.get("credit") or 0, member=data.get("member"))


AdjustmentLineFormSet = forms.formset_factory(AdjustmentLineForm, extra=4, max_num=30,
                                              validate_max=True)


def adjustment_lines(formset) -> list[Line]:
    return [line for line in (f.line() for f in formset) if line is not None]
