"""Forms of the fund's pages: they parse what people type within the columns' limits;
the rules (which way in suits which source, four eyes, the fund's balance) are the
services'."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField
from guyub.members.models import Member

from .models import Contribution, Grant

TEXTAREA = forms.Textarea(attrs={"rows": 4})
MAX_PHOTO_BYTES = 8 * 1024 * 1024


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_number} {obj.owner_name} ({obj.business_name})"


def _members():
    return Member.objects.filter(status=Member.Status.ACTIVE).order_by("number", "id")


class ContributionForm(forms.Form):
    source = forms.ChoiceField(label=_("Sumber"), choices=Contribution.Source.choices)
    member = MemberChoice(label=_("Anggota (bila dari anggota)"), queryset=Member.objects.none(),
                          required=False)
    donor_name = forms.CharField(label=_("Nama donatur (bila dari luar)"), required=False,
                                 max_length=Contribution._meta.get_field("donor_name").max_length)
    method = forms.ChoiceField(
        label=_("Cara"), choices=Contribution.Method.choices,
        help_text=_("Dari koperasi: penyisihan SHU. Dari simpanan sukarela: hanya untuk "
                    "anggota, atas permintaannya."))
    amount = RupiahField.for_column(Contribution, "amount", min_value=1)
    date = forms.DateField(label=_("Tanggal"), initial=timezone.localdate)
    note = forms.CharField(label=_("Catatan"), required=False,
                           max_length=Contribution._meta.get_field("note").max_length)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = _members()


def _reason_field(label):
    return forms.CharField(label=label, widget=TEXTAREA,
                           max_length=Grant._meta.get_field("reason").max_length)


class GrantRequestForm(forms.Form):
    category = forms.ChoiceField(label=_("Kategori"), choices=Grant.Category.choices)
    amount_requested = RupiahField.for_column(Grant, "amount_requested", min_value=1,
                                              label=_("Jumlah yang diminta (Rp)"))
    reason = _reason_field(_("Alasan"))
    photo = forms.ImageField(label=_("Lampiran/foto (boleh kosong)"), required=False)

    def __init__(self, *args, on_behalf=False, **kwargs):
        super().__init__(*args, **kwargs)
        if on_behalf:
            self.fields["member"] = MemberChoice(label=_("Anggota"), queryset=_members())
            self.order_fields(["member", "category", "amount_requested", "reason", "photo"])

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("Foto terlalu besar (maksimal 8 MB)."))
        return photo


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Keputusan"), widget=forms.RadioSelect,
                                 choices=[("approve", _("Setujui")), ("refuse", _("Tolak"))])
    amount = RupiahField.for_column(
        Grant, "amount_approved", label=_("Jumlah disetujui (Rp)"), required=False,
        min_value=1, help_text=_("Kosongkan untuk menyetujui sebesar yang diminta."))
    note = _reason_field(_("Pertimbangan"))


class PayForm(forms.Form):
    method = forms.ChoiceField(label=_("Cara bayar"), choices=Grant.Method.choices)
    date = forms.DateField(label=_("Tanggal"), initial=timezone.localdate)
