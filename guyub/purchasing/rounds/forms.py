"""Forms of the round pages: opening a round, and a member's commitment."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField

from ..forms import DATE, DATETIME, DecimalCommaField, QuantityField
from ..suppliers.models import PriceList
from .models import Round


class PriceListChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, price_list):
        until = (price_list.valid_until.strftime("%d-%m-%Y") if price_list.valid_until
                 else "…")
        return (f"{price_list.item.name} — {price_list.supplier.name} · "
                f"{price_list.pack_size.normalize():f} {price_list.item.unit}/kemasan · "
                f"{price_list.valid_from:%d-%m-%Y} s.d. {until}")


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=150,
                            widget=forms.TextInput(attrs={"placeholder": _(
                                "Misalnya: Kedelai dan gula aren Februari")}))
    opens_at = forms.DateTimeField(label=_("Waktu buka"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Waktu tutup"), widget=DATETIME,
                                    help_text=_("Pada jam ini pembelian ditutup otomatis."))
    pickup_place = forms.CharField(label=_("Tempat pengambilan"), max_length=200)
    pickup_date = forms.DateField(label=_("Tanggal pengambilan"), widget=DATE)
    transport_cost = RupiahField(label=_("Ongkos angkut (Rp)"), min_value=0, required=False)
    handling_cost = RupiahField(label=_("Ongkos bongkar muat (Rp)"), min_value=0,
                                required=False)
    fee_pct = DecimalCommaField(
        label=_("Jasa koperasi (%)"), max_value=100, max_digits=None, decimal_places=2,
        initial=Decimal("2"), error_messages={
            "max_value": _("Paling banyak %(limit_value)s%%."),
            "max_decimal_places": _("Paling banyak dua angka di belakang koma.")})
    cost_basis = forms.ChoiceField(label=_("Ongkos dibagi"), choices=Round.CostBasis.choices)
    price_lists = PriceListChoice(label=_("Barang dan daftar harga"),
                                  queryset=PriceList.objects.none(),
                                  widget=forms.CheckboxSelectMultiple,
                                  help_text=_("Daftar harga harus berlaku pada tanggal "
                                              "pengambilan; satu pemasok per barang."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["price_lists"].queryset = (
            PriceList.objects.exclude(valid_until__lt=today)
            .select_related("item", "supplier").order_by("item__name", "supplier__name"))
        self.fields["price_lists"].error_messages["required"] = _(
            "Pilih paling sedikit satu barang.")
        now = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["opens_at"].initial = now

    def terms(self) -> dict:
        data = self.cleaned_data
        return {"transport_cost": data.get("transport_cost") or Decimal(0),
                "handling_cost": data.get("handling_cost") or Decimal(0),
                "fee_pct": data["fee_pct"], "cost_basis": data["cost_basis"]}


class CommitForm(forms.Form):
    quantity = QuantityField(label=_("Jumlah pesanan"))
    tolerance = QuantityField(label=_("Toleransi (boleh lebih)"), required=False,
                              help_text=_("Tambahan bila perlu untuk memenuhi kemasan."))
    # Shown only after the service questioned the quantity (see commitment_checks).
    confirm = forms.BooleanField(label=_("Ya, jumlah ini benar"), required=False)

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_confirm = False
        if item is not None:  # unique ids: one form per item card on the page
            self.auto_id = f"id_i{item.pk}_%s"
