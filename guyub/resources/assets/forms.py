"""Forms of the asset pages. Ranges come from the columns (rates: 12 digits; units 1 to
1000), so nothing a browser sends reaches the database as an overflow; the rules that
need the database (a unique name, an active member) are the services'."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField

from .models import MAX_UNITS, Asset, AssetPhoto, Qualification
from .services import MAX_PHOTO_BYTES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 4})


class AssetForm(forms.ModelForm):
    units = forms.IntegerField(
        label=_("Jumlah satuan"), min_value=1, max_value=MAX_UNITS, initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Lebih dari 1 bila dapat dibagi, mis. 6 rak ruang pendingin."),
        error_messages={"min_value": _("Jumlah satuan paling sedikit 1."),
                        "max_value": _("Jumlah satuan paling banyak %(limit_value)s.")})

    class Meta:
        model = Asset
        fields = ["name", "kind", "location", "description", "usage_rules", "units",
                  "unit_label", "fee_basis", "member_rate", "non_member_rate", "deposit",
                  "requires_approval", "required_training", "free_cancel_hours",
                  "weekly_cap_hours", "maintenance_every_days", "last_maintained_on"]
        field_classes = {"member_rate": RupiahField, "non_member_rate": RupiahField,
                         "deposit": RupiahField}
        widgets = {"description": TEXTAREA, "usage_rules": TEXTAREA,
                   "last_maintained_on": DATE}
        help_texts = {
            "required_training": _("Kosongkan bila siapa pun boleh memakai. Bila diisi, "
                                   "hanya anggota yang dicatat terlatih yang dapat memesan."),
            "weekly_cap_hours": _("Untuk aset yang banyak diminati; kosongkan bila tanpa "
                                  "batas."),
            "maintenance_every_days": _("Kosongkan bila tidak ada jadwal perawatan."),
            "member_rate": _("Menurut dasar tarif: per jam, per hari, atau per satuan per "
                             "pemakaian."),
        }

    def clean_last_maintained_on(self):
        value = self.cleaned_data.get("last_maintained_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Tanggal perawatan tidak boleh di masa depan."))
        return value

    def clean(self):
        data = super().clean()
        if (data.get("units") or 1) > 1 and not (data.get("unit_label") or "").strip():
            self.add_error("unit_label", _("Tulis nama satuan untuk aset yang dapat dibagi, "
                                           "mis. rak."))
        return data


class PhotoForm(forms.Form):
    image = forms.ImageField(label=_("Foto"),
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
                             help_text=_("JPG, PNG atau WebP, paling besar 8 MB."))
    caption = forms.CharField(label=_("Keterangan foto"), required=False,
                              max_length=AssetPhoto._meta.get_field("caption").max_length)

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and image.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("Foto terlalu besar (maksimal 8 MB)."))
        return image


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.owner_name} ({obj.business_name})"


class QualificationForm(forms.Form):
    member = MemberChoice(label=_("Anggota"), queryset=None)
    granted_on = forms.DateField(label=_("Tanggal pelatihan"), widget=DATE,
                                 initial=timezone.localdate)
    note = forms.CharField(label=_("Catatan"), required=False,
                           max_length=Qualification._meta.get_field("note").max_length,
                           help_text=_("Mis. nama pelatihan atau nomor sertifikat."))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].error_messages.update(
            invalid_choice=_("Pilih anggota aktif dari daftar."))


class MaintainedForm(forms.Form):
    on = forms.DateField(label=_("Tanggal perawatan selesai"), widget=DATE,
                         initial=timezone.localdate)
