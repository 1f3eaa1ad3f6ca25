"""Forms of the delivery pages: the by-law setting, a member's quality check, the
buyer's payment and the members' payment run. Ranges match the columns, so nothing a
browser sends can reach the database as an overflow."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.catalog.services import MAX_PHOTO_BYTES

from ..negotiation.models import MAX_QUANTITY
from .models import ContractSettings, MemberPayment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
METHODS = [("bank", _("Transfer bank")), ("cash", _("Tunai"))]


def quantity(label, **kwargs):
    return forms.IntegerField(label=label, min_value=0, max_value=MAX_QUANTITY,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                              **kwargs)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ContractSettings
        fields = ["member_payment_days", "fee_pct"]
        help_texts = {
            "member_payment_days": _("Menurut anggaran dasar/ART: berapa hari setelah barang "
                                     "lolos uji mutu anggota sudah dibayar, berapa pun jangka "
                                     "pembayaran pembeli."),
            "fee_pct": _("Anggota menerima harga kontrak dikurangi persentase ini; selisihnya "
                         "pendapatan koperasi."),
        }


class CheckForm(forms.Form):
    received = quantity(_("Jumlah diterima"))
    accepted = quantity(_("Lolos uji mutu"))
    rejected = quantity(_("Ditolak"), initial=0)
    reason = forms.CharField(label=_("Alasan penolakan"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Wajib bila ada yang ditolak."))
    photo = forms.ImageField(label=_("Foto (bila ditolak)"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
                             help_text=_("JPG, PNG atau WebP, paling besar 8 MB."))
    returned = quantity(_("Dikembalikan ke anggota"), initial=0)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("Foto terlalu besar (maksimal 8 MB)."))
        return photo


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Tanggal bayar"), widget=DATE,
                              initial=timezone.localdate)
    method = forms.ChoiceField(label=_("Cara bayar"), choices=METHODS)


class MemberPayForm(PaidForm):
    payments = forms.ModelMultipleChoiceField(label="", queryset=MemberPayment.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payments"].queryset = MemberPayment.objects.filter(
            cooperative=cooperative, status=MemberPayment.Status.DUE)
        self.fields["payments"].error_messages.update(
            required=_("Centang paling sedikit satu pembayaran."),
            invalid_choice=_("Pembayaran yang dicentang sudah dibayar atau tidak ada."),
            invalid_pk_value=_("Pilihan tidak valid."))
