"""Forms of the attendance pages: what people type, within the columns' limits; the
rules (notice days, the door's hours, proxy caps) are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

NUMBER = forms.NumberInput(attrs={"inputmode": "numeric"})


class AdjournForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penundaan"), max_length=500,
                             initial=_("Kuorum tidak tercapai."),
                             widget=forms.Textarea(attrs={"rows": 2}))


class ReconveneForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Waktu rapat lanjutan"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                   format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)


class DoorForm(forms.Form):
    """The door's one field: a member number typed, or a card's code scanned (a USB or
    Bluetooth scanner types it and presses Enter)."""

    code = forms.CharField(label=_("Nomor anggota atau kode QR"), max_length=500,
                           widget=forms.TextInput(attrs={
                               "autofocus": True, "autocomplete": "off",
                               "autocapitalize": "off", "spellcheck": "false"}))


class ProxyForm(forms.Form):
    grantor = forms.IntegerField(label=_("Nomor anggota pemberi kuasa"), min_value=1,
                                 max_value=2_000_000_000, widget=NUMBER)
    holder = forms.IntegerField(label=_("Nomor anggota penerima kuasa"), min_value=1,
                                max_value=2_000_000_000, widget=NUMBER)


class MyProxyForm(forms.Form):
    holder = forms.IntegerField(label=_("Nomor anggota yang Anda beri kuasa"), min_value=1,
                                max_value=2_000_000_000, widget=NUMBER)
