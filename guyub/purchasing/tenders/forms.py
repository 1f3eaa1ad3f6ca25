"""Forms of the tender pages. They parse what people type; the rules themselves (tiers
ascending, deadline at least 24 hours away, ...) live in the services, so the pages
and the API refuse the same things with the same words."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField

from ..forms import DATE, DATETIME
from ..forms import QuantityField as BaseQuantityField
from ..suppliers.models import Item, Supplier


class QuantityField(BaseQuantityField):
    """Quantities of tenders and bids, parsed and shown like every quantity field of
    purchasing (1.500 is fifteen hundred, 12,5 twelve and a half, 12.5 refused); up to
    14 digits, and more than 0 unless `positive=False`."""

    def __init__(self, *, positive=True, **kwargs):
        kwargs.setdefault("max_digits", 14)
        super().__init__(positive=positive, **kwargs)


def quantity_field(label, **kwargs):
    return QuantityField(label=label, **kwargs)


class SupplierChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class TenderForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Barang"), queryset=Item.objects.none(),
                                  empty_label=_("— pilih barang —"))
    quantity = quantity_field(_("Jumlah yang dibutuhkan"),
                              help_text=_("Dalam satuan barang, biasanya permintaan "
                                          "gabungan anggota."))
    deadline = forms.DateTimeField(
        label=_("Batas penawaran"), widget=DATETIME,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text=_("Paling cepat 24 jam dari sekarang (jam server, WIB). Setelah "
                    "dibuat, batas ini hanya bergeser otomatis bila syarat diubah "
                    "menjelang batas."))
    suppliers = SupplierChoices(label=_("Pemasok yang diundang"),
                                queryset=Supplier.objects.none())
    terms = forms.CharField(label=_("Syarat"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("Mutu, kemasan, tempat dan cara pengiriman."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = Item.objects.order_by("name")
        self.fields["suppliers"].queryset = Supplier.objects.order_by("name")


class TermsForm(forms.Form):
    quantity = quantity_field(_("Jumlah yang dibutuhkan"))
    terms = forms.CharField(label=_("Syarat"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 5}))
    add_suppliers = SupplierChoices(label=_("Undang pemasok lain"), required=False,
                                    queryset=Supplier.objects.none())

    def __init__(self, *args, tender, **kwargs):
        kwargs.setdefault("initial", {"quantity": tender.quantity, "terms": tender.terms})
        super().__init__(*args, **kwargs)
        self.fields["add_suppliers"].queryset = (
            Supplier.objects.exclude(pk__in=tender.suppliers.values("pk")).order_by("name"))
        if not self.fields["add_suppliers"].queryset.exists():
            del self.fields["add_suppliers"]


class BidForm(forms.Form):
    pack_size = quantity_field(_("Isi per kemasan"),
                               help_text=_("Misalnya 50 untuk karung 50 kg."))
    min_order_qty = quantity_field(_("Minimal pesanan"), required=False, positive=False,
                                   help_text=_("Kosongkan bila tidak ada minimal."))
    delivery_date = forms.DateField(label=_("Tanggal kirim"), widget=DATE)
    payment_terms = forms.CharField(label=_("Syarat pembayaran"), max_length=200,
                                    help_text=_("Misalnya: tempo 30 hari, atau tunai saat "
                                                "barang diterima."))


class TierForm(forms.Form):
    from_qty = quantity_field(_("Mulai jumlah"), required=False, positive=False)
    unit_price = RupiahField(label=_("Harga per satuan (Rp)"), required=False, min_value=1)

    def clean(self):
        cleaned = super().clean()
        filled = [cleaned.get("from_qty") is not None, cleaned.get("unit_price") is not None]
        if any(filled) and not all(filled) and not self.errors:
            raise forms.ValidationError(_("Isi jumlah dan harganya, atau kosongkan keduanya."))
        return cleaned


TierFormSet = forms.formset_factory(TierForm, extra=0, min_num=4, max_num=10,
                                    validate_max=True)


def tier_rows(formset) -> list[list[Decimal]]:
    return [[f.cleaned_data["from_qty"], f.cleaned_data["unit_price"]] for f in formset
            if f.cleaned_data.get("from_qty") is not None]


class AwardForm(forms.Form):
    bid = forms.TypedChoiceField(label=_("Pemenang"), coerce=int, widget=forms.RadioSelect,
                                 error_messages={"invalid_choice": _("Pilih salah satu "
                                                                     "penawaran.")})
    reason = forms.CharField(label=_("Alasan memilih pemenang"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Dicatat dan ditampilkan kepada semua penawar."))

    def __init__(self, *args, quotes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].choices = [(q.bid.pk, q.bid.supplier.name) for q in quotes
                                      if q.bid.status == "valid"]
