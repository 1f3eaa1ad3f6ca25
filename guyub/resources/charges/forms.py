"""Forms of a booking's money and hand-over pages: what staff type, within the
columns' limits; the rules (order of steps, amounts owed) are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField

from ..assets.services import MAX_PHOTO_BYTES
from ..bookings.models import Booking, Handover

MONEY = [("cash", _("Tunai")), ("bank", _("Transfer bank"))]
PAY_METHODS = [*MONEY, ("sukarela", _("Dari simpanan sukarela"))]


class PhotoField(forms.ImageField):
    def __init__(self, **kwargs):
        super().__init__(label=_("Foto kondisi"), required=False,
                         widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
                         help_text=_("JPG, PNG atau WebP, paling besar 8 MB."), **kwargs)

    def clean(self, data, initial=None):
        photo = super().clean(data, initial)
        if photo and photo.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("Foto terlalu besar (maksimal 8 MB)."))
        return photo


def _condition():
    return forms.CharField(label=_("Kondisi aset"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=Handover._meta.get_field("condition").max_length,
                           help_text=_("Apa yang terlihat: bersih, lecet, bagian yang kurang."))


class PayForm(forms.Form):
    method = forms.ChoiceField(label=_("Cara bayar"), choices=PAY_METHODS,
                               widget=forms.RadioSelect)

    def __init__(self, *args, member: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not member:
            self.fields["method"].choices = MONEY


class CheckOutForm(forms.Form):
    condition = _condition()
    photo = PhotoField()
    deposit_method = forms.ChoiceField(label=_("Uang jaminan diterima lewat"), choices=MONEY)


class CheckInForm(forms.Form):
    condition = _condition()
    photo = PhotoField()
    damaged = forms.BooleanField(label=_("Ada kerusakan"), required=False)
    damage_charge = RupiahField.for_column(Booking, "damage_charge",
                                           label=_("Biaya kerusakan (Rp)"), required=False,
                                           help_text=_("Dipotong dari uang jaminan dulu."))
    refund_method = forms.ChoiceField(label=_("Sisa jaminan dikembalikan lewat"),
                                      choices=MONEY)

    def clean(self):
        data = super().clean()
        if data.get("damage_charge") and not data.get("damaged"):
            self.add_error("damage_charge",
                           _("Biaya kerusakan hanya bila ada kerusakan (centang)."))
        return data
