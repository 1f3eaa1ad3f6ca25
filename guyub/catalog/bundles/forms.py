"""The bundle form and its component rows."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.catalog.models import (
    Bundle,
    BundleItem,
    Product,
)
from guyub.core.fields import RupiahField


class BundleForm(forms.ModelForm):
    class Meta:
        model = Bundle
        fields = ["name", "description", "price", "active"]
        field_classes = {"price": RupiahField}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

class BundleItemForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Produk"), queryset=Product.objects.none(),
                                     required=False, empty_label=_("— pilih produk —"))
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, required=False)
    agreed_price = RupiahField.for_column(BundleItem, "agreed_price", min_value=1,
                                          required=False)

    def __init__(self, *args, products=None, **kwargs):
        super().__init__(*args, **kwargs)
        if products is not None:
            self.fields["product"].queryset = products
        self.fields["product"].label_from_instance = (
            lambda p: f"{p.name} — {p.member.business_name} (stok {p.stock})")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("product") and not self.errors:
            for name in ("quantity", "agreed_price"):
                if cleaned.get(name) is None:
                    self.add_error(name, _("Wajib diisi untuk produk yang dipilih."))
        elif not cleaned.get("product") and (cleaned.get("quantity") or
                                              cleaned.get("agreed_price")):
            self.add_error("product", _("Pilih produknya."))
        return cleaned


BundleItemFormSet = forms.formset_factory(BundleItemForm, extra=3, max_num=20,
                                          validate_max=True)

def bundle_rows(formset) -> list[tuple[Product, int, Decimal]]:
    return [(f.cleaned_data["product"], f.cleaned_data["quantity"],
             f.cleaned_data["agreed_price"])
            for f in formset if f.cleaned_data.get("product")]
