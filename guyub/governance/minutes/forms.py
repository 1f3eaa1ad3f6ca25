"""The signing form of the minutes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import NAME_MAX

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SignForm(forms.Form):
    chair_name = forms.CharField(label=_("Nama pimpinan rapat"), max_length=NAME_MAX)
    secretary_name = forms.CharField(label=_("Nama sekretaris rapat"), max_length=NAME_MAX)
    signed_on = forms.DateField(label=_("Tanggal tanda tangan"), widget=DATE)
