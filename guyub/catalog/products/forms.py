"""Product forms: the product, its wholesale tiers and photos, curation, the list filter."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guyub.catalog.barcode import ean13_check_digit
from guyub.catalog.form_fields import scoped_formfield
from guyub.catalog.models import (
    Category,
    Channel,
    PriceTier,
    Product,
)
from guyub.catalog.services import MAX_PHOTO_BYTES
from guyub.core.fields import RupiahField
from guyub.members.models import Member


def barcode_error(code: str) -> str | None:
    """What is wrong with a typed EAN-13, in words; None when it is fine."""
    if len(code) != 13 or not (code.isascii() and code.isdigit()):
        return _("Barcode EAN-13 terdiri dari tepat 13 angka (sekarang %(n)s karakter).") % {
            "n": len(code)}
    expected = ean13_check_digit(code[:12])
    if code[12] != expected:
        return _("Digit cek barcode salah: angka terakhir seharusnya %(d)s. Periksa kembali "
                 "angka pada kemasan.") % {"d": expected}
    return None

PRODUCT_FIELDS = [
    "name", "category", "description", "story", "unit", "net_weight_grams", "price", "stock",
    "min_order_qty", "barcode", "hs_code", "channels",
]

class ProductForm(forms.ModelForm):
    """One product form: a member edits their own; curators also choose the maker on
    creation and may set a special commission."""

    # Longer than the stored codes: people type them with spaces and dots, cleaned below.
    barcode = forms.CharField(
        label=_("Barcode EAN-13"), max_length=24, required=False,
        help_text=_("Kosongkan bila belum punya: koperasi membuatkan barcode toko."))
    hs_code = forms.CharField(
        label=_("Kode HS"), max_length=16, required=False,
        help_text=_("Untuk ekspor, 6–10 digit, misalnya 090121 untuk kopi sangrai."))

    class Meta:
        model = Product
        fields = ["member", *PRODUCT_FIELDS, "commission_pct"]
        formfield_callback = scoped_formfield
        labels = {"member": _("Anggota pembuat")}
        field_classes = {"price": RupiahField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "story": forms.Textarea(attrs={"rows": 3}),
            "channels": forms.CheckboxSelectMultiple,
        }
        help_texts = {"channels": _("Saluran pasar yang ingin Anda masuki.")}

    def __init__(self, *args, curator: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if curator and self.instance.pk is None:
            self.fields["member"].queryset = Member.objects.filter(
                status=Member.Status.ACTIVE).order_by("business_name")
            self.fields["member"].label = _("Anggota pembuat")
        else:
            del self.fields["member"]
        if not curator:
            del self.fields["commission_pct"]
        self.fields["category"].queryset = Category.objects.order_by("name")
        requested = self.instance.channels.all() if self.instance.pk else Channel.objects.none()
        self.fields["channels"].queryset = Channel.objects.filter(
            Q(active=True) | Q(pk__in=requested.values("pk")))
        for name in ("barcode", "hs_code", "net_weight_grams", "stock", "min_order_qty"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean_barcode(self):
        code = "".join(self.cleaned_data.get("barcode", "").split()).replace("-", "")
        if code and (error := barcode_error(code)):
            raise forms.ValidationError(error)
        return code

    def clean_hs_code(self):
        # HS codes are often written with dots: 0901.21 is 090121.
        return "".join(self.cleaned_data.get("hs_code", "").split()).replace(".", "")

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

class TierForm(forms.Form):
    min_qty = forms.IntegerField(label=_("Mulai jumlah"), min_value=2, required=False)
    price = RupiahField.for_column(PriceTier, "price", label=_("Harga grosir (Rp)"), min_value=1,
                                   required=False)

    def clean(self):
        cleaned = super().clean()
        filled = [cleaned.get("min_qty") is not None, cleaned.get("price") is not None]
        if any(filled) and not all(filled) and not self.errors:
            raise forms.ValidationError(_("Isi jumlah dan harganya, atau kosongkan keduanya."))
        return cleaned


TierFormSet = forms.formset_factory(TierForm, extra=3, max_num=10, validate_max=True)

def tier_rows(formset) -> list[tuple[int, Decimal]]:
    return [(f.cleaned_data["min_qty"], f.cleaned_data["price"]) for f in formset
            if f.cleaned_data.get("min_qty") is not None]

class PhotoForm(forms.Form):
    photo = forms.ImageField(label=_("Foto produk"),
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
                             help_text=_("JPG, PNG atau WebP, paling besar 8 MB."))

    def clean_photo(self):
        photo = self.cleaned_data["photo"]
        if photo.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("Foto terlalu besar (maksimal 8 MB)."))
        return photo

class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Keputusan"), widget=forms.RadioSelect,
        choices=[("approve", _("Setujui")), ("changes", _("Minta perbaikan")),
                 ("reject", _("Tolak"))])
    note = forms.CharField(label=_("Catatan untuk anggota"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Wajib bila meminta perbaikan atau menolak."))

class ProductFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={
                            "type": "search", "placeholder": _("Nama produk, usaha, barcode")}))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status")), *Product.Status.choices])
    category = forms.ModelChoiceField(label=_("Kategori"), required=False,
                                      queryset=Category.objects.none(),
                                      empty_label=_("Semua kategori"))
    member = forms.ModelChoiceField(label=_("Anggota"), required=False,
                                    queryset=Member.objects.none(),
                                    empty_label=_("Semua anggota"))
    channel = forms.ModelChoiceField(label=_("Saluran"), required=False,
                                     queryset=Channel.objects.none(),
                                     empty_label=_("Semua saluran"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.order_by("name")
        self.fields["member"].queryset = Member.objects.filter(
            products__isnull=False).distinct().order_by("business_name")
        self.fields["member"].label_from_instance = lambda m: m.business_name
        self.fields["channel"].queryset = Channel.objects.all()
