"""The catalog's set-up forms: categories and market channels."""


from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.catalog.models import (
    Category,
    Certificate,
    Channel,
)


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "is_food", "commission_pct"]

class ChannelForm(forms.ModelForm):
    required_certificates = forms.MultipleChoiceField(
        label=_("Sertifikat wajib lain"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=Certificate.Kind.choices,
        help_text=_("Berlaku untuk semua produk di saluran ini, pangan maupun bukan."))

    class Meta:
        model = Channel
        fields = ["code", "name", "description", "requires_barcode", "requires_food_permit",
                  "requires_halal_for_food", "requires_hs_code", "required_certificates",
                  "active"]
        help_texts = {"code": _("Huruf kecil, angka dan garis bawah; tidak dapat diubah.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Orders and reports refer to a channel by its code.
            del self.fields["code"]
