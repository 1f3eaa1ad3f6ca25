"""Forms of the supplier, item and price list pages."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField

from ..forms import DATE, QuantityField
from .models import Item, PriceList, Supplier
from .selectors import supplier_users


def scoped_formfield(field, **kwargs):
    """Relations to tenant-scoped models start with an empty queryset (the real one is
    built inside a request's scope, in the form's __init__)."""
    model = getattr(field, "related_model", None)
    if model is not None and hasattr(model._default_manager, "with_scopes_disabled"):
        kwargs["queryset"] = model.objects.none()
    return field.formfield(**kwargs)


class SupplierForm(forms.ModelForm):
    class Meta:
        model = Supplier
        fields = ["name", "user", "contact_name", "phone", "email", "address", "npwp"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}
        labels = {"user": _("Akun portal pemasok")}

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = supplier_users(cooperative)
        self.fields["user"].empty_label = _("— tanpa akun —")
        self.fields["user"].help_text = _("Pengguna dengan peran pemasok di koperasi ini. Ia "
                                          "melihat pesanan pembelian untuk pemasok ini.")
        self.fields["phone"].widget.attrs.update(inputmode="tel", placeholder="0812…")


class ItemForm(forms.ModelForm):
    retail_reference_price = RupiahField(
        label=_("Harga beli sendiri per satuan (Rp)"), min_value=0,
        help_text=_("Harga yang dibayar anggota bila membeli sendiri di pasar: pembanding "
                    "untuk laporan penghematan."))

    class Meta:
        model = Item
        fields = ["name", "unit", "retail_reference_price"]


class PriceListForm(forms.ModelForm):
    pack_size = QuantityField(label=_("Isi per kemasan"),
                              help_text=_("Misalnya 50 untuk karung 50 kg."))
    min_order_qty = QuantityField(label=_("Minimal pesanan"), required=False,
                                  help_text=_("Jumlah paling sedikit yang mau dikirim "
                                              "pemasok; kosongkan bila tidak ada."))

    class Meta:
        model = PriceList
        formfield_callback = scoped_formfield
        fields = ["item", "pack_size", "min_order_qty", "valid_from", "valid_until"]
        labels = {"item": _("Barang")}
        widgets = {"valid_from": DATE, "valid_until": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = Item.objects.order_by("name")
        self.fields["item"].empty_label = _("— pilih barang —")

    def clean_pack_size(self):
        value = self.cleaned_data["pack_size"]
        if value is not None and value <= 0:
            raise forms.ValidationError(_("Isi per kemasan harus lebih dari 0."))
        return value


class TierForm(forms.Form):
    from_qty = QuantityField(label=_("Mulai jumlah"), required=False)
    unit_price = RupiahField(label=_("Harga per satuan (Rp)"), min_value=1, required=False)

    def clean(self):
        cleaned = super().clean()
        filled = [cleaned.get("from_qty") is not None, cleaned.get("unit_price") is not None]
        if any(filled) and not all(filled) and not self.errors:
            raise forms.ValidationError(_("Isi jumlah dan harganya, atau kosongkan keduanya."))
        return cleaned


TierFormSet = forms.formset_factory(TierForm, extra=4, max_num=10, validate_max=True)


def tier_rows(formset) -> list[tuple[Decimal, Decimal]]:
    return [(f.cleaned_data["from_qty"], f.cleaned_data["unit_price"]) for f in formset
            if f.cleaned_data.get("from_qty") is not None]
